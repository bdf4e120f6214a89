// A whole map in and out of a Y.Doc as plain data: import writes a validated snapshot into
// a new map's empty doc; export reads it back. The layout is the one in ./layout.ts.
import * as Y from 'yjs';
import { CELL, CONNECTION, LANE, LAYER, NOTE, QUOTE, TOUCHPOINT } from '../domain/schema';
import type { JourneyMapSnapshot } from '../domain/types';
import {
  cellsOf,
  channelsOf,
  layersOf,
  isDocEmptyOf,
  connectionsOf,
  newEntityOf,
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

export { IMPORTED_VOTER } from './layout';

export const isDocEmpty = isDocEmptyOf;

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
  for (const s of part.stages) stagesOf(doc).set(s.id, newEntityOf(LANE, s));
  for (const c of part.channels) channelsOf(doc).set(c.id, newEntityOf(LANE, c));
  for (const tp of part.touchpoints) touchpointsOf(doc).set(tp.id, newEntityOf(TOUCHPOINT, tp));
  for (const c of part.connections) connectionsOf(doc).set(c.id, newEntityOf(CONNECTION, c));
  for (const n of part.notes) notesOf(doc).set(n.id, newEntityOf(NOTE, n));
  for (const q of part.quotes) quotesOf(doc).set(q.id, newEntityOf(QUOTE, q));
  for (const l of part.layers) layersOf(doc).set(l.id, newEntityOf(LAYER, l));
  for (const c of part.cells) cellsOf(doc).set(c.id, newEntityOf(CELL, c));
}

/** The doc as plain data (the same reader the store uses). */
export const docToSnapshot = (doc: Y.Doc): JourneyMapSnapshot => readSnapshot(doc);
