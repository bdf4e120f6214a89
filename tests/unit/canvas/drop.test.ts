import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { GRID, computeGrid } from '../../../src/domain/grid';
import type { Touchpoint } from '../../../src/domain/types';
import { moveTouchpoints } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { laneDropIndex, laneDropMarker, planDrop } from '../../../src/canvas/drop';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';

/** A map with cards placed by (stage index, channel index); returns helpers over it. */
function mapWith(cards: [number, number, string][]) {
  const { doc } = makeMapDoc();
  const ids = new Map<string, string>();
  for (const [s, c, title] of cards) ids.set(title, addTouchpointAt(doc, s, c, { title }));
  return { doc, ids };
}

const snapshot = (doc: Y.Doc) => readSnapshot(doc);
const layoutOf = (doc: Y.Doc) => {
  const s = snapshot(doc);
  return computeGrid(s.stages, s.channels, s.touchpoints);
};

/** Titles in a cell, top to bottom. */
function cell(doc: Y.Doc, stageIndex: number, channelIndex: number): string[] {
  const s = snapshot(doc);
  const stageId = s.stages[stageIndex]!.id;
  const channelId = s.channels[channelIndex]!.id;
  return s.touchpoints
    .filter((t: Touchpoint) => t.stageId === stageId && t.channelId === channelId)
    .sort((a, b) => a.order - b.order)
    .map((t) => t.title);
}

/** The top-left corner of slot `slot` in a cell, nudged a little as a real drop would be. */
function slotPoint(doc: Y.Doc, stageIndex: number, channelIndex: number, slot: number) {
  const layout = layoutOf(doc);
  const column = layout.columns[stageIndex]!;
  const lane = layout.lanes[channelIndex]!;
  return {
    x: column.x + (GRID.columnWidth - GRID.cardWidth) / 2 + 7,
    y: lane.y + GRID.cellPadding + slot * (GRID.cardHeight + GRID.cardGap) - 9,
  };
}

function drop(doc: Y.Doc, dragged: { id: string; position: { x: number; y: number } }[]) {
  const moves = planDrop(layoutOf(doc), snapshot(doc).touchpoints, dragged);
  if (moves.length > 0) moveTouchpoints(doc, moves);
  return moves;
}

describe('planDrop', () => {
  it('moves a card to the cell under its centre, at the slot under its top edge', () => {
    const { doc, ids } = mapWith([
      [0, 0, 'A'],
      [2, 1, 'P'],
      [2, 1, 'Q'],
    ]);
    drop(doc, [{ id: ids.get('A')!, position: slotPoint(doc, 2, 1, 1) }]);
    expect(cell(doc, 2, 1)).toEqual(['P', 'A', 'Q']);
    expect(cell(doc, 0, 0)).toEqual([]);
  });

  it('reorders within a cell', () => {
    const { doc, ids } = mapWith([
      [1, 1, 'X'],
      [1, 1, 'A'],
      [1, 1, 'Y'],
    ]);
    drop(doc, [{ id: ids.get('A')!, position: slotPoint(doc, 1, 1, 2) }]);
    expect(cell(doc, 1, 1)).toEqual(['X', 'Y', 'A']);
    drop(doc, [{ id: ids.get('A')!, position: slotPoint(doc, 1, 1, 0) }]);
    expect(cell(doc, 1, 1)).toEqual(['A', 'X', 'Y']);
  });

  it('writes nothing when a card is let go in its own slot', () => {
    const { doc, ids } = mapWith([
      [1, 1, 'X'],
      [1, 1, 'A'],
      [1, 1, 'Y'],
    ]);
    const moves = planDrop(layoutOf(doc), snapshot(doc).touchpoints, [{ id: ids.get('A')!, position: slotPoint(doc, 1, 1, 1) }]);
    expect(moves).toEqual([]);
  });

  it('leaves a card dropped outside the grid where it was', () => {
    const { doc, ids } = mapWith([[0, 0, 'A']]);
    const moves = planDrop(layoutOf(doc), snapshot(doc).touchpoints, [{ id: ids.get('A')!, position: { x: -900, y: -900 } }]);
    expect(moves).toEqual([]);
    // The lane header column is not a cell either.
    const onHeader = planDrop(layoutOf(doc), snapshot(doc).touchpoints, [{ id: ids.get('A')!, position: { x: 0, y: 200 } }]);
    expect(onHeader).toEqual([]);
  });

  it('keeps the order of several cards dropped together into one cell', () => {
    const { doc, ids } = mapWith([
      [0, 0, 'A'],
      [0, 0, 'B'],
      [3, 2, 'P'],
      [3, 2, 'Q'],
      // A fuller cell elsewhere makes the lane tall enough for four cards.
      ...[1, 2, 3, 4].map((n): [number, number, string] => [5, 2, `F${n}`]),
    ]);
    const top = slotPoint(doc, 3, 2, 2);
    const step = GRID.cardHeight + GRID.cardGap;
    drop(doc, [
      // Listed bottom first: the drop still goes top to bottom.
      { id: ids.get('B')!, position: { x: top.x, y: top.y + step } },
      { id: ids.get('A')!, position: top },
    ]);
    expect(cell(doc, 3, 2)).toEqual(['P', 'Q', 'A', 'B']);
  });

  it('moves only the cards of a group that land on the grid', () => {
    const { doc, ids } = mapWith([
      [0, 0, 'A'],
      [0, 1, 'B'],
    ]);
    drop(doc, [
      { id: ids.get('A')!, position: slotPoint(doc, 4, 0, 0) },
      { id: ids.get('B')!, position: { x: -500, y: 0 } },
    ]);
    expect(cell(doc, 4, 0)).toEqual(['A']);
    expect(cell(doc, 0, 1)).toEqual(['B']);
  });
});

describe('laneDropIndex', () => {
  const centres = [100, 300, 500, 700];

  it('goes after every other lane whose centre the dragged header passed', () => {
    expect(laneDropIndex(centres, 3, 50)).toBe(0);
    expect(laneDropIndex(centres, 0, 550)).toBe(2);
    expect(laneDropIndex(centres, 0, 900)).toBe(3);
  });

  it('stays put when it did not pass a neighbour', () => {
    expect(laneDropIndex(centres, 1, 320)).toBe(1);
    expect(laneDropIndex(centres, 1, 280)).toBe(1);
  });
});

describe('laneDropMarker', () => {
  const spans = [
    { start: 0, end: 10 },
    { start: 10, end: 20 },
    { start: 20, end: 30 },
  ];

  it('marks the edge the lane will land at, and nothing for a drop in place', () => {
    expect(laneDropMarker(spans, 2, 0)).toBe(0);
    expect(laneDropMarker(spans, 0, 1)).toBe(20);
    expect(laneDropMarker(spans, 0, 2)).toBe(30);
    expect(laneDropMarker(spans, 1, 1)).toBeNull();
  });
});
