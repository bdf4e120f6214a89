// Where dragged things land. Pure geometry over the derived grid, so it can be tested
// without a browser: a dropped card goes to the cell under its centre, at the slot
// under its top edge; a dragged header goes between the lanes its centre passed.
import { GRID, cardHeightIn, cellAt, cellKey, groupByCell, slotIndexAt, type GridLayout, type XY } from '../domain/grid';
import type { Id, Touchpoint } from '../domain/types';
import type { TouchpointMove } from '../doc/commands';

export interface DraggedCard {
  id: Id;
  /** Top-left corner in flow coordinates where the card was let go. */
  position: XY;
}

/**
 * The moves for a drop of one or more cards, in the order `moveTouchpoints` must apply them.
 * Cards let go outside the grid stay where they were (they snap back). Returns [] when the
 * drop would leave every cell as it is, so a drag back to the same slot writes nothing.
 */
export function planDrop(layout: GridLayout, touchpoints: Iterable<Touchpoint>, dragged: readonly DraggedCard[]): TouchpointMove[] {
  const all = [...touchpoints].filter((tp) => layout.positions.has(tp.id));
  const byId = new Map(all.map((tp) => [tp.id, tp]));
  const landing = dragged
    .map((card) => {
      const centre = { x: card.position.x + GRID.cardWidth / 2, y: card.position.y + cardHeightIn(layout, card.id) / 2 };
      const cell = byId.has(card.id) ? cellAt(layout, centre) : null;
      return cell ? { card, cell } : null;
    })
    .filter((d) => d !== null)
    // Top to bottom (then left to right), so cards dropped together keep their order.
    .sort((a, b) => a.card.position.y - b.card.position.y || a.card.position.x - b.card.position.x);
  if (landing.length === 0) return [];

  const moving = new Set(landing.map((d) => d.card.id));
  const before = new Map<string, Id[]>();
  for (const [key, cards] of groupByCell(all)) before.set(key, cards.map((tp) => tp.id));
  // Replays what moveTouchpoints does: every moving card leaves its cell first, then
  // each one is inserted in turn, seeing the cards placed before it.
  const after = new Map<string, Id[]>();
  for (const [key, ids] of before) after.set(key, ids.filter((id) => !moving.has(id)));

  const moves: TouchpointMove[] = [];
  const touched = new Set<string>();
  for (const { card, cell } of landing) {
    const lane = layout.lanes.find((l) => l.id === cell.channelId)!;
    const key = cellKey(cell.stageId, cell.channelId);
    const list = after.get(key) ?? [];
    const index = slotIndexAt(
      lane,
      card.position.y,
      list.map((id) => cardHeightIn(layout, id)),
    );
    list.splice(index, 0, card.id);
    after.set(key, list);
    moves.push({ id: card.id, stageId: cell.stageId, channelId: cell.channelId, index });
    const from = byId.get(card.id)!;
    touched.add(key).add(cellKey(from.stageId, from.channelId));
  }

  const unchanged = [...touched].every((key) => sameIds(before.get(key) ?? [], after.get(key) ?? []));
  return unchanged ? [] : moves;
}

const sameIds = (a: readonly Id[], b: readonly Id[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The index among the *other* lanes (what `moveLane` takes) for a header dragged so that
 * its centre is at `draggedCentre`: it goes after every other lane whose centre it passed.
 */
export function laneDropIndex(centres: readonly number[], fromIndex: number, draggedCentre: number): number {
  let index = 0;
  centres.forEach((centre, i) => {
    if (i !== fromIndex && centre < draggedCentre) index += 1;
  });
  return index;
}

/**
 * Where to draw the drop marker for `toIndex` (an index among the other lanes), given every
 * lane's start and end along the axis; null when the drop would not move the lane.
 */
export function laneDropMarker(spans: readonly { start: number; end: number }[], fromIndex: number, toIndex: number): number | null {
  if (toIndex === fromIndex) return null;
  const others = spans.filter((_, i) => i !== fromIndex);
  if (others.length === 0) return null;
  return toIndex < others.length ? others[toIndex]!.start : others[others.length - 1]!.end;
}
