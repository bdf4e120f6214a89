// Colleagues' cursors on the canvas. Cursors travel in flow coordinates, so they point at the
// same card whatever each person's pan and zoom; this layer lives inside the viewport and
// only undoes the zoom so an arrow stays the same size on screen.
import './presence.css';
import { memo, useCallback, useEffect, useMemo, type PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from 'zustand';
import { useReactFlow, useStore as useFlowStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useT } from '../locales/i18n';
import { useMapSession } from '../store/context';
import { peerCursors, type PeerCursor } from './presence';

/** Over these the pointer is not on the map (their screen spot maps to no flow point). */
const OVERLAYS = '.react-flow__minimap, .react-flow__controls, .react-flow__panel';

/** Pointer handlers for the canvas: tell colleagues where this person's cursor is on the map. */
export function useCursorBroadcast() {
  const { presence } = useMapSession();
  const flow = useReactFlow();

  useEffect(() => () => presence.setCursor(null), [presence]);

  const onPointerMove = useCallback(
    (e: ReactPointerEvent) => {
      const target = e.target as Element;
      // Dialogs and menus portalled out of the canvas still bubble here through React.
      if (!e.currentTarget.contains(target) || target.closest?.(OVERLAYS)) {
        presence.setCursor(null);
        return;
      }
      const point = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      presence.setCursor({ x: Math.round(point.x), y: Math.round(point.y) });
    },
    [presence, flow],
  );
  const onPointerLeave = useCallback(() => presence.setCursor(null), [presence]);
  return { onPointerMove, onPointerLeave };
}

const zoomOf = (s: ReactFlowState) => s.transform[2];

/** Rendered inside <ReactFlow>. Re-renders when a cursor moves or the zoom changes; cards never do. */
export function PeerCursors() {
  const { presence } = useMapSession();
  // A string compares by value: selection or name changes elsewhere do not re-render the layer.
  const key = useStore(presence.state, (s) => JSON.stringify(peerCursors(s)));
  const cursors = useMemo(() => JSON.parse(key) as PeerCursor[], [key]);
  const zoom = useFlowStore(zoomOf);
  if (cursors.length === 0) return null;
  return (
    <ViewportPortal>
      <div className="cjm-cursors" aria-hidden="true">
        {cursors.map((c) => (
          <CursorView key={c.clientId} {...c} scale={1 / zoom} />
        ))}
      </div>
    </ViewportPortal>
  );
}

const CursorView = memo(function CursorView({ clientId, name, color, x, y, scale }: PeerCursor & { scale: number }) {
  const t = useT();
  return (
    <div
      className="cjm-cursor"
      data-testid="peer-cursor"
      data-client-id={clientId}
      style={{ transform: `translate(${x}px, ${y}px) scale(${scale})` }}
    >
      <svg className="cjm-cursor__arrow" width="18" height="20" viewBox="0 0 18 20">
        <path d="M1.5 1.5 L1.5 16 L5.5 12.3 L8.3 18.5 L11 17.3 L8.3 11.2 L14 11.2 Z" fill={color} />
      </svg>
      <span className="cjm-cursor__label" style={{ backgroundColor: color }}>
        {name || t('canvas.presence.guest')}
      </span>
    </div>
  );
});
