// Replacing a live map's whole content with an imported file (the server's "replace with
// file"). Yjs cannot swap a doc, so the content is deleted and the file written in the same
// transaction: connected people receive one update and see the new map at once.
import type * as Y from 'yjs';
import type { JourneyMapSnapshot } from '../domain/types';
import { COLLECTIONS, checklistOf, collectionOf, metaOf } from './layout';
import { applySnapshot } from './snapshot';

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
