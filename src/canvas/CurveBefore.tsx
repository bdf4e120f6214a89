// The emotion curve of a compared review, under today's: while a saved review is compared, its
// curve per touchpoint and its stage averages are drawn muted and dashed in today's columns
// (domain/curve.ts reviewCurve), with a key naming the review. One path for the line, one per
// run of stage averages and one per tone for the dots: cheap at 2,000 touchpoints, and drawn in
// flow x inside the curve's transformed group, so panning never re-renders it.
import { memo, useMemo } from 'react';
import { reviewCurve, type ReviewCurve, type TouchpointCurvePoint } from '../domain/curve';
import type { Column } from '../domain/grid';
import { satisfactionTone } from '../domain/satisfaction';
import type { Channel, Id, Touchpoint } from '../domain/types';
import { useLocaleStore, useT } from '../locales/i18n';
import { useReviews } from '../store/reviewContext';
import { CURRENT } from '../store/reviews';
import { formatQuoteDate } from './format';
import { curveY } from './pngLayout';

export interface ComparedCurve {
  curve: ReviewCurve;
  /** The review's name and day, for the key. */
  name: string;
  date: string;
}

/** The earlier side of the comparison on show as a curve, or null when no saved review is compared. */
export function useComparedCurve(
  columns: readonly Column[],
  channels: readonly Channel[],
  touchpoints: Readonly<Record<Id, Touchpoint>>,
  points: readonly TouchpointCurvePoint[],
): ComparedCurve | null {
  const locale = useLocaleStore((s) => s.locale);
  const compared = useReviews((s) => s.diff !== null);
  const review = useReviews((s) => (s.compare && s.compare.from !== CURRENT ? s.loaded[s.compare.from] : undefined));
  const curve = useMemo(
    () => (compared && review ? reviewCurve(review.snapshot, { columns, channels, touchpoints: Object.values(touchpoints), points }) : null),
    [compared, review, columns, channels, touchpoints, points],
  );
  if (!curve || !review) return null;
  return { curve, name: review.name, date: formatQuoteDate(localDay(review.createdAt), locale) };
}

/** The calendar day a moment fell on where this browser is, as `YYYY-MM-DD` (the review panel's day too). */
function localDay(iso: string): string {
  const at = new Date(iso);
  if (!Number.isFinite(at.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}

const TONES = ['negative', 'neutral', 'positive'] as const;
const at = (x: number, y: number) => `${x.toFixed(1)},${y.toFixed(1)}`;
const polyline = (marks: readonly { x: number; y: number }[]) => marks.map((m, i) => `${i === 0 ? 'M' : 'L'}${at(m.x, m.y)}`).join(' ');
const dots = (marks: readonly { x: number; y: number }[]) => marks.map((m) => `M${at(m.x, m.y)}h0`).join(' ');

/** The review's marks, in flow x: re-rendered when the comparison or the strip's height changes. */
export const CurveBefore = memo(function CurveBefore({ curve, height }: { curve: ReviewCurve; height: number }) {
  const t = useT();
  const y = (value: number) => curveY(value, height);
  const marks = curve.points.map((p) => ({ x: p.x, y: y(p.value), tone: satisfactionTone(p.value) }));
  const averages = curve.averageRuns.map((run) => run.map((a) => ({ x: a.x, y: y(a.average!) })));
  return (
    <g className="cjm-curve-before" data-testid="curve-before" aria-label={t('canvas.curve.before.marks')}>
      {averages.map((run, i) =>
        run.length > 1 ? <path key={`avg${i}`} className="cjm-curve-before__average" data-testid="curve-before-average" d={polyline(run)} /> : null,
      )}
      {averages.length > 0 && <path className="cjm-curve-before__average-dot" d={dots(averages.flat())} />}
      {marks.length > 1 && <path className="cjm-curve-before__line" data-testid="curve-before-line" d={polyline(marks)} />}
      {TONES.map((tone) => {
        const ofTone = marks.filter((m) => m.tone === tone);
        return ofTone.length === 0 ? null : (
          <path key={tone} className={`cjm-curve-before__dot cjm-curve-before__dot--${tone}`} data-testid="curve-before-dots" d={dots(ofTone)} />
        );
      })}
    </g>
  );
});

/** Which line is which while comparing: "now" solid, the review dashed. */
export const CurveBeforeKey = memo(function CurveBeforeKey({ name, date }: { name: string; date: string }) {
  const t = useT();
  const before = t('canvas.curve.before.key', { name, date });
  return (
    <div className="cjm-curve-before-key" data-testid="curve-before-key">
      <span className="cjm-curve-before-key__item">
        <svg width="16" height="6" aria-hidden="true">
          <line className="cjm-curve__line" x1="0" x2="16" y1="3" y2="3" />
        </svg>
        {t('canvas.curve.before.now')}
      </span>
      <span className="cjm-curve-before-key__item cjm-curve-before-key__item--before">
        <svg width="16" height="6" aria-hidden="true">
          <line className="cjm-curve-before__line" x1="0" x2="16" y1="3" y2="3" />
        </svg>
        <span className="cjm-curve-before-key__name">{before}</span>
      </span>
    </div>
  );
});
