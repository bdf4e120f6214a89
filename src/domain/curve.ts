// The emotion curve per touchpoint: one point per rated touchpoint, under its own card. Cards
// of one stage share a column, so their points are spread across the card's width, in the
// order the cards stand in the column (lane by lane, then top to bottom): each has its own x.
import { GRID, type Column } from './grid';
import { satisfaction } from './satisfaction';
import type { Channel, Id, Touchpoint } from './types';

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
