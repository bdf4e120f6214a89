// The emotion curve per touchpoint: one point per rated touchpoint, under its own card. Cards
// of one stage share a column, so their points are spread across the card's width, in the
// order the cards stand in the column (lane by lane, then top to bottom): each has its own x.
import { computeGrid, GRID, type Column } from './grid';
import { lanesInOrder } from './review/refs';
import { satisfaction, stageAverages } from './satisfaction';
import type { Channel, Id, JourneyMapSnapshot, Touchpoint } from './types';

export interface TouchpointCurvePoint {
  touchpointId: Id;
  stageId: Id;
  /** Flow x (the same coordinates as the grid). */
  x: number;
  value: number;
}

/**
 * Rated, non-retired touchpoints on the grid, left to right. A retired touchpoint no longer
 * happens to the customer, so it leaves the curve, as it leaves the stage averages.
 */
export function touchpointCurvePoints(
  columns: readonly Column[],
  channels: readonly Pick<Channel, 'id'>[],
  touchpoints: Iterable<Touchpoint>,
): TouchpointCurvePoint[] {
  const laneIndex = new Map(channels.map((c, i) => [c.id, i]));
  const byStage = new Map<Id, Touchpoint[]>();
  for (const tp of touchpoints) {
    if (tp.status === 'retired' || satisfaction(tp) === null || !laneIndex.has(tp.channelId)) continue;
    const list = byStage.get(tp.stageId);
    if (list) list.push(tp);
    else byStage.set(tp.stageId, [tp]);
  }
  const points: TouchpointCurvePoint[] = [];
  for (const column of columns) {
    const list = byStage.get(column.id);
    if (!list) continue;
    list.sort(
      (a, b) =>
        laneIndex.get(a.channelId)! - laneIndex.get(b.channelId)! || a.order - b.order || (a.id < b.id ? -1 : 1),
    );
    const left = column.x + (column.width - GRID.cardWidth) / 2;
    list.forEach((tp, i) => {
      points.push({
        touchpointId: tp.id,
        stageId: tp.stageId,
        x: left + (GRID.cardWidth * (i + 1)) / (list.length + 1),
        value: satisfaction(tp)!,
      });
    });
  }
  return points;
}

/**
 * The point under a pointer, or null: the nearest one within `radius` screen pixels. `x` is in
 * flow units and `y` in the curve's own pixels; `xScale` is the zoom (flow → screen along x), and
 * `y(value)` places a value. `points` are sorted by x (as touchpointCurvePoints returns them),
 * so only those within the radius along x are looked at.
 */
export function nearestCurvePoint<P extends Pick<TouchpointCurvePoint, 'x' | 'value'>>(
  points: readonly P[],
  x: number,
  y: number,
  scale: { y: (value: number) => number; xScale: number; radius: number },
): P | null {
  const reach = scale.radius / scale.xScale;
  // The first point at or right of x − reach.
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.x < x - reach) lo = mid + 1;
    else hi = mid;
  }
  let best: P | null = null;
  let bestDistance = scale.radius * scale.radius;
  for (let i = lo; i < points.length && points[i]!.x <= x + reach; i++) {
    const p = points[i]!;
    const dx = (p.x - x) * scale.xScale;
    const dy = scale.y(p.value) - y;
    const distance = dx * dx + dy * dy;
    if (distance <= bestDistance) {
      best = p;
      bestDistance = distance;
    }
  }
  return best;
}

/** A touchpoint's value in a compared review, at the x where it belongs on today's curve. */
export interface ReviewCurvePoint {
  touchpointId: Id;
  x: number;
  value: number;
}

/** A stage's average in a compared review, under its column (null: nothing was rated there). */
export interface ReviewStageAverage {
  stageId: Id;
  x: number;
  average: number | null;
}

export interface ReviewCurve {
  /** Left to right: one line through them draws the review's curve. */
  points: ReviewCurvePoint[];
  /** Runs of stages with an average, left to right; a stage with none breaks the line. */
  averageRuns: ReviewStageAverage[][];
}

/** Today's map as the curve lays it out. */
export interface CurveToday {
  columns: readonly Column[];
  channels: readonly Pick<Channel, 'id'>[];
  touchpoints: Iterable<Touchpoint>;
  /** Today's curve (touchpointCurvePoints). */
  points: readonly TouchpointCurvePoint[];
}

/**
 * The curve of a saved review, placed in today's columns so it reads against today's curve:
 * - a card still on today's curve keeps today's x, so its old value sits straight above or below its new one;
 * - a card still on the map but off today's curve (unrated or retired since) sits in its card's column now;
 * - a deleted card (or one whose lane is gone) sits where its ghost is: its old stage's column today, or
 *   that stage's column in the review's own grid when the stage is gone too (as the ghosts do).
 * Cards placed by column are spread across the card's width in the review's card order, between
 * today's points of that column.
 */
export function reviewCurve(review: JourneyMapSnapshot, today: CurveToday): ReviewCurve {
  const stagesThen = lanesInOrder(review.stages);
  const columnsThen = computeGrid(stagesThen, [], []).columns;
  const columnNow = new Map(today.columns.map((c) => [c.id, c]));
  const columnThen = new Map(columnsThen.map((c) => [c.id, c]));
  const xNow = new Map(today.points.map((p) => [p.touchpointId, p.x]));
  const lanesNow = new Set(today.channels.map((c) => c.id));
  const cardNow = new Map<Id, Touchpoint>();
  for (const tp of today.touchpoints) cardNow.set(tp.id, tp);
  const columnOfStage = (stageId: Id) => columnNow.get(stageId) ?? columnThen.get(stageId);

  const placed: ReviewCurvePoint[] = [];
  const byColumn = new Map<Column, TouchpointCurvePoint[]>();
  // The review's own curve gives its cards in the order they stood then.
  for (const p of touchpointCurvePoints(columnsThen, lanesInOrder(review.channels), review.touchpoints)) {
    const x = xNow.get(p.touchpointId);
    if (x !== undefined) {
      placed.push({ touchpointId: p.touchpointId, x, value: p.value });
      continue;
    }
    const card = cardNow.get(p.touchpointId);
    const onGridNow = card !== undefined && columnNow.has(card.stageId) && lanesNow.has(card.channelId);
    const column = onGridNow ? columnNow.get(card.stageId)! : columnOfStage(p.stageId);
    if (!column) continue;
    const list = byColumn.get(column);
    if (list) list.push(p);
    else byColumn.set(column, [p]);
  }
  // Today's points of a column stand at 1/(k+1) … k/(k+1) of the card's width; the others go
  // into the gaps between them, so no old point shares an x with another card's new one.
  const liveInColumn = new Map<Id, number>();
  for (const p of today.points) liveInColumn.set(p.stageId, (liveInColumn.get(p.stageId) ?? 0) + 1);
  for (const [column, list] of byColumn) {
    const left = column.x + (column.width - GRID.cardWidth) / 2;
    const gaps = (columnNow.get(column.id) === column ? (liveInColumn.get(column.id) ?? 0) : 0) + 1;
    const inGap = new Map<number, number>();
    const gapOf = list.map((_, i) => Math.floor((i * gaps) / list.length));
    for (const g of gapOf) inGap.set(g, (inGap.get(g) ?? 0) + 1);
    const seen = new Map<number, number>();
    list.forEach((p, i) => {
      const g = gapOf[i]!;
      const nth = (seen.get(g) ?? 0) + 1;
      seen.set(g, nth);
      const share = (g + nth / (inGap.get(g)! + 1)) / gaps;
      placed.push({ touchpointId: p.touchpointId, x: left + GRID.cardWidth * share, value: p.value });
    });
  }
  const order = new Map(review.touchpoints.map((tp, i) => [tp.id, i]));
  placed.sort((a, b) => a.x - b.x || order.get(a.touchpointId)! - order.get(b.touchpointId)!);

  const averages: ReviewStageAverage[] = [];
  for (const a of stageAverages(stagesThen, review.touchpoints)) {
    const column = columnOfStage(a.stageId)!;
    averages.push({ stageId: a.stageId, x: column.x + column.width / 2, average: a.average });
  }
  averages.sort((a, b) => a.x - b.x);
  const averageRuns: ReviewStageAverage[][] = [];
  let run: ReviewStageAverage[] = [];
  for (const a of averages) {
    if (a.average === null) {
      if (run.length > 0) averageRuns.push(run);
      run = [];
    } else run.push(a);
  }
  if (run.length > 0) averageRuns.push(run);
  return { points: placed, averageRuns };
}
