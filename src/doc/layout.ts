// The Y.Doc layout of one journey map. The server, other clients and import/export rely on
// these names: change them only with a LAYOUT_VERSION bump and a migration (./migrations.ts).
//
//   meta         Y.Map                   the MAP_META fields, the PERSONA fields flattened
//                                        (`personaName`…), and `layoutVersion`
//   stages, channels, touchpoints, connections, notes, quotes, layers, cells
//                Y.Map<id, Y.Map>        one Y.Map per entity, its fields as in src/domain/schema.ts;
//                                        a cell made in the app has the id cellIdOf(layer, stage)
//                                        a tally (a note's votes) is a Y.Map<voterId, number>
//   checklist    Y.Map<touchpointId, Y.Map<item, boolean>>
//                                        the review in progress: review-mode ticks, shared live;
//                                        cleared when a review is saved (saved reviews live on the server)
//
// Each entity is its own Y.Map so concurrent edits of different fields merge; votes are
// one entry per voter so concurrent dot-votes add up instead of overwriting each other.
import * as Y from 'yjs';
import { MAP_META, PERSONA, fieldNames, fieldsOf, type AnySchema, type RecordOf } from '../domain/schema';
import type { MapMeta } from '../domain/types';

import { LAYOUT_VERSION } from './migrations';

export { LAYOUT_VERSION };

// `layers` and `cells` came with format version 2. Adding them needed no LAYOUT_VERSION bump: a
// map without them reads as a map without layers, and older builds ignore collections they do
// not know (they would not delete a deleted stage's cells; readers skip such cells).
export const COLLECTIONS = ['stages', 'channels', 'touchpoints', 'connections', 'notes', 'quotes', 'layers', 'cells'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export type EntityMap = Y.Map<unknown>;

export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta');
export const collectionOf = (doc: Y.Doc, name: CollectionName): Y.Map<EntityMap> => doc.getMap(name);

export const stagesOf = (doc: Y.Doc) => collectionOf(doc, 'stages');
export const channelsOf = (doc: Y.Doc) => collectionOf(doc, 'channels');
export const touchpointsOf = (doc: Y.Doc) => collectionOf(doc, 'touchpoints');
export const connectionsOf = (doc: Y.Doc) => collectionOf(doc, 'connections');
export const notesOf = (doc: Y.Doc) => collectionOf(doc, 'notes');
export const quotesOf = (doc: Y.Doc) => collectionOf(doc, 'quotes');
export const layersOf = (doc: Y.Doc) => collectionOf(doc, 'layers');
export const cellsOf = (doc: Y.Doc) => collectionOf(doc, 'cells');
export const checklistOf = (doc: Y.Doc): Y.Map<Y.Map<boolean>> => doc.getMap('checklist');

/** Nothing synced or written yet: no meta and no entities. */
export const isDocEmptyOf = (doc: Y.Doc): boolean =>
  metaOf(doc).size === 0 && COLLECTIONS.every((name) => collectionOf(doc, name).size === 0);

/** Every shared type the undo manager and observers track. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Y.UndoManager takes any shared type
export const trackedTypes = (doc: Y.Doc): Y.AbstractType<any>[] => [
  metaOf(doc),
  checklistOf(doc),
  ...COLLECTIONS.map((name) => collectionOf(doc, name)),
];

/**
 * The well-formed entities of a collection. A peer can write anything into a shared map, so an
 * entry that is not a Y.Map or whose `id` does not match its key is skipped, never trusted.
 */
export function* entitiesOf(collection: Y.Map<EntityMap>): Generator<[string, EntityMap]> {
  for (const [key, value] of collection.entries()) {
    if (value instanceof Y.Map && value.get('id') === key) yield [key, value];
  }
}

export const isEntity = (key: string, value: unknown): value is EntityMap =>
  value instanceof Y.Map && value.get('id') === key;

/** A new entity holding `fields`, to be set into its collection inside a transaction. */
export function newEntity(fields: Record<string, unknown>): EntityMap {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

/** Voter key under which a file's net votes are stored: the file keeps totals, not who voted. */
export const IMPORTED_VOTER = 'imported';

/**
 * A new entity of `schema`: every field written, from `values` or the field's default, so a
 * field added to the schema reaches new entities without touching their callers. A tally
 * becomes a per-voter map (a given total is kept under IMPORTED_VOTER).
 */
export function newEntityOf<S extends AnySchema>(schema: S, values: Partial<RecordOf<S>>): EntityMap {
  const m = new Y.Map<unknown>();
  for (const [key, def] of fieldsOf(schema)) {
    const given = (values as Record<string, unknown>)[key];
    if (def.kind === 'tally') {
      const votes = new Y.Map<number>();
      if (typeof given === 'number' && given !== 0) votes.set(IMPORTED_VOTER, given);
      m.set(key, votes);
      continue;
    }
    const value = given === undefined ? def.fallback : given;
    if (value === undefined) throw new Error(`${schema.name}.${key} has no value and no default`);
    m.set(key, value);
  }
  return m;
}

/** Where a persona field lives in `meta`: flat, `name` as `personaName`. */
export const personaKey = (field: string): string => `persona${field[0]!.toUpperCase()}${field.slice(1)}`;

/** Writes a whole map's meta and the layout version (a new map, an import), inside a transaction. */
export function writeMeta(doc: Y.Doc, meta: MapMeta): void {
  const m = metaOf(doc);
  m.set('layoutVersion', LAYOUT_VERSION);
  for (const key of fieldNames(MAP_META)) m.set(key, meta[key]);
  for (const key of fieldNames(PERSONA)) m.set(personaKey(key), meta.persona[key]);
}
