// What the export menu (outside React Flow's provider) needs from the canvas to draw a PNG: a
// way to get the viewport element with every node rendered. One small store per open map.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GridLayout } from '../domain/grid';
import type { Connection } from '../domain/types';

export interface PreparedViewport {
  /** The `.react-flow__viewport` element, every node and edge of the map in it. */
  viewport: HTMLElement;
  /** Puts the canvas back the way the user left it (it may be hidden until then). */
  restore: () => void;
}

export interface PngBridgeState {
  /** Registered by the mounted canvas (PngExportLayer); null while no canvas is shown. */
  /** `left`: flow x where the picture starts (the persona column). */
  prepare: ((layout: Pick<GridLayout, 'width' | 'height' | 'positions'> & { left?: number }) => Promise<PreparedViewport>) | null;
}

const bridges = new WeakMap<object, StoreApi<PngBridgeState>>();

/** The bridge of one map session (any object that identifies the open map). */
export function pngBridgeFor(session: object): StoreApi<PngBridgeState> {
  let bridge = bridges.get(session);
  if (!bridge) {
    bridge = createStore<PngBridgeState>(() => ({ prepare: null }));
    bridges.set(session, bridge);
  }
  return bridge;
}

/** What a complete picture holds: a full card per placed touchpoint and an arrow per connection between two of them. */
export function expectedInPicture(
  positions: ReadonlyMap<string, unknown>,
  connections: Iterable<Pick<Connection, 'sourceId' | 'targetId'>>,
): { cards: number; connections: number } {
  let drawn = 0;
  for (const c of connections) if (positions.has(c.sourceId) && positions.has(c.targetId)) drawn++;
  return { cards: positions.size, connections: drawn };
}

/** Cards rendered in full (not as far-out tiles) and connections, in a React Flow viewport element. */
export function renderedInViewport(viewport: ParentNode): { cards: number; withoutContent: number; connections: number } {
  const cards = '.react-flow__node [data-testid="touchpoint-card"]:not(.cjm-card--tile)';
  return {
    cards: viewport.querySelectorAll(cards).length,
    // Zoomed out below reading zoom: title and counters only (nodes.ts, cardDetail).
    withoutContent: viewport.querySelectorAll(`${cards}:not([data-detail="content"])`).length,
    connections: viewport.querySelectorAll('.react-flow__edge').length,
  };
}
