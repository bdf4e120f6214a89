// A map that is only looked at: a saved review opened from the past. Its store is filled once
// from the review's frozen snapshot (no doc behind it), and its session refuses every edit, so
// the same canvas and panels can show it with editing hidden.
import { createStore } from 'zustand/vanilla';
import type { Id, JourneyMapSnapshot, Review, ReviewChecklist } from '../domain/types';
import { computeCardStats, type MapState, type MapStore } from './mapStore';
import { refusingCommands } from './readOnly';
import type { ConnectionState, HistoryState, MapPresence, MapSession, PresenceState } from './session';

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : 1);

const recordOf = <T extends { id: Id }>(items: readonly T[]): Record<Id, T> =>
  Object.fromEntries(items.map((item) => [item.id, item]));

/** The store's state for a plain snapshot; quiet cards are judged as of `asOf` (the review's day). */
export function stateOfSnapshot(
  snapshot: JourneyMapSnapshot,
  checklist: Record<Id, ReviewChecklist> = {},
  asOf: Date = new Date(),
): MapState {
  const touchpoints = recordOf(snapshot.touchpoints);
  const notes = recordOf(snapshot.notes);
  const quotes = recordOf(snapshot.quotes);
  return {
    meta: snapshot.meta,
    stages: [...snapshot.stages].sort(byOrder),
    channels: [...snapshot.channels].sort(byOrder),
    touchpoints,
    connections: recordOf(snapshot.connections),
    notes,
    quotes,
    layers: [...snapshot.layers].sort(byOrder),
    cells: recordOf(snapshot.cells),
    // A saved review keeps no discussion.
    comments: {},
    people: {},
    cardStats: computeCardStats(touchpoints, notes, quotes, snapshot.meta.cadenceDays, asOf),
    checklist,
    // A snapshot has been read into this build's types already.
    layoutTooNew: false,
  };
}

/** A store that never changes, filled from a snapshot. */
export function snapshotStore(
  snapshot: JourneyMapSnapshot,
  checklist: Record<Id, ReviewChecklist> = {},
  asOf: Date = new Date(),
): MapStore {
  return createStore<MapState>(() => stateOfSnapshot(snapshot, checklist, asOf));
}

/** The store's state as a plain snapshot (what the review diff and health figures take). */
export function snapshotOfState(
  state: Pick<MapState, 'meta' | 'stages' | 'channels' | 'touchpoints' | 'connections' | 'notes' | 'quotes' | 'layers' | 'cells'>,
): JourneyMapSnapshot {
  return {
    meta: state.meta,
    stages: state.stages,
    channels: state.channels,
    touchpoints: Object.values(state.touchpoints),
    connections: Object.values(state.connections),
    notes: Object.values(state.notes),
    quotes: Object.values(state.quotes),
    layers: state.layers,
    cells: Object.values(state.cells),
  };
}

const NO_HISTORY = createStore<HistoryState>(() => ({ canUndo: false, canRedo: false }));
const LOOKED_AT = createStore<ConnectionState>(() => ({ status: 'connected', synced: true, pendingChanges: 0, refusal: null }));
const NOBODY: PresenceState = { self: { id: '', name: '', color: '#64748b' }, selfClientId: -1, peers: [] };
const NO_PRESENCE: MapPresence = {
  state: createStore<PresenceState>(() => NOBODY),
  setCursor: () => undefined,
  setSelection: () => undefined,
  setEditing: () => undefined,
  setPresenting: () => undefined,
  setName: () => undefined,
};

/** A session over a frozen snapshot: nothing is synced, shared or undoable, and edits refuse. */
export function readOnlySession(mapId: string, review: Pick<Review, 'snapshot' | 'checklist' | 'createdAt'>): MapSession {
  const asOf = Number.isFinite(Date.parse(review.createdAt)) ? new Date(review.createdAt) : new Date();
  const store = snapshotStore(review.snapshot, review.checklist, asOf);
  return {
    mapId,
    store,
    commands: refusingCommands('savedReview', {
      touchpointsInLane: (kind, laneId) =>
        Object.values(store.getState().touchpoints)
          .filter((tp) => (kind === 'stage' ? tp.stageId : tp.channelId) === laneId)
          .map((tp) => tp.id),
    }),
    history: { undo: () => undefined, redo: () => undefined, state: NO_HISTORY },
    connection: LOOKED_AT,
    presence: NO_PRESENCE,
    readOnly: true,
    ready: Promise.resolve(),
    dispose: async () => undefined,
  };
}

const frozenSessions = new WeakMap<Review, MapSession>();

/** One read-only session per opened review object, shared by the canvas and the side panel. */
export function frozenSessionOf(mapId: string, review: Review): MapSession {
  let session = frozenSessions.get(review);
  if (!session) {
    session = readOnlySession(mapId, review);
    frozenSessions.set(review, session);
  }
  return session;
}
