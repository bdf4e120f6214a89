// A short message at the bottom of the canvas (a refused edit, an empty clipboard).
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useMapSession } from '../store/context';
import { canvasBridgeFor } from './bridge';

const SHOW_MS = 4000;

export function CanvasNoticeView() {
  const bridge = canvasBridgeFor(useMapSession());
  const notice = useStore(bridge, (s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => bridge.setState({ notice: null }), SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, bridge]);
  if (!notice) return null;
  return (
    <div className="cjm-notice" role="status" data-testid="canvas-notice" key={notice.id}>
      {notice.text}
    </div>
  );
}
