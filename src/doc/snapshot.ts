// A whole map in and out of a Y.Doc as plain data: import writes a validated snapshot into
// a new map's empty doc; export reads it back. The layout is the one in ./layout.ts.
import * as Y from 'yjs';
import {
  CONNECTION_FIELDS,
  LANE_FIELDS,
  NOTE_FIELDS,
  QUOTE_FIELDS,
  TOUCHPOINT_FIELDS,
  pickFields,
} from '../domain/entityFields';
import type { JourneyMapSnapshot } from '../domain/types';
import {
  COLLECTIONS,
  channelsOf,
  collectionOf,
  connectionsOf,
  metaOf,
  newEntity,
  notesOf,
  quotesOf,
  stagesOf,
  touchpointsOf,
  writeMeta,
} from './layout';
import { readSnapshot } from './read';

/**
 * Origin of the import transaction. Not LOCAL_ORIGIN: the undo manager must not offer to
 * "undo" an import into an empty map.
 */
export const IMPORT_ORIGIN = Symbol('cjm-import');

/** Voter key under which a file's net votes are stored: the file keeps totals, not who voted. */
export const IMPORTED_VOTER = 'imported';

export function isDocEmpty(doc: Y.Doc): boolean {
  return metaOf(doc).size === 0 && COLLECTIONS.every((name) => collectionOf(doc, name).size === 0);
}

/**
 * Writes a snapshot into an empty doc in one transaction. The snapshot must come from
 * `parseMapJson` (or another validated source): values are written as they are. Ids are kept.
 */
export function applySnapshot(doc: Y.Doc, snapshot: JourneyMapSnapshot): void {
  if (!isDocEmpty(doc)) throw new Error('applySnapshot writes into an empty doc only');
  doc.transact(() => {
    writeMeta(doc, snapshot.meta);
    writeEntities(doc, snapshot);
  }, IMPORT_ORIGIN);
}

/**
 * Sets the given entities into their collections, replacing any with the same id; call inside
 * a transaction. Values are written as they are (validated input only).
 */
export function writeEntities(doc: Y.Doc, part: Omit<JourneyMapSnapshot, 'meta'>): void {
  for (const s of part.stages) stagesOf(doc).set(s.id, newEntity(pickFields(s, LANE_FIELDS)));
  for (const c of part.channels) channelsOf(doc).set(c.id, newEntity(pickFields(c, LANE_FIELDS)));
  for (const tp of part.touchpoints) touchpointsOf(doc).set(tp.id, newEntity(pickFields(tp, TOUCHPOINT_FIELDS)));
  for (const c of part.connections) connectionsOf(doc).set(c.id, newEntity(pickFields(c, CONNECTION_FIELDS)));
  for (const n of part.notes) {
    const votes = new Y.Map<number>();
    if (n.votes !== 0) votes.set(IMPORTED_VOTER, n.votes);
    notesOf(doc).set(n.id, newEntity({ ...pickFields(n, NOTE_FIELDS), votes }));
  }
  for (const q of part.quotes) quotesOf(doc).set(q.id, newEntity(pickFields(q, QUOTE_FIELDS)));
}

/** The doc as plain data (the same reader the store uses). */
export const docToSnapshot = (doc: Y.Doc): JourneyMapSnapshot => readSnapshot(doc);
