// Headers that stay in sight: stage headers stick to the top of the canvas and channel (and
// layer) headers to its left edge while the map pans and zooms. A header's node spans the whole
// grid along its axis (so React Flow never culls it while its column or row is on screen) and
// its visible part, wrapped in <Sticky>, is shifted by a transform written straight to the
// element on every viewport change: no React render per frame, no style change for the cards.
//
// Any header can stick the same way: wrap what should stay in sight in <Sticky axis="left">,
// give its node the grid's full width (or height for axis="top") and `pointer-events: none`
// on the node (see canvas.css), and render <StickyHeaders> once inside <ReactFlow>.
import { createContext, useContext, useEffect, type CSSProperties, type ReactNode } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { GRID, type GridLayout } from '../domain/grid';
import { GridLayoutContext } from './layoutContext';

export type StickyAxis = 'top' | 'left';

/** Screen pixels of the canvas kept clear at the top and left (a toolbar floating over it). */
export interface StickyInsets {
  top: number;
  left: number;
}
export const StickyInsetsContext = createContext<StickyInsets>({ top: 0, left: 0 });

type Transform = ReactFlowState['transform'];

/**
 * How far (in flow pixels) a header at the grid's top or left edge moves so it stays at the
 * inset: 0 while the grid's edge is in sight, never past the grid's far end.
 */
export function stickyOffset(
  axis: StickyAxis,
  [x, y, zoom]: Transform,
  layout: Pick<GridLayout, 'width' | 'height'>,
  insets: StickyInsets,
): number {
  const wanted = axis === 'top' ? (insets.top - y) / zoom : (insets.left - x) / zoom;
  const room = axis === 'top' ? layout.height - GRID.stageHeaderHeight : layout.width - GRID.laneHeaderWidth;
  return Math.max(0, Math.min(wanted, Math.max(0, room)));
}

const transformOf = (axis: StickyAxis, offset: number) =>
  offset === 0 ? '' : axis === 'top' ? `translate3d(0, ${offset}px, 0)` : `translate3d(${offset}px, 0, 0)`;

/**
 * A header stuck below an inset hides what scrolls between it and the canvas's edge (the band
 * under the toolbar) with a shelf of this height (flow px) drawn above it.
 */
const shelfOf = (axis: StickyAxis, offset: number, zoom: number, insets: StickyInsets) =>
  offset === 0 ? 0 : Math.min(offset, (axis === 'top' ? insets.top : insets.left) / zoom);

/** What stays in sight of a header node. Mounted mid-pan, it starts at the current offset. */
export function Sticky({ axis, className, style, children }: { axis: StickyAxis; className?: string; style?: CSSProperties; children: ReactNode }) {
  const store = useStoreApi();
  const layout = useContext(GridLayoutContext);
  const insets = useContext(StickyInsetsContext);
  const { transform } = store.getState();
  const offset = layout ? stickyOffset(axis, transform, layout, insets) : 0;
  return (
    <div
      className={`cjm-sticky cjm-sticky--${axis}${className ? ` ${className}` : ''}`}
      data-sticky-offset={offset}
      style={{
        ...style,
        transform: transformOf(axis, offset) || undefined,
        ['--cjm-shelf' as string]: `${shelfOf(axis, offset, transform[2], insets)}px`,
      }}
    >
      {children}
    </div>
  );
}

/** Moves every <Sticky> as the viewport changes. Render once inside <ReactFlow>. */
export function StickyHeaders() {
  const store = useStoreApi();
  const layout = useContext(GridLayoutContext);
  const insets = useContext(StickyInsetsContext);
  useEffect(() => {
    if (!layout) return;
    const last: Record<StickyAxis, string> = { top: '', left: '' };
    // Live collections: the browser keeps them current as headers mount, so a move never searches the map.
    let headers: Record<StickyAxis, HTMLCollectionOf<HTMLElement>> | null = null;
    const apply = (transform: Transform, force: boolean) => {
      const root = store.getState().domNode;
      if (!root) return;
      headers ??= {
        top: root.getElementsByClassName('cjm-sticky--top') as HTMLCollectionOf<HTMLElement>,
        left: root.getElementsByClassName('cjm-sticky--left') as HTMLCollectionOf<HTMLElement>,
      };
      for (const axis of ['top', 'left'] as const) {
        const offset = stickyOffset(axis, transform, layout, insets);
        const shelf = `${shelfOf(axis, offset, transform[2], insets)}px`;
        // Most moves leave the grid's edges in sight: nothing to write.
        if (!force && `${offset} ${shelf}` === last[axis]) continue;
        last[axis] = `${offset} ${shelf}`;
        const value = transformOf(axis, offset);
        for (const el of headers[axis]) {
          el.style.transform = value;
          el.style.setProperty('--cjm-shelf', shelf);
          el.dataset.stickyOffset = String(offset);
        }
      }
    };
    apply(store.getState().transform, true);
    // Headers mounted later (culling, a new lane) render at the offset of their first render.
    return store.subscribe((state, previous) => {
      if (state.transform !== previous.transform) apply(state.transform, false);
    });
  }, [store, layout, insets]);
  return null;
}
