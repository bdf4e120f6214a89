// A Zustand store fed from one map's Y.Doc. Observers re-read only the entities a
// transaction touched; every other entity keeps its object identity, so a selector
// for one touchpoint re-renders only when that touchpoint (or its stats) changed.
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Cell, Channel, Comment, Connection, Id, Layer, MapMeta, Note, Quote, ReviewChecklist, Stage, Touchpoint } from '../domain/types';
import { isQuiet } from '../domain/satisfaction';
import { cardContent, EMPTY_CARD_CONTENT, sameCardContent, type CardContent } from '../domain/cardContent';
import { checklistOf, collectionOf, entitiesOf, isEntity, metaOf, peopleOf, type CollectionName, type EntityMap } from '../doc/layout';
import { layoutStatus } from '../doc/migrations';
import {
  readCell,
  readChannel,
  readChecklist,
  readComment,
  readPeople,
  readConnection,
  readLayer,
  readMeta,
  readNote,
  readQuote,
  readStage,
  readTouchpoint,
} from '../doc/read';

export interface CardStats {
  fix: number;
  wow: number;
  planB: number;
  quotes: number;
  quiet: boolean;
  /** What the card shows at reading zoom; it also sets the card's height on the grid. */
  content: CardContent;
}

export interface MapState {
  meta: MapMeta;
  /** Sorted by order. */
  stages: Stage[];
  channels: Channel[];
  touchpoints: Record<Id, Touchpoint>;
  connections: Record<Id, Connection>;
  notes: Record<Id, Note>;
  quotes: Record<Id, Quote>;
  /** Stage layers, sorted by order (hidden ones included). */
  layers: Layer[];
  cells: Record<Id, Cell>;
  /** Comment threads and replies on touchpoints and cells. */
  comments: Record<Id, Comment>;
  /** Who has been on the map: identity id → name (for @mentions). */
  people: Record<string, string>;
  cardStats: Record<Id, CardStats>;
  /** Review-mode ticks of the review in progress. */
  checklist: Record<Id, ReviewChecklist>;
  /** Saved by a newer CJM Studio: this build would misread it, so it is shown read-only. */
  layoutTooNew: boolean;
}

export type MapStore = StoreApi<MapState>;

type Reader = (m: EntityMap) => unknown;
const READERS: Record<CollectionName, Reader> = {
  stages: readStage,
  channels: readChannel,
  touchpoints: readTouchpoint,
  connections: readConnection,
  notes: readNote,
  quotes: readQuote,
  layers: readLayer,
  cells: readCell,
  comments: readComment,
};

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : 1);

function readRecord<T>(doc: Y.Doc, name: CollectionName): Record<Id, T> {
  const out: Record<Id, T> = {};
  for (const [id, m] of entitiesOf(collectionOf(doc, name))) out[id] = READERS[name](m) as T;
  return out;
}

const sameStats = (a: CardStats | undefined, b: CardStats) =>
  !!a &&
  a.fix === b.fix &&
  a.wow === b.wow &&
  a.planB === b.planB &&
  a.quotes === b.quotes &&
  a.quiet === b.quiet &&
  sameCardContent(a.content, b.content);

/** Recomputes every card's stats but keeps the previous object when nothing changed. */
export function computeCardStats(
  touchpoints: Record<Id, Touchpoint>,
  notes: Record<Id, Note>,
  quotes: Record<Id, Quote>,
  cadenceDays: number,
  now: Date,
  previous: Record<Id, CardStats> = {},
): Record<Id, CardStats> {
  const counts = new Map<Id, { fix: number; wow: number; planB: number; notes: Note[]; quotes: Quote[] }>();
  const slot = (id: Id) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { fix: 0, wow: 0, planB: 0, notes: [], quotes: [] }));
    return c;
  };
  for (const n of Object.values(notes)) {
    const c = slot(n.touchpointId);
    c[n.kind] += 1;
    c.notes.push(n);
  }
  for (const q of Object.values(quotes)) slot(q.touchpointId).quotes.push(q);
  const out: Record<Id, CardStats> = {};
  for (const id of Object.keys(touchpoints)) {
    const c = counts.get(id);
    const next: CardStats = {
      fix: c?.fix ?? 0,
      wow: c?.wow ?? 0,
      planB: c?.planB ?? 0,
      quotes: c?.quotes.length ?? 0,
      quiet: isQuiet(c?.quotes ?? [], now, cadenceDays, touchpoints[id]!.createdAt),
      content: c ? cardContent(c.notes, c.quotes) : EMPTY_CARD_CONTENT,
    };
    const prev = previous[id];
    out[id] = sameStats(prev, next) ? prev! : next;
  }
  return out;
}

export function readMapState(doc: Y.Doc, now = new Date()): MapState {
  const meta = readMeta(doc);
  const touchpoints = readRecord<Touchpoint>(doc, 'touchpoints');
  const notes = readRecord<Note>(doc, 'notes');
  const quotes = readRecord<Quote>(doc, 'quotes');
  return {
    meta,
    stages: Object.values(readRecord<Stage>(doc, 'stages')).sort(byOrder),
    channels: Object.values(readRecord<Channel>(doc, 'channels')).sort(byOrder),
    touchpoints,
    connections: readRecord<Connection>(doc, 'connections'),
    notes,
    quotes,
    layers: Object.values(readRecord<Layer>(doc, 'layers')).sort(byOrder),
    cells: readRecord<Cell>(doc, 'cells'),
    comments: readRecord<Comment>(doc, 'comments'),
    people: readPeople(doc),
    cardStats: computeCardStats(touchpoints, notes, quotes, meta.cadenceDays, now),
    checklist: readChecklist(doc),
    layoutTooNew: layoutStatus(doc) === 'newer',
  };
}

/** The ids of a collection's entities a transaction added, removed or changed. */
function changedIds(events: Y.YEvent<Y.AbstractType<unknown>>[], collection: Y.Map<EntityMap>): Set<Id> {
  const ids = new Set<Id>();
  for (const event of events) {
    if (event.target === collection) {
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    } else {
      // A nested change (a field of an entity, or a vote inside a note): path[0] is the entity id.
      const first = event.path[0];
      if (typeof first === 'string') ids.add(first);
    }
  }
  return ids;
}

function patchRecord<T>(doc: Y.Doc, name: CollectionName, previous: Record<Id, T>, ids: Set<Id>): Record<Id, T> {
  const next = { ...previous };
  const collection = collectionOf(doc, name);
  for (const id of ids) {
    const m = collection.get(id);
    if (isEntity(id, m)) next[id] = READERS[name](m) as T;
    else delete next[id];
  }
  return next;
}

export interface BoundMapStore {
  store: MapStore;
  dispose: () => void;
}

/** Creates the store and keeps it in step with the doc until `dispose`. */
export function bindMapStore(doc: Y.Doc, now: () => Date = () => new Date()): BoundMapStore {
  const store = createStore<MapState>(() => readMapState(doc, now()));

  // Observers only note what a transaction changed; the store takes it all in one setState after
  // the transaction. A map arriving from the server is one transaction touching every collection:
  // one update means selectors run once and card stats are counted once, not once per collection.
  const changed = new Map<CollectionName, Set<Id>>();
  let metaChanged = false;
  let checklistChanged = false;
  let peopleChanged = false;

  const onMeta = () => (metaChanged = true);
  metaOf(doc).observe(onMeta);
  const onChecklist = () => (checklistChanged = true);
  checklistOf(doc).observeDeep(onChecklist);
  const onPeople = () => (peopleChanged = true);
  peopleOf(doc).observe(onPeople);

  const observers: [Y.Map<EntityMap>, (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void][] = [];
  for (const name of Object.keys(READERS) as CollectionName[]) {
    const collection = collectionOf(doc, name);
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const ids = changedIds(events, collection);
      if (ids.size === 0) return;
      const pending = changed.get(name);
      if (pending) for (const id of ids) pending.add(id);
      else changed.set(name, ids);
    };
    collection.observeDeep(handler);
    observers.push([collection, handler]);
  }

  const sorted = <T extends { order: number; id: string }>(name: CollectionName, list: T[], ids: Set<Id>): T[] =>
    Object.values(patchRecord(doc, name, Object.fromEntries(list.map((x) => [x.id, x])), ids)).sort(byOrder);

  const flush = () => {
    if (changed.size === 0 && !metaChanged && !checklistChanged && !peopleChanged) return;
    // Taken off the queue first: one failed read must not jam every later transaction.
    const taken = new Map(changed);
    const [meta, checklist, people] = [metaChanged, checklistChanged, peopleChanged];
    changed.clear();
    metaChanged = checklistChanged = peopleChanged = false;
    const s = store.getState();
    const next: Partial<MapState> = {};
    const ids = (name: CollectionName) => taken.get(name);
    const patch = <T>(name: CollectionName, previous: Record<Id, T>) => {
      const set = ids(name);
      return set ? patchRecord(doc, name, previous, set) : previous;
    };
    if (meta) {
      next.meta = readMeta(doc);
      next.layoutTooNew = layoutStatus(doc) === 'newer';
    }
    if (checklist) next.checklist = readChecklist(doc);
    if (people) next.people = readPeople(doc);
    if (ids('stages')) next.stages = sorted('stages', s.stages, ids('stages')!);
    if (ids('channels')) next.channels = sorted('channels', s.channels, ids('channels')!);
    if (ids('layers')) next.layers = sorted('layers', s.layers, ids('layers')!);
    if (ids('comments')) next.comments = patch('comments', s.comments);
    if (ids('cells')) next.cells = patch('cells', s.cells);
    if (ids('connections')) next.connections = patch('connections', s.connections);

    const touchpoints = patch('touchpoints', s.touchpoints);
    const notes = patch('notes', s.notes);
    const quotes = patch('quotes', s.quotes);
    if (touchpoints !== s.touchpoints) next.touchpoints = touchpoints;
    if (notes !== s.notes) next.notes = notes;
    if (quotes !== s.quotes) next.quotes = quotes;
    // Stats count notes and quotes and give a new card its grace: a touchpoint's field edit
    // (title, rating…) cannot change them, only a touchpoint added, removed or (re)dated can, so
    // the pass over every note and quote is skipped otherwise.
    const cadenceDays = next.meta?.cadenceDays ?? s.meta.cadenceDays;
    const statsMayChange =
      notes !== s.notes ||
      quotes !== s.quotes ||
      cadenceDays !== s.meta.cadenceDays ||
      [...(ids('touchpoints') ?? [])].some(
        (id) => id in s.touchpoints !== id in touchpoints || s.touchpoints[id]?.createdAt !== touchpoints[id]?.createdAt,
      );
    if (statsMayChange) next.cardStats = computeCardStats(touchpoints, notes, quotes, cadenceDays, now(), s.cardStats);

    store.setState(next);
  };
  doc.on('afterTransaction', flush);

  return {
    store,
    dispose: () => {
      doc.off('afterTransaction', flush);
      metaOf(doc).unobserve(onMeta);
      checklistOf(doc).unobserveDeep(onChecklist);
      peopleOf(doc).unobserve(onPeople);
      for (const [collection, handler] of observers) collection.unobserveDeep(handler);
    },
  };
}
