// Local UI state: never synced, never stored in the doc (React Flow's "local" state).
import { createStore } from 'zustand/vanilla';
import type { Id } from '../domain/types';

export interface UiState {
  /** Selected touchpoints on the canvas. */
  selectedTouchpointIds: ReadonlySet<Id>;
  selectedConnectionIds: ReadonlySet<Id>;
  /** The touchpoint the side panel shows (the last one clicked). */
  focusedTouchpointId: Id | null;
  /** Which side panel is open besides the touchpoint panel. */
  sidePanel: 'touchpoint' | 'map' | null;
}

export interface UiActions {
  selectTouchpoints: (ids: Iterable<Id>, focus?: Id | null) => void;
  selectConnections: (ids: Iterable<Id>) => void;
  clearSelection: () => void;
  openSidePanel: (panel: UiState['sidePanel']) => void;
}

export const createUiStore = () =>
  createStore<UiState & UiActions>((set) => ({
    selectedTouchpointIds: new Set(),
    selectedConnectionIds: new Set(),
    focusedTouchpointId: null,
    sidePanel: null,
    selectTouchpoints: (ids, focus) => {
      const selected = new Set(ids);
      set((s) => {
        const focused = focus !== undefined ? focus : selected.size === 1 ? [...selected][0]! : s.focusedTouchpointId;
        return {
          selectedTouchpointIds: selected,
          focusedTouchpointId: focused && selected.has(focused) ? focused : null,
          sidePanel: focused && selected.has(focused) ? 'touchpoint' : s.sidePanel === 'touchpoint' ? null : s.sidePanel,
        };
      });
    },
    selectConnections: (ids) => set({ selectedConnectionIds: new Set(ids) }),
    clearSelection: () =>
      set((s) => ({
        selectedTouchpointIds: new Set(),
        selectedConnectionIds: new Set(),
        focusedTouchpointId: null,
        sidePanel: s.sidePanel === 'touchpoint' ? null : s.sidePanel,
      })),
    openSidePanel: (sidePanel) => set({ sidePanel }),
  }));

export type UiStore = ReturnType<typeof createUiStore>;
