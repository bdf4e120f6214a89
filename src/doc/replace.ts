// Replacing a live map's whole content with an imported file (the server's "replace with
// file"). Yjs cannot swap a doc, so the content is deleted and the file written in the same
// transaction: connected people receive one update and see the new map at once.
import type * as Y from 'yjs';
import type { JourneyMapSnapshot } from '../domain/types';
import { COLLECTIONS, checklistOf, collectionOf, metaOf, writeMeta } from './layout';
import { applySnapshot, writeEntities } from './snapshot';

/** Origin of a replace: like an import, never something a user can undo as their own edit. */
export const REPLACE_ORIGIN = Symbol('cjm-replace');

/**
 * Deletes every entity, the meta fields and the review checklist, then writes `snapshot`
 * (validated, from `parseMapJson`) with its ids, all in one transaction.
 */
export function replaceWithSnapshot(doc: Y.Doc, snapshot: JourneyMapSnapshot): void {
  doc.transact(() => {
    const meta = metaOf(doc);
    for (const key of [...meta.keys()]) meta.delete(key);
    for (const name of COLLECTIONS) {
      const collection = collectionOf(doc, name);
      for (const id of [...collection.keys()]) collection.delete(id);
    }
    const checklist = checklistOf(doc);
    for (const id of [...checklist.keys()]) checklist.delete(id);
    // Nested: joins this transaction, so peers never see the map empty.
    applySnapshot(doc, snapshot);
  }, REPLACE_ORIGIN);
}

/**
 * The same end state as `replaceWithSnapshot`, reached in many small transactions (so many
 * small updates), for maps too big to apply in one go without stalling whoever applies them
 * (the server applies each between other work). Writes come first, deletions last, so a peer
 * applying the updates as they come never sees the map empty: the meta and lanes, then the
 * file's entities `perStep` at a time (replacing those with the same id), then the removal of
 * what the file does not have, also `perStep` at a time.
 */
export function replaceInSteps(doc: Y.Doc, snapshot: JourneyMapSnapshot, perStep: number): void {
  const none = { stages: [], channels: [], touchpoints: [], connections: [], notes: [], quotes: [], layers: [], cells: [] };
  doc.transact(() => {
    const meta = metaOf(doc);
    for (const key of [...meta.keys()]) meta.delete(key);
    writeMeta(doc, snapshot.meta);
    writeEntities(doc, { ...none, stages: snapshot.stages, channels: snapshot.channels, layers: snapshot.layers });
  }, REPLACE_ORIGIN);
  for (const name of ['touchpoints', 'connections', 'notes', 'quotes', 'cells'] as const) {
    const all = snapshot[name];
    for (let i = 0; i < all.length; i += perStep) {
      doc.transact(() => writeEntities(doc, { ...none, [name]: all.slice(i, i + perStep) }), REPLACE_ORIGIN);
    }
  }
  const stale: (() => void)[] = [];
  for (const name of COLLECTIONS) {
    const keep = new Set<string>(snapshot[name].map((entity) => entity.id));
    const collection = collectionOf(doc, name);
    for (const id of collection.keys()) if (!keep.has(id)) stale.push(() => collection.delete(id));
  }
  const checklist = checklistOf(doc);
  for (const id of checklist.keys()) stale.push(() => checklist.delete(id));
  for (let i = 0; i < stale.length; i += perStep) {
    doc.transact(() => {
      for (const remove of stale.slice(i, i + perStep)) remove();
    }, REPLACE_ORIGIN);
  }
}
