// What the toolbar (outside React Flow's provider) needs from the canvas: fitting the view
// and showing a short notice. One small store per open map, so two maps never mix.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface CanvasNotice {
  id: number;
  text: string;
}

export interface CanvasBridgeState {
  /** Registered by the mounted canvas; null while no canvas is shown. */
  fitView: (() => void) | null;
  notice: CanvasNotice | null;
}

export type CanvasBridge = StoreApi<CanvasBridgeState>;

const bridges = new WeakMap<object, CanvasBridge>();

/** The bridge of one map session (any object that identifies the open map). */
export function canvasBridgeFor(session: object): CanvasBridge {
  let bridge = bridges.get(session);
  if (!bridge) {
    bridge = createStore<CanvasBridgeState>(() => ({ fitView: null, notice: null }));
    bridges.set(session, bridge);
  }
  return bridge;
}

let noticeCounter = 0;

export function showNotice(bridge: CanvasBridge, text: string): void {
  bridge.setState({ notice: { id: ++noticeCounter, text } });
}
