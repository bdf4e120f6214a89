// What the UI holds for one open map. Implemented by src/sync/session.ts; declared here so
// React code depends on the store layer only, never on providers or Yjs.
import type { StoreApi } from 'zustand/vanilla';
import type { MapCommands } from '../doc/commands';
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
  /** Resolves when the cached copy is loaded (the map can be shown). */
  ready: Promise<void>;
  dispose: () => Promise<void>;
}
