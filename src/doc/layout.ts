// The Y.Doc layout of one journey map. The server, other clients and import/export
// rely on these names: change them only with a LAYOUT_VERSION bump and a migration.
//
//   meta         Y.Map<string|number>   title, scenario, personaName, personaDescription,
//                                        personaGoal, cadenceDays, createdAt, layoutVersion
//   stages       Y.Map<id, Y.Map>        id, title, color, order
//   channels     Y.Map<id, Y.Map>        id, title, color, order
//   touchpoints  Y.Map<id, Y.Map>        id, title, description, stageId, channelId, order,
//                                        status, owner, expectation, perception, createdAt
//   connections  Y.Map<id, Y.Map>        id, sourceId, targetId
//   notes        Y.Map<id, Y.Map>        id, touchpointId, kind, text, status, owner,
//                                        votes: Y.Map<voterId, number>, createdAt
//   quotes       Y.Map<id, Y.Map>        id, touchpointId, text, source, sentiment, who,
//                                        date, link, createdAt
//   checklist    Y.Map<touchpointId, Y.Map<item, boolean>>
//                                        the review in progress: review-mode ticks, shared live;
//                                        cleared when a review is saved (saved reviews live on the server)
//
// Each entity is its own Y.Map so concurrent edits of different fields merge; votes are
// one entry per voter so concurrent dot-votes add up instead of overwriting each other.
import * as Y from 'yjs';

export const LAYOUT_VERSION = 1;

export const COLLECTIONS = ['stages', 'channels', 'touchpoints', 'connections', 'notes', 'quotes'] as const;
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
export const checklistOf = (doc: Y.Doc): Y.Map<Y.Map<boolean>> => doc.getMap('checklist');

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
