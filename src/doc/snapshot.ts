// A whole map in and out of a Y.Doc as plain data: import writes a validated snapshot into
// a new map's empty doc; export reads it back. The layout is the one in ./layout.ts.
import * as Y from 'yjs';
import type { JourneyMapSnapshot } from '../domain/types';
import {
  COLLECTIONS,
  LAYOUT_VERSION,
  channelsOf,
  collectionOf,
  connectionsOf,
  metaOf,
  notesOf,
  quotesOf,
  stagesOf,
  touchpointsOf,
  type EntityMap,
} from './layout';
import { readSnapshot } from './read';

/**
 * Origin of the import transaction. Not LOCAL_ORIGIN: the undo manager must not offer to
 * "undo" an import into an empty map.
 */
export const IMPORT_ORIGIN = Symbol('cjm-import');

/** Voter key under which a file's net votes are stored: the file keeps totals, not who voted. */
export const IMPORTED_VOTER = 'imported';

function entity(fields: Record<string, unknown>): EntityMap {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

export function isDocEmpty(doc: Y.Doc): boolean {
  return metaOf(doc).size === 0 && COLLECTIONS.every((name) => collectionOf(doc, name).size === 0);
}

/**
 * Writes a snapshot into an empty doc in one transaction. The snapshot must come from
 * `parseMapJson` (or another validated source): values are written as they are. Ids are kept.
 */
export function applySnapshot(doc: Y.Doc, snapshot: JourneyMapSnapshot): void {
  if (!isDocEmpty(doc)) throw new Error('applySnapshot writes into an empty doc only');
  const { meta } = snapshot;
  doc.transact(() => {
    const m = metaOf(doc);
    m.set('layoutVersion', LAYOUT_VERSION);
    m.set('title', meta.title);
    m.set('scenario', meta.scenario);
    m.set('personaName', meta.persona.name);
    m.set('personaDescription', meta.persona.description);
    m.set('personaGoal', meta.persona.goal);
    m.set('cadenceDays', meta.cadenceDays);
    m.set('createdAt', meta.createdAt);
    for (const s of snapshot.stages) stagesOf(doc).set(s.id, entity({ id: s.id, title: s.title, color: s.color, order: s.order }));
    for (const c of snapshot.channels) {
      channelsOf(doc).set(c.id, entity({ id: c.id, title: c.title, color: c.color, order: c.order }));
    }
    for (const tp of snapshot.touchpoints) {
      touchpointsOf(doc).set(
        tp.id,
        entity({
          id: tp.id,
          title: tp.title,
          description: tp.description,
          stageId: tp.stageId,
          channelId: tp.channelId,
          order: tp.order,
          status: tp.status,
          owner: tp.owner,
          expectation: tp.expectation,
          perception: tp.perception,
          createdAt: tp.createdAt,
        }),
      );
    }
    for (const c of snapshot.connections) {
      connectionsOf(doc).set(c.id, entity({ id: c.id, sourceId: c.sourceId, targetId: c.targetId }));
    }
    for (const n of snapshot.notes) {
      const votes = new Y.Map<number>();
      if (n.votes !== 0) votes.set(IMPORTED_VOTER, n.votes);
      notesOf(doc).set(
        n.id,
        entity({
          id: n.id,
          touchpointId: n.touchpointId,
          kind: n.kind,
          text: n.text,
          status: n.status,
          owner: n.owner,
          votes,
          createdAt: n.createdAt,
        }),
      );
    }
    for (const q of snapshot.quotes) {
      quotesOf(doc).set(
        q.id,
        entity({
          id: q.id,
          touchpointId: q.touchpointId,
          text: q.text,
          source: q.source,
          sentiment: q.sentiment,
          who: q.who,
          date: q.date,
          link: q.link,
          createdAt: q.createdAt,
        }),
      );
    }
  }, IMPORT_ORIGIN);
}

/** The doc as plain data (the same reader the store uses). */
export const docToSnapshot = (doc: Y.Doc): JourneyMapSnapshot => readSnapshot(doc);
