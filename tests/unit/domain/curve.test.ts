import { describe, expect, it } from 'vitest';
import { nearestCurvePoint, reviewCurve, touchpointCurvePoints } from '../../../src/domain/curve';
import { GRID, computeGrid } from '../../../src/domain/grid';
import { makeChannel, makeStage, makeTouchpoint } from '../../fixtures/factories';
import { baseMap, changed, find, remove } from '../review/factories';
import type { JourneyMapSnapshot } from '../../../src/domain/types';
import { lanesInOrder } from '../../../src/domain/review/refs';

const stages = [makeStage({ id: 's1', order: 1 }), makeStage({ id: 's2', order: 2 })];
const channels = [makeChannel({ id: 'c1', order: 1 }), makeChannel({ id: 'c2', order: 2 })];
const columns = computeGrid(stages, channels, []).columns;
const rated = (id: string, stageId: string, channelId: string, order: number, perception: number) =>
  makeTouchpoint({ id, stageId, channelId, order, expectation: 3, perception });

describe('touchpointCurvePoints', () => {
  it('gives each rated card of a stage its own x inside the card, in the order the cards stand', () => {
    const lower = rated('lower', 's1', 'c2', 1, 1);
    const second = rated('second', 's1', 'c1', 2, 5);
    const first = rated('first', 's1', 'c1', 1, 4);
    const points = touchpointCurvePoints(columns, channels, [lower, second, first]);
    expect(points.map((p) => p.touchpointId)).toEqual(['first', 'second', 'lower']);
    expect(points.map((p) => p.value)).toEqual([1, 2, -2]);
    const left = columns[0]!.x + (GRID.columnWidth - GRID.cardWidth) / 2;
    for (const p of points) {
      expect(p.x).toBeGreaterThan(left);
      expect(p.x).toBeLessThan(left + GRID.cardWidth);
    }
    expect(new Set(points.map((p) => p.x)).size).toBe(3);
    expect(points[0]!.x).toBeLessThan(points[1]!.x);
    expect(points[1]!.x).toBeLessThan(points[2]!.x);
  });

  it('puts a lone card of a stage under its centre, stages left to right', () => {
    const points = touchpointCurvePoints(columns, channels, [rated('b', 's2', 'c1', 1, 3), rated('a', 's1', 'c2', 1, 2)]);
    expect(points.map((p) => p.touchpointId)).toEqual(['a', 'b']);
    expect(points[1]!.x).toBe(columns[1]!.x + GRID.columnWidth / 2);
  });

  it('leaves out unrated and retired cards, and cards whose lane is gone', () => {
    const unrated = makeTouchpoint({ id: 'u', stageId: 's1', channelId: 'c1' });
    const retired = makeTouchpoint({ id: 'r', stageId: 's1', channelId: 'c1', status: 'retired', expectation: 1, perception: 5 });
    const orphan = rated('o', 's1', 'gone', 1, 5);
    expect(touchpointCurvePoints(columns, channels, [unrated, retired, orphan])).toEqual([]);
  });

  it('does not depend on the order touchpoints come in', () => {
    const list = [rated('x', 's1', 'c1', 1, 1), rated('y', 's1', 'c1', 1, 2), rated('z', 's2', 'c2', 3, 5)];
    expect(touchpointCurvePoints(columns, channels, [...list].reverse())).toEqual(touchpointCurvePoints(columns, channels, list));
  });
});

describe('nearestCurvePoint', () => {
  // Values 4 px apart per step on y; x in flow units, shown at zoom 0.5.
  const points = [
    { id: 'a', x: 100, value: 2 },
    { id: 'b', x: 110, value: -1 },
    { id: 'c', x: 112, value: 2 },
    { id: 'd', x: 400, value: 0 },
  ];
  const scale = { y: (v: number) => 50 - v * 4, xScale: 0.5, radius: 9 };

  it('finds the dot under the pointer, and the nearer of two close ones', () => {
    expect(nearestCurvePoint(points, 400, 50, scale)?.id).toBe('d');
    // At x 111 both b and c are 0.5 px away on screen along x; c's value is under the pointer.
    expect(nearestCurvePoint(points, 111, 42, scale)?.id).toBe('c');
    expect(nearestCurvePoint(points, 111, 54, scale)?.id).toBe('b');
  });

  it('finds nothing beyond the radius, along x (in screen pixels) or along y', () => {
    // 18 flow units at zoom 0.5 are 9 px: just within; 20 are 10 px: out.
    expect(nearestCurvePoint(points, 418, 50, scale)?.id).toBe('d');
    expect(nearestCurvePoint(points, 420, 50, scale)).toBeNull();
    expect(nearestCurvePoint(points, 400, 60, scale)).toBeNull();
    expect(nearestCurvePoint([], 400, 50, scale)).toBeNull();
  });
});

describe('reviewCurve: a saved review\'s curve in today\'s columns', () => {
  // Ratings in the review: landing +2, call −1, checkout 0, refund −3.
  const review = changed(baseMap(), (m) => {
    const rate = (id: string, expectation: number, perception: number) => Object.assign(find(m.touchpoints, id), { expectation, perception });
    rate('landing', 2, 4);
    rate('call', 4, 3);
    rate('checkout', 3, 3);
    rate('refund', 4, 1);
  });
  const todayOf = (m: JourneyMapSnapshot) => {
    const columns = computeGrid(lanesInOrder(m.stages), [], []).columns;
    const channels = lanesInOrder(m.channels);
    return { columns, channels, touchpoints: m.touchpoints, points: touchpointCurvePoints(columns, channels, m.touchpoints) };
  };

  it('puts a card still on the curve at today\'s x, with its old value', () => {
    // Since: the call moved to Buy and was rated +2.
    const now = changed(review, (m) => Object.assign(find(m.touchpoints, 'call'), { stageId: 'buy', expectation: 1, perception: 3 }));
    const today = todayOf(now);
    const curve = reviewCurve(review, today);
    const callToday = today.points.find((p) => p.touchpointId === 'call')!;
    expect(curve.points.find((p) => p.touchpointId === 'call')).toEqual({ touchpointId: 'call', x: callToday.x, value: -1 });
    expect(callToday.value).toBe(2);
    // Left to right, like the live curve.
    expect(curve.points.map((p) => p.x)).toEqual([...curve.points.map((p) => p.x)].sort((a, b) => a - b));
    expect(curve.points.map((p) => p.touchpointId)).toEqual(['landing', 'checkout', 'call', 'refund']);
  });

  it('puts a deleted card under its ghost (its old stage today), and a card unrated since in its column now', () => {
    const now = changed(review, (m) => {
      remove(m.touchpoints, 'refund');
      Object.assign(find(m.touchpoints, 'landing'), { stageId: 'buy', expectation: null, perception: null });
    });
    const today = todayOf(now);
    const curve = reviewCurve(review, today);
    const leave = today.columns.find((c) => c.id === 'leave')!;
    const buy = today.columns.find((c) => c.id === 'buy')!;
    expect(curve.points.find((p) => p.touchpointId === 'refund')).toEqual({ touchpointId: 'refund', x: leave.x + leave.width / 2, value: -3 });
    const landing = curve.points.find((p) => p.touchpointId === 'landing')!;
    expect(landing.value).toBe(2);
    expect(landing.x).toBeGreaterThan(buy.x);
    expect(landing.x).toBeLessThan(buy.x + buy.width);
  });

  it('keeps a gone stage\'s cards and average in that stage\'s column of the review', () => {
    const now = changed(review, (m) => {
      remove(m.stages, 'leave');
      remove(m.touchpoints, 'refund');
    });
    const curve = reviewCurve(review, todayOf(now));
    const leaveThen = computeGrid(lanesInOrder(review.stages), [], []).columns.find((c) => c.id === 'leave')!;
    expect(curve.points.at(-1)).toEqual({ touchpointId: 'refund', x: leaveThen.x + leaveThen.width / 2, value: -3 });
    expect(curve.averageRuns.flat().at(-1)).toEqual({ stageId: 'leave', x: leaveThen.x + leaveThen.width / 2, average: -3 });
  });

  it('puts a deleted card between today\'s points of its column, never on one of them', () => {
    // Buy had the checkout; today the checkout is gone and the call stands there alone.
    const now = changed(review, (m) => {
      remove(m.touchpoints, 'checkout');
      find(m.touchpoints, 'call').stageId = 'buy';
    });
    const today = todayOf(now);
    const curve = reviewCurve(review, today);
    const callNow = today.points.find((p) => p.touchpointId === 'call')!;
    const checkout = curve.points.find((p) => p.touchpointId === 'checkout')!;
    const buy = today.columns.find((c) => c.id === 'buy')!;
    const left = buy.x + (GRID.columnWidth - GRID.cardWidth) / 2;
    expect(callNow.x).toBe(left + GRID.cardWidth / 2);
    expect(checkout.x).toBe(left + GRID.cardWidth / 4);
    expect(curve.points.find((p) => p.touchpointId === 'call')!.x).toBe(callNow.x);
  });

  it('gives the stage averages as they were, the line broken where a stage had no rating', () => {
    const unratedBuy = changed(review, (m) => Object.assign(find(m.touchpoints, 'checkout'), { expectation: null }));
    const today = todayOf(unratedBuy);
    const curve = reviewCurve(unratedBuy, today);
    const middle = (id: string) => {
      const c = today.columns.find((col) => col.id === id)!;
      return c.x + c.width / 2;
    };
    expect(curve.averageRuns).toEqual([
      [{ stageId: 'discover', x: middle('discover'), average: 0.5 }],
      [{ stageId: 'leave', x: middle('leave'), average: -3 }],
    ]);
  });

  it('leaves out cards retired or unrated in the review', () => {
    const quiet = changed(review, (m) => {
      find(m.touchpoints, 'landing').status = 'retired';
      find(m.touchpoints, 'call').perception = null;
    });
    expect(reviewCurve(quiet, todayOf(review)).points.map((p) => p.touchpointId)).toEqual(['checkout', 'refund']);
  });
});
