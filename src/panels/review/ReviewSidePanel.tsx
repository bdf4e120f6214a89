// The right-hand column with the review features: review mode takes it over while it runs;
// the review and health panels show when chosen; a saved review opened read-only shows its own
// touchpoints (the usual panels under a frozen session, their inputs disabled). Otherwise the
// usual side panel (`children`).
import type { ReactNode } from 'react';
import { MapSessionProvider, useMapSession, useUi, useUiStore } from '../../store/context';
import { frozenSessionOf } from '../../store/snapshotStore';
import { HealthPanel } from './HealthPanel';
import { ReviewPanel } from './ReviewPanel';
import { WalkPanel } from './WalkPanel';

export function ReviewSidePanel({ children }: { children: ReactNode }) {
  const session = useMapSession();
  const ui = useUiStore();
  const walking = useUi((s) => s.walk !== null);
  const panel = useUi((s) => s.sidePanel);
  const viewed = useUi((s) => s.viewedReview);
  const close = () => ui.getState().openSidePanel(null);

  // Review mode holds the column; another panel chosen from the header shows over it.
  if (walking && (panel === 'touchpoint' || panel === null)) {
    return (
      <div className="side-panel">
        <WalkPanel />
      </div>
    );
  }
  if (panel === 'review' || panel === 'health') {
    return <div className="side-panel">{panel === 'review' ? <ReviewPanel onClose={close} /> : <HealthPanel onClose={close} />}</div>;
  }
  if (viewed) {
    return (
      <MapSessionProvider key={viewed.id} session={frozenSessionOf(session.mapId, viewed)} ui={ui}>
        {children}
      </MapSessionProvider>
    );
  }
  return <>{children}</>;
}
