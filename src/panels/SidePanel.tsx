// The right-hand column: the focused touchpoint's details, or the map's persona and scenario.
import { useMapState, useUi } from '../store/context';
import { MapPanel } from './MapPanel';
import { TouchpointPanel } from './TouchpointPanel';

export function SidePanel() {
  const panel = useUi((s) => s.sidePanel);
  const focusedId = useUi((s) => s.focusedTouchpointId);
  const openSidePanel = useUi((s) => s.openSidePanel);
  const focusedExists = useMapState((s) => (focusedId ? focusedId in s.touchpoints : false));
  const close = () => openSidePanel(null);

  if (panel === 'map') {
    return (
      <div className="side-panel">
        <MapPanel onClose={close} />
      </div>
    );
  }
  if (panel === 'touchpoint' && focusedId && focusedExists) {
    return (
      <div className="side-panel">
        {/* Keyed by id: a half-typed draft belongs to its own touchpoint, never the next one. */}
        <TouchpointPanel key={focusedId} touchpointId={focusedId} onClose={close} />
      </div>
    );
  }
  return null;
}
