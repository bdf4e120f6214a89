// Merge notices: a CRDT merge picks one value when two people set the same field without seeing
// each other's edit (one of them offline, or both within the same moment). This keeps a record of
// this client's own recent text writes and, when a remote update leaves one of those fields
// holding a value written by someone who had not seen ours, reports what was lost and who won.
// A later edit made by someone who had seen ours is ordinary collaboration and reports nothing.
import * as Y from 'yjs';
import type { Id } from '../domain/types';
import { collectionOf, metaOf, type CollectionName } from './layout';
import { updateLane, setMapTitle, setScenario, updateNote, updateQuote, updateTouchpoint } from './mutations';

/** The fields people type into, per place; only these are watched. */
export const WATCHED_FIELDS = {
  meta: ['title', 'scenario'],
  stages: ['title', 'owner'],
  channels: ['title', 'owner'],
  touchpoints: ['title', 'description', 'owner'],
  notes: ['text', 'owner'],
  quotes: ['text', 'who'],
} as const satisfies Partial<Record<CollectionName | 'meta', readonly string[]>>;

export type WatchedPlace = keyof typeof WATCHED_FIELDS;

export interface LostWrite {
  place: WatchedPlace;
  /** The entity's id; '' for the map itself. */
  entityId: Id;
  field: string;
  /** What this client had set. */
  mine: string;
  /** What the field holds now. */
  theirs: string;
  /** The Yjs client that wrote `theirs` (the same number its awareness state is keyed by). */
  byClient: number;
  /** The card the field belongs to (a note's or quote's card), or the lane, when known: for naming it. */
  touchpointId: Id | null;
}

interface OwnWrite {
  value: string;
  item: Y.ID;
}

/**
 * This client's remembered writes as plain JSON, to keep beside the offline cache: after a reload
 * (a new Yjs client id) the items written before are still in the cached doc under the old id.
 */
export interface SavedOwnWrite {
  key: string;
  value: string;
  client: number;
  clock: number;
}

const isSavedOwnWrite = (v: unknown): v is SavedOwnWrite => {
  const r = v as Partial<SavedOwnWrite> | null;
  return (
    !!r &&
    typeof r.key === 'string' &&
    typeof r.value === 'string' &&
    Number.isSafeInteger(r.client) &&
    Number.isSafeInteger(r.clock)
  );
};

/** Reads saved writes defensively: anything malformed is dropped, never trusted. */
export function readSavedOwnWrites(raw: unknown): SavedOwnWrite[] {
  return Array.isArray(raw) ? raw.filter(isSavedOwnWrite).slice(-MAX_RECORDS) : [];
}

export interface WatchOptions {
  /** Writes remembered by an earlier session of this browser. */
  saved?: readonly SavedOwnWrite[];
  /** Called after the remembered writes changed, with all of them (oldest first). */
  onSave?: (writes: SavedOwnWrite[]) => void;
}

const recordKey = (place: WatchedPlace, entityId: Id, field: string) => `${place}\u0000${entityId}\u0000${field}`;

/** How many of this client's writes are remembered; older ones are forgotten first. */
const MAX_RECORDS = 200;

/** Where a changed Y.Map sits in the layout: the map's meta, or one entity of a collection. */
function placeOf(doc: Y.Doc, type: object): { place: WatchedPlace; entityId: Id; map: Y.Map<unknown> } | null {
  if (!(type instanceof Y.Map)) return null;
  const map = type as Y.Map<unknown>;
  if (map === metaOf(doc)) return { place: 'meta', entityId: '', map };
  const item = map._item;
  if (!item || typeof item.parentSub !== 'string') return null;
  for (const place of Object.keys(WATCHED_FIELDS) as WatchedPlace[]) {
    if (place !== 'meta' && item.parent === collectionOf(doc, place)) return { place, entityId: item.parentSub, map };
  }
  return null;
}

/** The item that holds a map key's current value. */
const currentItem = (map: Y.Map<unknown>, key: string): Y.Item | undefined => map._map.get(key);

/** Whether `item`'s writer had seen `known` when writing it: `known` is on its chain of left origins. */
function hadSeen(doc: Y.Doc, item: Y.Item, known: Y.ID): boolean {
  let origin = item.origin;
  // The chain is as long as the key's history; bounded all the same, against a hostile peer.
  for (let steps = 0; origin && steps < 10_000; steps++) {
    if (Y.compareIDs(origin, known)) return true;
    const previous = Y.getItem(doc.store, origin);
    if (!(previous instanceof Y.Item)) return false;
    origin = previous.origin;
  }
  return false;
}

function touchpointOf(doc: Y.Doc, place: WatchedPlace, entityId: Id): Id | null {
  if (place === 'touchpoints') return entityId;
  if (place === 'notes' || place === 'quotes') {
    const owner = collectionOf(doc, place).get(entityId)?.get('touchpointId');
    return typeof owner === 'string' ? owner : null;
  }
  return null;
}

/**
 * Watches `doc`: records every watched text field this client writes, and calls `onLost` after a
 * remote update that replaced some of them with a value written without seeing ours.
 */
export function watchMerges(doc: Y.Doc, onLost: (lost: LostWrite[]) => void, options: WatchOptions = {}): () => void {
  // Typed shared maps from the start: a doc filled from bytes holds untyped ones until asked.
  metaOf(doc);
  for (const place of Object.keys(WATCHED_FIELDS) as WatchedPlace[]) if (place !== 'meta') collectionOf(doc, place);
  const own = new Map<string, OwnWrite>();
  for (const w of readSavedOwnWrites(options.saved)) own.set(w.key, { value: w.value, item: Y.createID(w.client, w.clock) });
  const save = () =>
    options.onSave?.([...own].map(([key, w]) => ({ key, value: w.value, client: w.item.client, clock: w.item.clock })));

  const onTransaction = (tr: Y.Transaction) => {
    const lost: LostWrite[] = [];
    let touched = false;
    tr.changed.forEach((keys, type) => {
      const at = placeOf(doc, type);
      if (!at) return;
      const fields: readonly string[] = WATCHED_FIELDS[at.place];
      const { map } = at;
      for (const field of keys) {
        if (field === null || !fields.includes(field)) continue;
        const key = recordKey(at.place, at.entityId, field);
        const item = currentItem(map, field);
        const value = map.get(field);
        if (tr.local) {
          // Our own edit (typing, undo, redo, put back): the newest one is what we stand by.
          touched = true;
          own.delete(key);
          if (item && !item.deleted && typeof value === 'string') {
            own.set(key, { value, item: item.id });
            if (own.size > MAX_RECORDS) own.delete(own.keys().next().value!);
          }
          continue;
        }
        const mine = own.get(key);
        if (!mine || !item || item.deleted || Y.compareIDs(item.id, mine.item)) continue;
        touched = true;
        own.delete(key);
        if (typeof value !== 'string' || value === mine.value || hadSeen(doc, item, mine.item)) continue;
        lost.push({
          place: at.place,
          entityId: at.entityId,
          field,
          mine: mine.value,
          theirs: value,
          byClient: item.id.client,
          touchpointId: touchpointOf(doc, at.place, at.entityId),
        });
      }
    });
    if (touched) save();
    if (lost.length > 0) onLost(lost);
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}

/** Writes this client's lost value back, as a new (undoable) edit; throws when it no longer fits. */
export function putBack(doc: Y.Doc, lost: Pick<LostWrite, 'place' | 'entityId' | 'field' | 'mine'>): void {
  const { place, entityId, field, mine } = lost;
  switch (place) {
    case 'meta':
      if (field === 'title') setMapTitle(doc, mine);
      else setScenario(doc, mine);
      return;
    case 'stages':
      return updateLane(doc, 'stage', entityId, { [field]: mine });
    case 'channels':
      return updateLane(doc, 'channel', entityId, { [field]: mine });
    case 'touchpoints':
      return updateTouchpoint(doc, entityId, { [field]: mine });
    case 'notes':
      return updateNote(doc, entityId, { [field]: mine });
    case 'quotes':
      return updateQuote(doc, entityId, { [field]: mine });
  }
}
