// The right-hand column: the focused touchpoint's details, or the map's persona and scenario.
import type { KeyboardEvent } from 'react';
import { useMapState, useUi } from '../store/context';
import { CommentsPanel } from './comments/CommentsPanel';
import { MapPanel } from './MapPanel';
import { TouchpointPanel } from './TouchpointPanel';

export function SidePanel() {
  const panel = useUi((s) => s.sidePanel);
  const focusedId = useUi((s) => s.focusedTouchpointId);
  const openSidePanel = useUi((s) => s.openSidePanel);
  const focusedExists = useMapState((s) => (focusedId ? focusedId in s.touchpoints : false));
  const close = () => openSidePanel(null);
  // Escape that no field inside kept for itself (a typed change to take back) closes the panel.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && !e.defaultPrevented) close();
  };

  if (panel === 'map') {
    return (
      <div className="side-panel" onKeyDown={onKeyDown}>
        <MapPanel onClose={close} />
      </div>
    );
  }
  if (panel === 'comments') {
    return (
      <div className="side-panel" onKeyDown={onKeyDown}>
        <CommentsPanel onClose={close} />
      </div>
    );
  }
  if (panel === 'touchpoint' && focusedId && focusedExists) {
    return (
      <div className="side-panel" onKeyDown={onKeyDown}>
        {/* Keyed by id: a half-typed draft belongs to its own touchpoint, never the next one. */}
        <TouchpointPanel key={focusedId} touchpointId={focusedId} onClose={close} />
      </div>
    );
  }
  return null;
}
