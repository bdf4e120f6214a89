// Local UI state: never synced, never stored in the doc (React Flow's "local" state).
import { createStore } from 'zustand/vanilla';
import type { TouchpointMark } from '../domain/review/diff';
import type { WalkBy } from '../domain/review/walk';
import type { Id, Review } from '../domain/types';

export interface UiState {
  /** Selected touchpoints on the canvas. */
  selectedTouchpointIds: ReadonlySet<Id>;
  selectedConnectionIds: ReadonlySet<Id>;
  /** The touchpoint the side panel shows (the last one clicked). */
  focusedTouchpointId: Id | null;
  /** Which side panel is open besides the touchpoint panel. */
  sidePanel: 'touchpoint' | 'map' | 'review' | 'health' | 'comments' | null;
  /** A comparison's marks on the canvas (added / retired / changed cards); null in the normal view. */
  diffMarks: Readonly<Record<Id, TouchpointMark>> | null;
  /** A saved review shown read-only in place of the live map; null for the live map. */
  viewedReview: Review | null;
  /** Review mode: walking the map card by card (the focused touchpoint is the current one). */
  walk: { by: WalkBy } | null;
  /**
   * Asks the canvas to bring a card into view; a new `seq` repeats the request. `reveal` only
   * pans when the card is not fully in view (a card just added), so the map stays put under the
   * pointer for the next double-click.
   */
  centerRequest: { touchpointId: Id; seq: number; reveal?: boolean } | null;
  /** A card just added: its panel puts the cursor in the title, text selected, so typing names it. */
  titleFocus: Id | null;
  /** A stage or channel just added: its header opens its title for typing. */
  laneTitleFocus: Id | null;
}

export interface UiActions {
  selectTouchpoints: (ids: Iterable<Id>, focus?: Id | null) => void;
  selectConnections: (ids: Iterable<Id>) => void;
  clearSelection: () => void;
  openSidePanel: (panel: UiState['sidePanel']) => void;
  setDiffMarks: (marks: UiState['diffMarks']) => void;
  viewReview: (review: Review | null) => void;
  setWalk: (walk: UiState['walk']) => void;
  centerOn: (touchpointId: Id) => void;
  /** Selects a card just added, brings it into view and asks its panel for the title. */
  selectNewTouchpoint: (id: Id) => void;
  clearTitleFocus: () => void;
  focusLaneTitle: (laneId: Id | null) => void;
}

export const createUiStore = () =>
  createStore<UiState & UiActions>((set) => ({
    selectedTouchpointIds: new Set(),
    selectedConnectionIds: new Set(),
    focusedTouchpointId: null,
    sidePanel: null,
    diffMarks: null,
    viewedReview: null,
    walk: null,
    centerRequest: null,
    titleFocus: null,
    laneTitleFocus: null,
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
    setDiffMarks: (diffMarks) => set({ diffMarks }),
    // Another map is shown: what was selected belongs to the one left behind.
    viewReview: (viewedReview) =>
      set((s) =>
        s.viewedReview === viewedReview
          ? {}
          : {
              viewedReview,
              selectedTouchpointIds: new Set(),
              selectedConnectionIds: new Set(),
              focusedTouchpointId: null,
              sidePanel: s.sidePanel === 'touchpoint' ? null : s.sidePanel,
            },
      ),
    setWalk: (walk) => set({ walk }),
    centerOn: (touchpointId) => set((s) => ({ centerRequest: { touchpointId, seq: (s.centerRequest?.seq ?? 0) + 1 } })),
    selectNewTouchpoint: (id) =>
      set((s) => ({
        selectedTouchpointIds: new Set([id]),
        selectedConnectionIds: new Set(),
        focusedTouchpointId: id,
        sidePanel: 'touchpoint',
        titleFocus: id,
        // The panel opening beside the canvas may cover the card: bring it into view.
        centerRequest: { touchpointId: id, seq: (s.centerRequest?.seq ?? 0) + 1, reveal: true },
      })),
    clearTitleFocus: () => set({ titleFocus: null }),
    focusLaneTitle: (laneTitleFocus) => set({ laneTitleFocus }),
  }));

export type UiStore = ReturnType<typeof createUiStore>;
