// One open map: its Y.Doc, the local cache, the websocket provider, presence, the store
// fed from the doc, bound commands and this user's undo history. The UI receives a
// MapSession and never sees Yjs.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import { createStore } from 'zustand/vanilla';
import { bindCommands } from '../doc/commands';
import { refusingCommands } from '../store/readOnly';
import { createUndoManager } from '../doc/undo';
import { LOCAL_ORIGIN } from '../doc/mutations';
import { readMeta } from '../doc/read';
import { putBack, readSavedOwnWrites, watchMerges, type SavedOwnWrite } from '../doc/mergeWatch';
import { touchpointsOf } from '../doc/layout';
import { migrateLayout } from '../doc/migrations';
import { CLOSE_FORBIDDEN, CLOSE_MAP_NOT_FOUND, CLOSE_UNAUTHORIZED } from '../domain/closeCodes';
import type { DocState } from '../domain/api';
import { bindMapStore } from '../store/mapStore';
import type { ConnectionState, HistoryState, MapSession, MergeNotices, MergeNoticesState } from '../store/session';
import { DocCache, type CjmCacheDb } from './localCache';
import { mayHoldCopy } from './copyNote';
import { bindPresence } from './presence';
import { loadIdentity, type Identity } from './identity';

export type { MapSession } from '../store/session';

export interface OpenMapOptions {
  db: CjmCacheDb;
  mapId: string;
  /** Defaults to this browser's remembered identity. */
  identity?: Identity;
  /** e.g. ws://127.0.0.1:4321/ws; without it the map stays in this browser only. */
  serverUrl?: string;
  /** Query parameters for the sync endpoint (the access token). */
  params?: Record<string, string>;
  /**
   * Where fresh parameters come from when they change during the session (links replaced in
   * this tab): a connection refused for its old link then connects again with the new one.
   */
  paramsSource?: SyncParamsSource;
  /** Opened with a view link: every command refuses (the UI hides editing; the server refuses too). */
  readOnly?: boolean;
  /**
   * Tells the server about maps created offline (the directory's announcePending). A map the
   * server does not know yet is refused; if it is one of those, it is announced and the
   * session connects again instead of giving up.
   */
  announce?: () => Promise<void>;
  /**
   * The map's whole state fetched over HTTP (earlyState.ts), for a first visit: applied before
   * the socket connects. null or a failure: the socket brings everything, as without it.
   */
  initialState?: Promise<DocState | null>;
  /** For tests in Node: the `ws` package. */
  WebSocketPolyfill?: typeof WebSocket;
}

export interface SyncParamsSource {
  current: () => Record<string, string>;
  subscribe: (onChange: () => void) => () => void;
}

/** Closes that mean "not with this link" (rather than "no such map" or "try later"). */
const isLinkRefusal = (code: number) => code === CLOSE_UNAUTHORIZED || code === CLOSE_FORBIDDEN;
const sameParams = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Origin of the state fetched early: from the server, like the provider's updates. */
const INITIAL_STATE_ORIGIN = Symbol('cjm-initial-state');

const pendingKey = (mapId: string) => `cjm-studio.pending.${mapId}`;

/** Edits made to the map in this browser that the server has not confirmed yet. */
export function readPending(mapId: string): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(pendingKey(mapId)) ?? 0);
    return Number.isFinite(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

/** Counts work the server has not seen yet (e.g. a whole map created offline) as pending. */
export function notePending(mapId: string, changes: number): void {
  writePending(mapId, readPending(mapId) + changes);
}

function writePending(mapId: string, n: number): void {
  try {
    if (n > 0) globalThis.localStorage?.setItem(pendingKey(mapId), String(n));
    else globalThis.localStorage?.removeItem(pendingKey(mapId));
  } catch {
    // Only the counter shown to the user is lost; the edits themselves are in IndexedDB.
  }
}

export function openMapSession(options: OpenMapOptions): MapSession {
  const { db, mapId, serverUrl } = options;
  const identity = options.identity ?? loadIdentity();
  const doc = new Y.Doc();
  const cache = new DocCache(db, mapId, doc);
  const bound = bindMapStore(doc);
  const undoManager = createUndoManager(doc);
  const historyState = createStore<HistoryState>(() => ({ canUndo: false, canRedo: false }));
  const syncHistory = () =>
    historyState.setState({ canUndo: undoManager.undoStack.length > 0, canRedo: undoManager.redoStack.length > 0 });
  undoManager.on('stack-item-added', syncHistory);
  undoManager.on('stack-item-popped', syncHistory);
  undoManager.on('stack-cleared', syncHistory);

  const awareness = new Awareness(doc);
  const presence = bindPresence(awareness, identity);
  const merges = bindMergeNotices(doc, presence.state, mapId);

  const connection = createStore<ConnectionState>(() => ({
    status: serverUrl ? 'connecting' : 'local',
    synced: false,
    pendingChanges: serverUrl ? readPending(mapId) : 0,
    refusal: null,
  }));

  // Keep the map list's title and count in step with the doc, at most a few times a second.
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  const noteListChange = () => {
    if (!listTimer) listTimer = setTimeout(writeListEntry, 250);
  };

  let provider: WebsocketProvider | null = null;
  /** The parameters the current (or last) socket was opened with. */
  let paramsInUse: Record<string, string> = {};
  let disposed = false;
  // With a cached copy, connect only after it is in the doc, so the first sync asks for just
  // what is missing and sends offline edits. With none (a first visit), connect once the state
  // fetched early is in, or at once.
  // A failed fetch is no error: the socket brings the map (and an unused one must not go unhandled).
  const initialState = options.initialState?.catch(() => null);
  const connectWhen = mayHoldCopy(db.name, mapId) ? cache.whenLoaded : adoptInitialState();
  async function adoptInitialState(): Promise<void> {
    const state = await initialState;
    if (!state || disposed) return;
    const start = performance.now();
    try {
      cache.adoptServerState(state, INITIAL_STATE_ORIGIN);
    } catch (error) {
      console.error('The map state fetched early could not be read; syncing it instead', error);
      return;
    }
    // For profiles and the benchmarks: how long the arriving map took to apply.
    performance.measure?.('map:apply-state', { start });
    // The list's title and count, as after any update (no 'update' listener saw this one).
    noteListChange();
  }
  const connected = connectWhen.then(() => {
    // Closed while the cache was loading (the user left at once): connect nothing.
    if (disposed) return;
    doc.on('update', onDocUpdate);
    if (serverUrl) {
      provider = new WebsocketProvider(serverUrl, mapId, doc, {
        awareness,
        params: options.paramsSource?.current() ?? options.params ?? {},
        ...(options.WebSocketPolyfill && { WebSocketPolyfill: options.WebSocketPolyfill }),
        maxBackoffTime: 4000,
        // Tabs of one browser sync through the server, like everyone else. The provider's
        // BroadcastChannel path encodes the whole map again for other tabs on every connect
        // (a quarter of a second at 2,000 touchpoints), whether or not any tab listens. Offline,
        // two tabs on one map now see each other's edits once the network is back (each keeps
        // its own in IndexedDB meanwhile), as two people would.
        disableBc: true,
      });
      paramsInUse = provider.params;
      provider.on('status', ({ status }) => {
        if (status === 'connecting') paramsInUse = provider!.params;
        const current = connection.getState().status;
        if (current === 'refused') return;
        // Retrying after a lost connection is still "offline" to the user, or the label flickers.
        const next = status === 'connected' ? 'connected' : status === 'connecting' && current !== 'offline' ? 'connecting' : 'offline';
        connection.setState({ status: next, ...(next !== 'connected' && { synced: false }) });
      });
      // A socket that never opened (server down, no network) emits no status change: only this.
      provider.on('connection-close', () => {
        if (connection.getState().status !== 'refused') connection.setState({ status: 'offline', synced: false });
      });
      provider.on('sync', (synced: boolean) => {
        if (!synced) return;
        writePending(mapId, 0);
        connection.setState({ synced: true, pendingChanges: 0 });
        // Only once the server's copy is in: migrating a stale cached copy alone could race a
        // newer build that already moved the map on.
        if (!options.readOnly) migrateLayout(doc);
      });
      provider.on('closed', (event: { code: number; reason: string }) => {
        void onRefused(event);
      });
      if (typeof window !== 'undefined') {
        window.addEventListener('offline', onBrowserOffline);
        window.addEventListener('online', onBrowserOnline);
        if (globalThis.navigator?.onLine === false) onBrowserOffline();
      }
    }
  });
  void cache.whenLoaded.then(() => {
    if (cache.unreadable) connection.setState({ cacheUnreadable: true });
  });
  // Ready once the cached copy is in the doc (the page shows it) and the connection is under way.
  const ready = Promise.all([cache.whenLoaded, connected]).then(() => undefined);

  // New link parameters (links replaced in this tab): a connection refused for the old link
  // tries again with the new one; a live one is closed by the server soon and retries itself.
  const unsubscribeParams = options.paramsSource?.subscribe(() => {
    if (!provider || disposed) return;
    const fresh = options.paramsSource!.current();
    if (sameParams(fresh, provider.params)) return;
    provider.params = fresh;
    const { status, refusal } = connection.getState();
    if (status === 'refused' && refusal && isLinkRefusal(refusal.code)) {
      connection.setState({ status: 'connecting', refusal: null });
      provider.connect();
    }
  });

  let announceRetries = 0;
  async function onRefused(event: { code: number; reason: string }) {
    if (isLinkRefusal(event.code) && options.paramsSource && provider) {
      // Refused for a link this tab has replaced meanwhile: connect with the new one.
      const fresh = options.paramsSource.current();
      if (!sameParams(fresh, paramsInUse)) {
        provider.params = fresh;
        provider.connect();
        return;
      }
    }
    if (event.code === CLOSE_MAP_NOT_FOUND && options.announce) {
      const entry = await db.maps.get(mapId).catch(() => undefined);
      if (entry?.pendingCreate) {
        // Created offline and not announced yet: announce, then try again (and again, with
        // the provider's backoff, while the server stays out of reach).
        await options.announce().catch(() => undefined);
        const delay = Math.min(500 * 2 ** announceRetries++, 30_000);
        setTimeout(() => !disposed && provider?.connect(), delay);
        return;
      }
    }
    connection.setState({ status: 'refused', synced: false, refusal: event });
  }

  // The browser knows before the socket does (a dead socket can take 30 s to notice): stop
  // at once, so edits count as pending, and try again as soon as the network is back.
  function onBrowserOffline() {
    if (!provider || connection.getState().status === 'refused') return;
    provider.disconnect();
    connection.setState({ status: 'offline', synced: false });
  }
  function onBrowserOnline() {
    if (!provider || connection.getState().status === 'refused') return;
    provider.connect();
  }

  const writeListEntry = () => {
    listTimer = null;
    const meta = readMeta(doc);
    if (!meta.title) return;
    void db.maps
      .update(mapId, {
        title: meta.title,
        touchpointCount: touchpointsOf(doc).size,
        updatedAt: new Date().toISOString(),
      })
      .catch(() => undefined);
  };
  function onDocUpdate(_update: Uint8Array, origin: unknown) {
    noteListChange();
    const mine = origin === LOCAL_ORIGIN || origin instanceof Y.UndoManager;
    if (!mine || !serverUrl) return;
    const state = connection.getState();
    // While connected and synced an edit reaches the server at once; otherwise it waits.
    if (state.status === 'connected' && state.synced) return;
    const pendingChanges = state.pendingChanges + 1;
    writePending(mapId, pendingChanges);
    connection.setState({ pendingChanges });
  }

  const commands = oneStepEach(bindCommands(doc, identity.id), undoManager);
  return {
    mapId,
    store: bound.store,
    commands: options.readOnly ? refusingCommands('viewLink', { touchpointsInLane: commands.touchpointsInLane }) : commands,
    history: options.readOnly
      ? { undo: () => undefined, redo: () => undefined, state: historyState }
      : { undo: () => undoManager.undo(), redo: () => undoManager.redo(), state: historyState },
    ...(options.readOnly && { readOnly: true }),
    connection,
    presence,
    ...(!options.readOnly && { merges }),
    ready,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      doc.off('update', onDocUpdate);
      unsubscribeParams?.();
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', onBrowserOffline);
        window.removeEventListener('online', onBrowserOnline);
      }
      if (listTimer) {
        clearTimeout(listTimer);
        writeListEntry();
      }
      merges.dispose();
      presence.dispose();
      provider?.destroy();
      awareness.destroy();
      bound.dispose();
      undoManager.destroy();
      await cache.destroy();
      doc.destroy();
    },
  };
}

/** At most this many notices wait to be read; the oldest go first. */
const MAX_MERGE_NOTICES = 20;

/** Merge notices for one doc, naming writers by what their awareness said while they were here. */
const ownWritesKey = (mapId: string) => `cjm-studio.ownWrites.${mapId}`;

/** This browser's remembered writes of a map, kept beside its cache so a reload while offline keeps them. */
function loadOwnWrites(mapId: string): SavedOwnWrite[] {
  try {
    return readSavedOwnWrites(JSON.parse(globalThis.localStorage?.getItem(ownWritesKey(mapId)) ?? '[]'));
  } catch {
    return [];
  }
}

function saveOwnWrites(mapId: string, writes: SavedOwnWrite[]): void {
  try {
    globalThis.localStorage?.setItem(ownWritesKey(mapId), JSON.stringify(writes));
  } catch {
    // Only the notices after a reload are lost; the edits themselves are in IndexedDB.
  }
}

function bindMergeNotices(
  doc: Y.Doc,
  presenceState: MapSession['presence']['state'],
  mapId: string,
): MergeNotices & { dispose: () => void } {
  const state = createStore<MergeNoticesState>(() => ({ notices: [], names: {} }));
  let nextId = 0;
  const rememberNames = ({ peers }: { peers: { clientId: number; user: { name: string } }[] }) => {
    const { names } = state.getState();
    const fresh = peers.filter((p) => p.user.name !== '' && names[p.clientId] !== p.user.name);
    if (fresh.length === 0) return;
    state.setState({ names: { ...names, ...Object.fromEntries(fresh.map((p) => [p.clientId, p.user.name])) } });
  };
  rememberNames(presenceState.getState());
  const unsubscribe = presenceState.subscribe(rememberNames);
  const stopWatching = watchMerges(
    doc,
    (lost) => {
      const added = lost.map((l) => ({ ...l, id: ++nextId }));
      state.setState({ notices: [...state.getState().notices, ...added].slice(-MAX_MERGE_NOTICES) });
    },
    { saved: loadOwnWrites(mapId), onSave: (writes) => saveOwnWrites(mapId, writes) },
  );
  const dismiss = (id: number) => state.setState({ notices: state.getState().notices.filter((n) => n.id !== id) });
  return {
    state,
    putBack: (id) => {
      const notice = state.getState().notices.find((n) => n.id === id);
      if (!notice) return;
      putBack(doc, notice);
      dismiss(id);
    },
    dismiss,
    dismissAll: () => state.setState({ notices: [] }),
    dispose: () => {
      unsubscribe();
      stopWatching();
    },
  };
}

/**
 * Each user action starts its own undo step: two fields saved in quick succession (a workshop's
 * pace, under the undo manager's capture window) undo one at a time, as they were made. The
 * commands one handler runs together (Delete: the cards, then the connections) stay one step.
 */
function oneStepEach<T extends object>(commands: T, undoManager: Y.UndoManager): T {
  let inAction = false;
  const out: Record<string, unknown> = {};
  for (const [name, command] of Object.entries(commands)) {
    out[name] =
      typeof command === 'function'
        ? (...args: unknown[]) => {
            if (!inAction) {
              undoManager.stopCapturing();
              inAction = true;
              queueMicrotask(() => (inAction = false));
            }
            return (command as (...a: unknown[]) => unknown)(...args);
          }
        : command;
  }
  return out as T;
}
