// Rendered inside React Flow (as a child of MapCanvas): hands the PNG export the viewport
// element with the whole map in it. A big map renders only the cards on screen and draws far
// zoomed-out cards as plain tiles, and zoomed out any map's cards show only their counters, so
// for the export the flow's store is told, for a moment,
// that the pane is as large as the map at zoom 1; everything renders in full, then the store
// gets its own size and transform back (React Flow's pan/zoom never saw a change).
//
// Two things keep that cheap (measured on 500 touchpoints): no frame is waited for once React
// has rendered everything, and the full-size viewport is hidden until it is given back. Shown,
// the browser would lay out and hit-test (for the pointer resting over the page) all those full
// cards at the next frame, about 0.5 s; the export copies the elements and needs no layout. It
// is given back once the picture is drawn, so React's work of going back to the user's view
// runs while the browser encodes the PNG on another thread.
import { useEffect } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { GridLayout } from '../domain/grid';
import { useMapSession } from '../store/context';
import { expectedInPicture, pngBridgeFor, renderedInViewport, type PreparedViewport } from './pngBridge';

/** Frames to wait for a big map's nodes to mount before drawing what is there. */
const MOUNT_FRAMES = 120;
/** React renders a store change in microtasks: this many turns before falling back to frames. */
const MICROTASK_TURNS = 20;

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Waits until nothing is missing: microtasks first (no frame, so no layout), then frames. */
async function settle(missing: () => boolean): Promise<void> {
  for (let i = 0; i < MICROTASK_TURNS && missing(); i++) await Promise.resolve();
  for (let i = 0; i < MOUNT_FRAMES && missing(); i++) await frame();
}

export function PngExportLayer() {
  const session = useMapSession();
  const store = useStoreApi();

  useEffect(() => {
    const bridge = pngBridgeFor(session);
    const prepare = async (layout: Pick<GridLayout, 'width' | 'height' | 'positions'> & { left?: number }): Promise<PreparedViewport> => {
      const state = store.getState();
      const root = state.domNode;
      const viewport = root?.querySelector<HTMLElement>('.react-flow__viewport');
      if (!root || !viewport) throw new Error('the canvas is not shown');
      const expected = expectedInPicture(layout.positions, Object.values(session.store.getState().connections));
      const missing = () => {
        const rendered = renderedInViewport(viewport);
        return (
          rendered.cards < expected.cards ||
          rendered.withoutContent > 0 ||
          rendered.connections < expected.connections ||
          // The persona card, left of the grid, may have been culled as off screen.
          (layout.left !== undefined && !viewport.querySelector('[data-testid="persona-card"]'))
        );
      };
      if (!missing()) return { viewport, restore: () => {} };

      const saved = { width: state.width, height: state.height, transform: state.transform };
      store.setState({
        transform: [-(layout.left ?? 0), 0, 1],
        width: Math.max(saved.width, Math.ceil(layout.width) + 1),
        height: Math.max(saved.height, Math.ceil(layout.height) + 1),
      });
      await settle(missing);
      const display = viewport.style.display;
      viewport.style.display = 'none';
      let restored = false;
      return {
        viewport,
        restore: () => {
          if (restored) return;
          restored = true;
          viewport.style.display = display;
          store.setState({ width: saved.width, height: saved.height, transform: saved.transform });
        },
      };
    };
    bridge.setState({ prepare });
    return () => {
      if (bridge.getState().prepare === prepare) bridge.setState({ prepare: null });
    };
  }, [session, store]);

  return null;
}
