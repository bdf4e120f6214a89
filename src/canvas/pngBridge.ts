// What the export menu (outside React Flow's provider) needs from the canvas to draw a PNG: a
// way to get the viewport element with every node rendered. One small store per open map.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface PreparedViewport {
  /** The `.react-flow__viewport` element, every node and edge of the map in it. */
  viewport: HTMLElement;
  /** Puts the canvas back the way the user left it. */
  restore: () => void;
}

export interface PngBridgeState {
  /** Registered by the mounted canvas (PngExportLayer); null while no canvas is shown. */
  prepare: ((bounds: { width: number; height: number }) => Promise<PreparedViewport>) | null;
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
