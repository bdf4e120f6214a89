import { describe, expect, it } from 'vitest';
import { nearestCurvePoint, touchpointCurvePoints } from '../../../src/domain/curve';
import { GRID, computeGrid } from '../../../src/domain/grid';
import { makeChannel, makeStage, makeTouchpoint } from '../../fixtures/factories';

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
