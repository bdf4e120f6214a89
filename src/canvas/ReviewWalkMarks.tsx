// Review mode marks each card on the canvas: ✓ once all six checklist items are ticked, "3/6"
// while some are, nothing yet while none are. The ticks live in the doc's checklist, so everyone
// on the map sees the same marks at once. Drawn over the cards (not inside them), so the card
// component stays as it is and only the mark whose ticks changed re-renders.
import './review-marks.css';
import { memo } from 'react';
import { useInternalNode, ViewportPortal } from '@xyflow/react';
import { CHECKLIST_ITEMS, isReviewed, tickedCount } from '../domain/review/walk';
import type { Id, ReviewChecklist } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapState, useUi } from '../store/context';

export function ReviewWalkMarks() {
  const walking = useUi((s) => s.walk !== null);
  const checklist = useMapState((s) => s.checklist);
  if (!walking) return null;
  return (
    <ViewportPortal>
      {Object.entries(checklist).map(([id, ticks]) => (
        <WalkMark key={id} id={id} ticks={ticks} />
      ))}
    </ViewportPortal>
  );
}

const WalkMark = memo(function WalkMark({ id, ticks }: { id: Id; ticks: ReviewChecklist | undefined }) {
  const t = useT();
  const node = useInternalNode(id);
  const ticked = tickedCount(ticks);
  if (!node || node.type !== 'touchpoint' || ticked === 0) return null;
  const reviewed = isReviewed(ticks);
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? 0;
  const hint = reviewed ? t('review.walk.markReviewed') : t('review.walk.markTicked', { ticked });
  return (
    <div
      className={`cjm-walk-mark${reviewed ? ' is-reviewed' : ''}`}
      data-testid="walk-mark"
      data-touchpoint-id={id}
      data-reviewed={reviewed}
      title={hint}
      aria-label={hint}
      style={{ transform: `translate(${x + width}px, ${y}px) translate(-60%, -40%)` }}
    >
      {reviewed ? '✓' : `${ticked}/${CHECKLIST_ITEMS.length}`}
    </div>
  );
});
