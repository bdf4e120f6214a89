// Rendered inside React Flow (as a child of MapCanvas): hands the PNG export the viewport
// element with the whole map in it. A big map renders only the cards on screen and draws far
// zoomed-out cards as plain tiles, so for the export the flow's store is told, for a moment,
// that the pane is as large as the map at zoom 1; everything renders in full, then the store
// gets its own size and transform back (React Flow's pan/zoom never saw a change).
import { useContext, useEffect } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useMapSession } from '../store/context';
import { LowDetailContext } from './layoutContext';
import { pngBridgeFor, type PreparedViewport } from './pngBridge';
import { LOW_DETAIL_ZOOM } from './nodes';

/** Frames to wait for a big map's nodes to mount before drawing what is there. */
const MOUNT_FRAMES = 120;

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function PngExportLayer() {
  const session = useMapSession();
  const store = useStoreApi();
  const bigMap = useContext(LowDetailContext);

  useEffect(() => {
    const bridge = pngBridgeFor(session);
    const prepare = async (bounds: { width: number; height: number }): Promise<PreparedViewport> => {
      const state = store.getState();
      const root = state.domNode;
      const viewport = root?.querySelector<HTMLElement>('.react-flow__viewport');
      if (!root || !viewport) throw new Error('the canvas is not shown');
      const expected = state.nodeLookup.size;
      const rendered = () => viewport.querySelectorAll('.react-flow__node').length;
      const complete = rendered() >= expected && (!bigMap || state.transform[2] >= LOW_DETAIL_ZOOM);
      if (complete) return { viewport, restore: () => {} };

      const saved = { width: state.width, height: state.height, transform: state.transform };
      store.setState({
        transform: [0, 0, 1],
        width: Math.max(saved.width, Math.ceil(bounds.width) + 1),
        height: Math.max(saved.height, Math.ceil(bounds.height) + 1),
      });
      for (let i = 0; i < MOUNT_FRAMES && rendered() < expected; i++) await frame();
      // One more frame for the edges, which follow their nodes.
      await frame();
      let restored = false;
      return {
        viewport,
        restore: () => {
          if (restored) return;
          restored = true;
          store.setState({ width: saved.width, height: saved.height, transform: saved.transform });
        },
      };
    };
    bridge.setState({ prepare });
    return () => {
      if (bridge.getState().prepare === prepare) bridge.setState({ prepare: null });
    };
  }, [session, store, bigMap]);

  return null;
}
