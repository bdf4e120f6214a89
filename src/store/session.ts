// What the UI holds for one open map. Implemented by src/sync/session.ts; declared here so
// React code depends on the store layer only, never on providers or Yjs.
import type { StoreApi } from 'zustand/vanilla';
import type { MapCommands } from '../doc/commands';
import type { LostWrite } from '../doc/mergeWatch';
import type { MapStore } from './mapStore';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
}

export interface MapHistory {
  undo: () => void;
  redo: () => void;
  state: StoreApi<HistoryState>;
}

export interface MapSession {
  mapId: string;
  store: MapStore;
  commands: MapCommands;
  history: MapHistory;
  connection: StoreApi<ConnectionState>;
  presence: MapPresence;
  /**
   * A map that may only be looked at (a saved review opened from the past): the canvas and the
   * panels hide editing and its commands refuse. Absent means false.
   */
  readOnly?: boolean;
  /** What merges replaced of this user's edits (absent for a frozen snapshot: nothing merges there). */
  merges?: MergeNotices;
  /** Resolves when the cached copy is loaded (the map can be shown). */
  ready: Promise<void>;
  dispose: () => Promise<void>;
}

export type ConnectionStatus = 'local' | 'connecting' | 'connected' | 'offline' | 'refused';

export interface ConnectionState {
  /** `local`: no server configured; `refused`: the server closed for good (bad link, unknown map). */
  status: ConnectionStatus;
  /** The first full exchange with the server is done for this connection. */
  synced: boolean;
  /** Local changes made since the server last confirmed a full sync. */
  pendingChanges: number;
  refusal: { code: number; reason: string } | null;
  /** This browser's copy of the map could not be read: what shows is the server's copy alone. */
  cacheUnreadable?: boolean;
}

export interface PeerUser {
  id: string;
  name: string;
  color: string;
}

/** Ephemeral state of one other person on the map (awareness; never stored). */
export interface Peer {
  clientId: number;
  user: PeerUser;
  /** Cursor in flow coordinates, so it lines up whatever each person's pan and zoom. */
  cursor: { x: number; y: number } | null;
  selection: string[];
  editing: string | null;
  /** What this person is presenting to the others (absent or null: not presenting). */
  presenting?: Presenting | null;
}

/**
 * A presenter's place, broadcast so followers can track it: the slide of presentation mode, or,
 * when the presenter is on the canvas, the viewport (flow coordinates and zoom).
 */
export interface Presenting {
  slide: number | null;
  viewport: { x: number; y: number; zoom: number } | null;
}

export interface PresenceState {
  self: PeerUser;
  /** This tab's awareness client id (a person with two tabs has two). */
  selfClientId: number;
  peers: Peer[];
}

export interface MapPresence {
  state: StoreApi<PresenceState>;
  setCursor: (cursor: { x: number; y: number } | null) => void;
  setSelection: (ids: string[]) => void;
  setEditing: (id: string | null) => void;
  setPresenting: (presenting: Presenting | null) => void;
  setName: (name: string) => void;
}

/** One value of this user's that a merge replaced with someone else's. */
export interface MergeNotice extends LostWrite {
  id: number;
}

export interface MergeNoticesState {
  notices: MergeNotice[];
  /** Display names of the clients seen on this map (awareness), kept after they leave. */
  names: Record<number, string>;
}

export interface MergeNotices {
  state: StoreApi<MergeNoticesState>;
  /** Writes mine back as a new, undoable edit and drops the notice; throws when it no longer fits. */
  putBack: (id: number) => void;
  dismiss: (id: number) => void;
  dismissAll: () => void;
}

