// Small hooks shared by the review panels: the live map as a plain snapshot, the walk order,
// and selecting a card the way review mode does (select, show its details, bring it into view).
import { useCallback, useMemo } from 'react';
import { walkOrder, type WalkBy } from '../../domain/review/walk';
import type { Id, JourneyMapSnapshot } from '../../domain/types';
import { useMapState, useUiStore } from '../../store/context';

/** The map in context as a snapshot; recomputed only when one of its parts changes. */
export function useMapSnapshot(): JourneyMapSnapshot {
  const meta = useMapState((s) => s.meta);
  const stages = useMapState((s) => s.stages);
  const channels = useMapState((s) => s.channels);
  const touchpoints = useMapState((s) => s.touchpoints);
  const connections = useMapState((s) => s.connections);
  const notes = useMapState((s) => s.notes);
  const quotes = useMapState((s) => s.quotes);
  const layers = useMapState((s) => s.layers);
  const cells = useMapState((s) => s.cells);
  return useMemo(
    () => ({
      meta,
      stages,
      channels,
      touchpoints: Object.values(touchpoints),
      connections: Object.values(connections),
      notes: Object.values(notes),
      quotes: Object.values(quotes),
      layers,
      cells: Object.values(cells),
    }),
    [meta, stages, channels, touchpoints, connections, notes, quotes, layers, cells],
  );
}

/** Touchpoint ids in review-mode order; only lanes and cards matter, not notes or quotes. */
export function useWalkOrder(by: WalkBy): Id[] {
  const meta = useMapState((s) => s.meta);
  const stages = useMapState((s) => s.stages);
  const channels = useMapState((s) => s.channels);
  const touchpoints = useMapState((s) => s.touchpoints);
  return useMemo(
    () =>
      walkOrder(
        { meta, stages, channels, touchpoints: Object.values(touchpoints), connections: [], notes: [], quotes: [], layers: [], cells: [] },
        by,
      ),
    [meta, stages, channels, touchpoints, by],
  );
}

/** Selects a card, opens its details and asks the canvas to bring it into view. */
export function useFocusTouchpoint(): (id: Id) => void {
  const ui = useUiStore();
  return useCallback(
    (id: Id) => {
      ui.getState().selectTouchpoints([id], id);
      ui.getState().centerOn(id);
    },
    [ui],
  );
}
