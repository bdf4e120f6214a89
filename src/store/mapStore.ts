// A Zustand store fed from one map's Y.Doc. Observers re-read only the entities a
// transaction touched; every other entity keeps its object identity, so a selector
// for one touchpoint re-renders only when that touchpoint (or its stats) changed.
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Cell, Channel, Connection, Id, Layer, MapMeta, Note, Quote, ReviewChecklist, Stage, Touchpoint } from '../domain/types';
import { isQuiet } from '../domain/satisfaction';
import { checklistOf, collectionOf, entitiesOf, isEntity, metaOf, type CollectionName, type EntityMap } from '../doc/layout';
import { layoutStatus } from '../doc/migrations';
import {
  readCell,
  readChannel,
  readChecklist,
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
};

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : 1);

function readRecord<T>(doc: Y.Doc, name: CollectionName): Record<Id, T> {
  const out: Record<Id, T> = {};
  for (const [id, m] of entitiesOf(collectionOf(doc, name))) out[id] = READERS[name](m) as T;
  return out;
}

const sameStats = (a: CardStats | undefined, b: CardStats) =>
  !!a && a.fix === b.fix && a.wow === b.wow && a.planB === b.planB && a.quotes === b.quotes && a.quiet === b.quiet;

/** Recomputes every card's stats but keeps the previous object when nothing changed. */
export function computeCardStats(
  touchpoints: Record<Id, Touchpoint>,
  notes: Record<Id, Note>,
  quotes: Record<Id, Quote>,
  cadenceDays: number,
  now: Date,
  previous: Record<Id, CardStats> = {},
): Record<Id, CardStats> {
  const counts = new Map<Id, { fix: number; wow: number; planB: number; quotes: Quote[] }>();
  const slot = (id: Id) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { fix: 0, wow: 0, planB: 0, quotes: [] }));
    return c;
  };
  for (const n of Object.values(notes)) slot(n.touchpointId)[n.kind] += 1;
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

  const onMeta = () => {
    const meta = readMeta(doc);
    const s = store.getState();
    const cadenceChanged = meta.cadenceDays !== s.meta.cadenceDays;
    store.setState({
      meta,
      layoutTooNew: layoutStatus(doc) === 'newer',
      ...(cadenceChanged && {
        cardStats: computeCardStats(s.touchpoints, s.notes, s.quotes, meta.cadenceDays, now(), s.cardStats),
      }),
    });
  };
  metaOf(doc).observe(onMeta);

  // The checklist is small (one entry per touchpoint at most): re-read it whole.
  const onChecklist = () => store.setState({ checklist: readChecklist(doc) });
  checklistOf(doc).observeDeep(onChecklist);

  const observers: [Y.Map<EntityMap>, (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void][] = [];
  const observe = (name: CollectionName, apply: (ids: Set<Id>) => Partial<MapState>) => {
    const collection = collectionOf(doc, name);
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const ids = changedIds(events, collection);
      if (ids.size > 0) store.setState(apply(ids));
    };
    collection.observeDeep(handler);
    observers.push([collection, handler]);
  };

  observe('stages', (ids) => {
    const record = Object.fromEntries(store.getState().stages.map((s) => [s.id, s]));
    return { stages: Object.values(patchRecord(doc, 'stages', record, ids)).sort(byOrder) };
  });
  observe('channels', (ids) => {
    const record = Object.fromEntries(store.getState().channels.map((c) => [c.id, c]));
    return { channels: Object.values(patchRecord(doc, 'channels', record, ids)).sort(byOrder) };
  });
  observe('layers', (ids) => {
    const record = Object.fromEntries(store.getState().layers.map((l) => [l.id, l]));
    return { layers: Object.values(patchRecord(doc, 'layers', record, ids)).sort(byOrder) };
  });
  observe('cells', (ids) => ({ cells: patchRecord(doc, 'cells', store.getState().cells, ids) }));
  observe('connections', (ids) => ({ connections: patchRecord(doc, 'connections', store.getState().connections, ids) }));

  const withStats = (partial: Pick<MapState, 'touchpoints' | 'notes' | 'quotes'>): Partial<MapState> => {
    const s = store.getState();
    const cardStats = computeCardStats(partial.touchpoints, partial.notes, partial.quotes, s.meta.cadenceDays, now(), s.cardStats);
    return { ...partial, cardStats };
  };
  observe('touchpoints', (ids) => {
    const s = store.getState();
    const touchpoints = patchRecord(doc, 'touchpoints', s.touchpoints, ids);
    // Stats count notes and quotes and give a new card its grace: a field edit (title, rating…)
    // cannot change them, only a touchpoint added, removed or (re)dated can, so skip the pass over
    // every note and quote otherwise.
    const statsMayChange = [...ids].some(
      (id) => id in s.touchpoints !== id in touchpoints || s.touchpoints[id]?.createdAt !== touchpoints[id]?.createdAt,
    );
    return statsMayChange ? withStats({ touchpoints, notes: s.notes, quotes: s.quotes }) : { touchpoints };
  });
  observe('notes', (ids) => {
    const s = store.getState();
    return withStats({ touchpoints: s.touchpoints, notes: patchRecord(doc, 'notes', s.notes, ids), quotes: s.quotes });
  });
  observe('quotes', (ids) => {
    const s = store.getState();
    return withStats({ touchpoints: s.touchpoints, notes: s.notes, quotes: patchRecord(doc, 'quotes', s.quotes, ids) });
  });

  return {
    store,
    dispose: () => {
      metaOf(doc).unobserve(onMeta);
      checklistOf(doc).unobserveDeep(onChecklist);
      for (const [collection, handler] of observers) collection.unobserveDeep(handler);
    },
  };
}
