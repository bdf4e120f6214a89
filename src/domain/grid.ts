// Pixel layout derived from the durable grid (stage, channel, order): columns, lanes
// and one slot per card. Lanes grow to fit their fullest cell so stacked cards never overlap.
import { LAYER_ROW, type LayerPlacement, type LayerRowSpec } from './layers';
import type { Channel, Id, Stage, Touchpoint } from './types';

export const GRID = {
  /** Width of the channel header column at the left. */
  laneHeaderWidth: 160,
  /** Height of the stage header row at the top. */
  stageHeaderHeight: 56,
  columnWidth: 260,
  cardWidth: 228,
  cardHeight: 104,
  cardGap: 12,
  cellPadding: 16,
} as const;

export interface Column {
  id: Id;
  x: number;
  width: number;
}
export interface Lane {
  id: Id;
  y: number;
  height: number;
}
export interface XY {
  x: number;
  y: number;
}

/** A stage layer's row across the stages (src/domain/layers.ts says where each kind goes). */
export interface LayerRow {
  id: Id;
  y: number;
  height: number;
  placement: LayerPlacement;
}

export interface GridLayout {
  columns: Column[];
  lanes: Lane[];
  /** Visible stage layers: above the channel lanes, below them, and the backstage ones last. */
  layerRows: LayerRow[];
  /** Top of the "line of visibility" band above the backstage rows; null without backstage rows. */
  lineOfVisibility: number | null;
  positions: Map<Id, XY>;
  /** Each placed card's height (it follows what the card shows: src/domain/cardContent.ts). */
  heights: Map<Id, number>;
  width: number;
  height: number;
}

export const cellKey = (stageId: Id, channelId: Id) => `${stageId}\u0000${channelId}`;

/** Touchpoints grouped by cell, each group sorted by order (ties by id, so every peer agrees). */
export function groupByCell(touchpoints: Iterable<Touchpoint>): Map<string, Touchpoint[]> {
  const cells = new Map<string, Touchpoint[]>();
  for (const tp of touchpoints) {
    const key = cellKey(tp.stageId, tp.channelId);
    const list = cells.get(key);
    if (list) list.push(tp);
    else cells.set(key, [tp]);
  }
  for (const list of cells.values()) list.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  return cells;
}

/** A stack of cards with its gaps; an empty cell is as tall as one plain card. */
function stackHeight(cards: readonly Touchpoint[] | undefined, heightOf: (id: Id) => number): number {
  if (!cards || cards.length === 0) return GRID.cardHeight;
  let sum = (cards.length - 1) * GRID.cardGap;
  for (const tp of cards) sum += heightOf(tp.id);
  return sum;
}

/**
 * Touchpoints whose stage or channel no longer exists are left out (they are not on the grid).
 * `layers` (visible layer rows in layer order) stack around the channel lanes by placement.
 * `cardHeights` gives each card's height (a card missing from it is GRID.cardHeight tall); a
 * lane is as tall as its tallest stack.
 */
export function computeGrid(
  stages: readonly Stage[],
  channels: readonly Channel[],
  touchpoints: Iterable<Touchpoint>,
  layers: readonly LayerRowSpec[] = [],
  cardHeights?: ReadonlyMap<Id, number>,
): GridLayout {
  const heightOf = (id: Id) => cardHeights?.get(id) ?? GRID.cardHeight;
  const cells = groupByCell(touchpoints);
  const columns: Column[] = stages.map((s, i) => ({
    id: s.id,
    x: GRID.laneHeaderWidth + i * GRID.columnWidth,
    width: GRID.columnWidth,
  }));
  const lanes: Lane[] = [];
  let y = GRID.stageHeaderHeight;
  const layerRows: LayerRow[] = [];
  const stack = (placement: LayerPlacement) => {
    for (const layer of layers) {
      if (layer.placement !== placement) continue;
      layerRows.push({ id: layer.id, y, height: layer.height, placement });
      y += layer.height;
    }
  };
  stack('above');
  for (const channel of channels) {
    let tallest: number = GRID.cardHeight;
    for (const stage of stages) tallest = Math.max(tallest, stackHeight(cells.get(cellKey(stage.id, channel.id)), heightOf));
    const height = GRID.cellPadding * 2 + tallest;
    lanes.push({ id: channel.id, y, height });
    y += height;
  }
  stack('below');
  let lineOfVisibility: number | null = null;
  if (layers.some((l) => l.placement === 'backstage')) {
    lineOfVisibility = y;
    y += LAYER_ROW.visibilityLineHeight;
    stack('backstage');
  }
  const positions = new Map<Id, XY>();
  const heights = new Map<Id, number>();
  const columnX = new Map(columns.map((c) => [c.id, c.x]));
  for (const lane of lanes) {
    for (const stage of stages) {
      const cards = cells.get(cellKey(stage.id, lane.id));
      if (!cards) continue;
      const x = columnX.get(stage.id)! + (GRID.columnWidth - GRID.cardWidth) / 2;
      let y = lane.y + GRID.cellPadding;
      for (const tp of cards) {
        const height = heightOf(tp.id);
        positions.set(tp.id, { x, y });
        heights.set(tp.id, height);
        y += height + GRID.cardGap;
      }
    }
  }
  return {
    columns,
    lanes,
    layerRows,
    lineOfVisibility,
    positions,
    heights,
    width: GRID.laneHeaderWidth + columns.length * GRID.columnWidth,
    height: y,
  };
}

export interface CellHit {
  stageId: Id;
  channelId: Id;
  /** Index among the cell's cards where a card dropped at this point would go. */
  index: number;
}

/** The cell under a flow-coordinate point, or null outside the grid. */
export function cellAt(layout: GridLayout, point: XY): Omit<CellHit, 'index'> | null {
  const column = layout.columns.find((c) => point.x >= c.x && point.x < c.x + c.width);
  const lane = layout.lanes.find((l) => point.y >= l.y && point.y < l.y + l.height);
  return column && lane ? { stageId: column.id, channelId: lane.id } : null;
}

/** A card's height in a layout (GRID.cardHeight for a card not on it). */
export const cardHeightIn = (layout: Pick<GridLayout, 'heights'>, id: Id): number => layout.heights.get(id) ?? GRID.cardHeight;

/**
 * Index within a lane's cell for a card whose top edge would be at `y`: the slot whose top is
 * nearest (a tie goes to the later one). `cardsInCell` is the heights of the cards staying in
 * the cell, top to bottom, or just their count when all are GRID.cardHeight tall.
 */
export function slotIndexAt(lane: Lane, y: number, cardsInCell: number | readonly number[]): number {
  const heights = typeof cardsInCell === 'number' ? Array<number>(cardsInCell).fill(GRID.cardHeight) : cardsInCell;
  let top = lane.y + GRID.cellPadding;
  let best = 0;
  let bestDistance = Math.abs(y - top);
  heights.forEach((height, i) => {
    top += height + GRID.cardGap;
    const distance = Math.abs(y - top);
    if (distance <= bestDistance) {
      best = i + 1;
      bestDistance = distance;
    }
  });
  return best;
}
