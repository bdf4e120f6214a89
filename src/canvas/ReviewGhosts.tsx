// The comparison of a saved review with the map, drawn on the canvas: cards that moved or were
// deleted since show as ghosts at their old place (React Flow nodes of their own, so they are in
// the PNG too; never selected or dragged), a moved card's ghost points at where it went, and each
// changed card carries badges naming what changed on it.
import './review-marks.css';
import { memo, useMemo } from 'react';
import { ViewportPortal, type NodeProps } from '@xyflow/react';
import { GRID, type GridLayout } from '../domain/grid';
import { cardChanges, reviewGhosts, type ReviewGhost } from '../domain/review/canvasDiff';
import { useT } from '../locales/i18n';
import { useReviews } from '../store/reviewContext';
import { CURRENT } from '../store/reviews';
import type { ReviewGhostFlowNode } from './nodes';

const NO_GHOSTS: ReviewGhost[] = [];
/** Below the cards (which sit at 0), above the cells (at -1). */
const GHOST_Z = -0.5;

/** Ghosts for the comparison on show (none when nothing is compared, or the earlier side is the live map). */
export function useReviewGhosts(layout: GridLayout): ReviewGhost[] {
  const diff = useReviews((s) => s.diff);
  const before = useReviews((s) => (s.compare && s.compare.from !== CURRENT ? s.loaded[s.compare.from] : undefined));
  return useMemo(() => (diff && before ? reviewGhosts(diff, before.snapshot, layout) : NO_GHOSTS), [diff, before, layout]);
}

export function ghostNodes(ghosts: readonly ReviewGhost[]): ReviewGhostFlowNode[] {
  return ghosts.map((g) => ({
    id: `ghost:${g.touchpointId}`,
    type: 'reviewGhost',
    position: g.at,
    data: { title: g.title, kind: g.kind },
    width: GRID.cardWidth,
    height: g.height,
    measured: { width: GRID.cardWidth, height: g.height },
    selectable: false,
    draggable: false,
    connectable: false,
    focusable: false,
    // Clicks go through to the cell below, as if the ghost were not there.
    style: { pointerEvents: 'none' },
    zIndex: GHOST_Z,
  }));
}

export const ReviewGhostNode = memo(function ReviewGhostNode({ id, data }: NodeProps<ReviewGhostFlowNode>) {
  const t = useT();
  return (
    <div className={`cjm-ghost cjm-ghost--${data.kind}`} data-testid="review-ghost" data-kind={data.kind} data-touchpoint-id={id.slice('ghost:'.length)}>
      <span className="cjm-ghost__kind">{t(`review.ghost.${data.kind}`)}</span>
      <span className="cjm-ghost__title">{data.title}</span>
    </div>
  );
});

/** Arrows from each moved card's ghost to the card, and the badges of what changed per card. */
export function ReviewDiffOverlay({ ghosts, layout }: { ghosts: readonly ReviewGhost[]; layout: GridLayout }) {
  const t = useT();
  const diff = useReviews((s) => s.diff);
  const compared = useReviews((s) => s.compare !== null);
  const changes = useMemo(() => (diff ? cardChanges(diff) : null), [diff]);
  if (!compared || !changes) return null;
  const middle = GRID.cardWidth / 2;
  return (
    <ViewportPortal>
      <svg className="cjm-ghost-arrows" aria-hidden="true">
        <defs>
          <marker id="cjm-ghost-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {ghosts.map((g) =>
          g.to ? (
            <line
              key={g.touchpointId}
              data-testid="review-ghost-arrow"
              data-touchpoint-id={g.touchpointId}
              x1={g.at.x + middle}
              y1={g.at.y + g.height / 2}
              x2={g.to.x + middle}
              y2={g.to.y + (layout.heights.get(g.touchpointId) ?? GRID.cardHeight) / 2}
              markerEnd="url(#cjm-ghost-arrow)"
            />
          ) : null,
        )}
      </svg>
      {[...changes].map(([id, list]) => {
        const at = layout.positions.get(id);
        if (!at) return null;
        const words = list.map((c) => t(`review.badge.${c}`));
        return (
          <div
            key={id}
            className="cjm-change-badges"
            data-testid="change-badges"
            data-touchpoint-id={id}
            data-changes={list.join(' ')}
            title={t('review.badge.heading', { list: words.join(', ') })}
            style={{ transform: `translate(${at.x + 8}px, ${at.y}px) translateY(-70%)` }}
          >
            {list.map((c, i) => (
              <span key={c} className={`cjm-change-badge cjm-change-badge--${c}`}>
                {words[i]}
              </span>
            ))}
          </div>
        );
      })}
    </ViewportPortal>
  );
}
