import { describe, expect, it } from 'vitest';
import { GRID, cellAt, computeGrid, groupByCell, slotIndexAt } from '../../../src/domain/grid';
import { makeChannel, makeStage, makeTouchpoint } from '../../fixtures/factories';

const stages = [makeStage({ id: 's1', order: 1 }), makeStage({ id: 's2', order: 2 }), makeStage({ id: 's3', order: 3 })];
const channels = [makeChannel({ id: 'c1', order: 1 }), makeChannel({ id: 'c2', order: 2 })];
const emptyLane = GRID.cellPadding * 2 + GRID.cardHeight;
const step = GRID.cardHeight + GRID.cardGap;

describe('computeGrid', () => {
  it('places columns left to right after the lane headers, and lanes below the stage headers', () => {
    const layout = computeGrid(stages, channels, []);
    expect(layout.columns.map((c) => c.x)).toEqual([
      GRID.laneHeaderWidth,
      GRID.laneHeaderWidth + GRID.columnWidth,
      GRID.laneHeaderWidth + 2 * GRID.columnWidth,
    ]);
    expect(layout.lanes).toEqual([
      { id: 'c1', y: GRID.stageHeaderHeight, height: emptyLane },
      { id: 'c2', y: GRID.stageHeaderHeight + emptyLane, height: emptyLane },
    ]);
    expect(layout.width).toBe(GRID.laneHeaderWidth + 3 * GRID.columnWidth);
    expect(layout.height).toBe(GRID.stageHeaderHeight + 2 * emptyLane);
  });

  it('centres a card in its column and pads it inside its lane', () => {
    const tp = makeTouchpoint({ stageId: 's2', channelId: 'c2' });
    const { positions } = computeGrid(stages, channels, [tp]);
    expect(positions.get(tp.id)).toEqual({
      x: GRID.laneHeaderWidth + GRID.columnWidth + (GRID.columnWidth - GRID.cardWidth) / 2,
      y: GRID.stageHeaderHeight + emptyLane + GRID.cellPadding,
    });
  });

  it('grows a lane with its fullest cell and pushes the lanes below down', () => {
    const cell = [1, 2, 3].map((order) => makeTouchpoint({ stageId: 's1', channelId: 'c1', order }));
    const other = makeTouchpoint({ stageId: 's3', channelId: 'c1' });
    const layout = computeGrid(stages, channels, [...cell, other]);
    const [first, second] = layout.lanes;
    expect(first!.height).toBe(GRID.cellPadding * 2 + 3 * GRID.cardHeight + 2 * GRID.cardGap);
    expect(second!.y).toBe(first!.y + first!.height);
    expect(second!.height).toBe(emptyLane);
  });

  it('stacks cards of one cell by order without overlapping', () => {
    const cards = [3, 1, 2].map((order) => makeTouchpoint({ stageId: 's1', channelId: 'c1', order }));
    const { positions } = computeGrid(stages, channels, cards);
    const byOrder = [...cards].sort((a, b) => a.order - b.order).map((t) => positions.get(t.id)!);
    for (let i = 1; i < byOrder.length; i++) {
      expect(byOrder[i]!.x).toBe(byOrder[0]!.x);
      expect(byOrder[i]!.y).toBeGreaterThanOrEqual(byOrder[i - 1]!.y + GRID.cardHeight);
      expect(byOrder[i]!.y - byOrder[i - 1]!.y).toBe(step);
    }
  });

  it('breaks order ties by id so every peer lays the cell out the same', () => {
    const a = makeTouchpoint({ id: 'a', stageId: 's1', channelId: 'c1', order: 1 });
    const b = makeTouchpoint({ id: 'b', stageId: 's1', channelId: 'c1', order: 1 });
    const one = computeGrid(stages, channels, [a, b]).positions;
    const two = computeGrid(stages, channels, [b, a]).positions;
    expect(one).toEqual(two);
    expect(one.get('a')!.y).toBeLessThan(one.get('b')!.y);
  });

  it('leaves out touchpoints whose stage or channel is gone, without growing any lane', () => {
    const orphans = [
      makeTouchpoint({ stageId: 'gone', channelId: 'c1' }),
      makeTouchpoint({ stageId: 's1', channelId: 'gone' }),
      makeTouchpoint({ stageId: 'gone', channelId: 'c1', order: 2 }),
    ];
    const layout = computeGrid(stages, channels, orphans);
    expect(layout.positions.size).toBe(0);
    expect(layout.lanes.every((l) => l.height === emptyLane)).toBe(true);
  });

  it('follows the order of the stages and channels it is given', () => {
    const tp = makeTouchpoint({ stageId: 's1', channelId: 'c1' });
    const layout = computeGrid([stages[2]!, stages[0]!], [channels[1]!, channels[0]!], [tp]);
    expect(layout.columns.map((c) => c.id)).toEqual(['s3', 's1']);
    expect(layout.positions.get(tp.id)!.x).toBeGreaterThan(GRID.laneHeaderWidth + GRID.columnWidth);
    expect(layout.positions.get(tp.id)!.y).toBeGreaterThan(GRID.stageHeaderHeight + emptyLane);
  });
});

describe('groupByCell', () => {
  it('groups by stage × channel', () => {
    const cells = groupByCell([
      makeTouchpoint({ stageId: 's1', channelId: 'c1' }),
      makeTouchpoint({ stageId: 's1', channelId: 'c1' }),
      makeTouchpoint({ stageId: 's1', channelId: 'c2' }),
    ]);
    expect([...cells.values()].map((l) => l.length).sort()).toEqual([1, 2]);
  });
});

describe('cellAt', () => {
  const layout = computeGrid(stages, channels, [makeTouchpoint({ stageId: 's1', channelId: 'c1' })]);

  it('finds the cell under a point', () => {
    const x = layout.columns[1]!.x + 5;
    const y = layout.lanes[1]!.y + 5;
    expect(cellAt(layout, { x, y })).toEqual({ stageId: 's2', channelId: 'c2' });
  });

  it('treats a column edge as the start of the next column', () => {
    expect(cellAt(layout, { x: layout.columns[1]!.x, y: layout.lanes[0]!.y })).toEqual({ stageId: 's2', channelId: 'c1' });
    expect(cellAt(layout, { x: layout.columns[1]!.x - 0.5, y: layout.lanes[0]!.y })).toEqual({
      stageId: 's1',
      channelId: 'c1',
    });
  });

  it('returns null over the headers and outside the grid', () => {
    expect(cellAt(layout, { x: 10, y: layout.lanes[0]!.y + 5 })).toBeNull();
    expect(cellAt(layout, { x: layout.columns[0]!.x + 5, y: 10 })).toBeNull();
    expect(cellAt(layout, { x: layout.width + 1, y: layout.lanes[0]!.y + 5 })).toBeNull();
    expect(cellAt(layout, { x: layout.columns[0]!.x + 5, y: layout.height })).toBeNull();
  });
});

describe('slotIndexAt', () => {
  const lane = { id: 'c1', y: 100, height: 500 };
  const top = lane.y + GRID.cellPadding;

  it('maps a card top to the nearest slot', () => {
    expect(slotIndexAt(lane, top, 3)).toBe(0);
    expect(slotIndexAt(lane, top + step, 3)).toBe(1);
    expect(slotIndexAt(lane, top + step * 0.6, 3)).toBe(1);
    expect(slotIndexAt(lane, top + step * 0.4, 3)).toBe(0);
  });

  it('clamps to the start and to just after the last card', () => {
    expect(slotIndexAt(lane, lane.y - 300, 3)).toBe(0);
    expect(slotIndexAt(lane, top + step * 10, 3)).toBe(3);
    expect(slotIndexAt(lane, top + step * 10, 0)).toBe(0);
  });
});

describe('computeGrid with card heights', () => {
  it('stacks cards by their own heights and grows the lane to its tallest stack', () => {
    const a = makeTouchpoint({ id: 'h-a', stageId: 's1', channelId: 'c1', order: 1 });
    const b = makeTouchpoint({ id: 'h-b', stageId: 's1', channelId: 'c1', order: 2 });
    const c = makeTouchpoint({ id: 'h-c', stageId: 's2', channelId: 'c1', order: 1 });
    const heights = new Map([
      ['h-a', 190],
      ['h-c', 300],
    ]);
    const layout = computeGrid(stages, channels, [a, b, c], [], heights);
    const top = GRID.stageHeaderHeight + GRID.cellPadding;
    expect(layout.positions.get('h-a')!.y).toBe(top);
    expect(layout.positions.get('h-b')!.y).toBe(top + 190 + GRID.cardGap);
    expect(layout.heights.get('h-b')).toBe(GRID.cardHeight);
    // s1 holds 190 + gap + 104 = 306, s2 holds 300: the lane fits the taller stack.
    expect(layout.lanes[0]!.height).toBe(GRID.cellPadding * 2 + 190 + GRID.cardGap + GRID.cardHeight);
    expect(layout.lanes[1]!.y).toBe(GRID.stageHeaderHeight + layout.lanes[0]!.height);
  });

  it('finds the drop slot by the heights of the cards in the cell', () => {
    const lane = { id: 'c1', y: 0, height: 1000 };
    const top = GRID.cellPadding;
    const heights = [300, 104];
    // The second slot starts under the 300 px card, not one plain step down.
    expect(slotIndexAt(lane, top + 300 + GRID.cardGap - 20, heights)).toBe(1);
    expect(slotIndexAt(lane, top + step, heights)).toBe(0);
    expect(slotIndexAt(lane, top + 300 + GRID.cardGap + 104 + GRID.cardGap, heights)).toBe(2);
  });
});
