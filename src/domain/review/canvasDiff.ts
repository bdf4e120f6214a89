// The comparison drawn on the canvas: where cards that moved or were deleted used to sit (their
// ghosts), and per card a short list of what changed. Pure: the diff, the earlier snapshot and the
// layout the canvas shows now in; plain data out.
//
// Decisions:
// - A ghost sits where its card sat in the earlier snapshot's own grid (computeGrid on it), moved
//   into the lanes as the canvas draws them now: same stage column and channel lane, same slot in
//   the cell. When that stage or channel is gone, the earlier grid's coordinates are kept as they are.
// - A ghost is as tall as its card was: the height the earlier card's notes and quotes gave it
//   (cardContent.ts, as the canvas measures cards), which also lays out the earlier grid.
// - Badges name kinds of change, not values: the list in the panel has the words.
import { cardContent, cardHeight } from '../cardContent';
import { computeGrid, type GridLayout, type XY } from '../grid';
import type { Id, JourneyMapSnapshot, Note, Quote } from '../types';
import type { MapDiff } from './diff';
import { lanesInOrder } from './refs';

export interface ReviewGhost {
  touchpointId: Id;
  title: string;
  kind: 'moved' | 'deleted';
  /** Top left corner of the old place. */
  at: XY;
  /** Top left corner of the card now (moved cards only). */
  to: XY | null;
  /** The card's height as it was (flow px). */
  height: number;
}

/** Each card's height in a snapshot, from the notes and quotes it showed. */
export function cardHeightsOf(snapshot: JourneyMapSnapshot): Map<Id, number> {
  const notes = new Map<Id, Note[]>();
  const quotes = new Map<Id, Quote[]>();
  const add = <T>(into: Map<Id, T[]>, id: Id, item: T) => {
    const list = into.get(id);
    if (list) list.push(item);
    else into.set(id, [item]);
  };
  for (const n of snapshot.notes) add(notes, n.touchpointId, n);
  for (const q of snapshot.quotes) add(quotes, q.touchpointId, q);
  return new Map(snapshot.touchpoints.map((tp) => [tp.id, cardHeight(cardContent(notes.get(tp.id) ?? [], quotes.get(tp.id) ?? []))]));
}

export type CardChange = 'moved' | 'title' | 'rating' | 'status' | 'details' | 'notes' | 'quotes';

/** The order badges are shown in. */
export const CARD_CHANGES: readonly CardChange[] = ['moved', 'title', 'rating', 'status', 'details', 'notes', 'quotes'];

export function reviewGhosts(diff: MapDiff, before: JourneyMapSnapshot, now: GridLayout): ReviewGhost[] {
  const heights = cardHeightsOf(before);
  const then = computeGrid(lanesInOrder(before.stages), lanesInOrder(before.channels), before.touchpoints, [], heights);
  const heightOf = (id: Id) => heights.get(id)!;
  const columnThen = new Map(then.columns.map((c) => [c.id, c]));
  const laneThen = new Map(then.lanes.map((l) => [l.id, l]));
  const columnNow = new Map(now.columns.map((c) => [c.id, c]));
  const laneNow = new Map(now.lanes.map((l) => [l.id, l]));
  const oldPlace = (touchpointId: Id, stageId: Id, channelId: Id): XY | null => {
    const at = then.positions.get(touchpointId);
    if (!at) return null;
    const [c0, l0, c1, l1] = [columnThen.get(stageId), laneThen.get(channelId), columnNow.get(stageId), laneNow.get(channelId)];
    if (!c0 || !l0 || !c1 || !l1) return at;
    return { x: c1.x + (at.x - c0.x), y: l1.y + (at.y - l0.y) };
  };
  const ghosts: ReviewGhost[] = [];
  for (const move of diff.touchpoints.moved) {
    const at = oldPlace(move.touchpointId, move.from.stage.id, move.from.channel.id);
    if (at) ghosts.push({ touchpointId: move.touchpointId, title: move.title, kind: 'moved', at, to: now.positions.get(move.touchpointId) ?? null, height: heightOf(move.touchpointId) });
  }
  for (const gone of diff.touchpoints.deleted) {
    const at = oldPlace(gone.touchpointId, gone.stage.id, gone.channel.id);
    if (at) ghosts.push({ touchpointId: gone.touchpointId, title: gone.title, kind: 'deleted', at, to: null, height: heightOf(gone.touchpointId) });
  }
  return ghosts;
}

/** Per card still on the map, what changed on it (cards with no change are left out). */
export function cardChanges(diff: MapDiff): Map<Id, CardChange[]> {
  const found = new Map<Id, Set<CardChange>>();
  const add = (id: Id, change: CardChange) => {
    let set = found.get(id);
    if (!set) found.set(id, (set = new Set()));
    set.add(change);
  };
  const { touchpoints: tp, notes, quotes } = diff;
  for (const m of tp.moved) add(m.touchpointId, 'moved');
  for (const r of tp.renamed) add(r.touchpointId, 'title');
  for (const s of tp.satisfactionChanged) add(s.touchpointId, 'rating');
  for (const s of [...tp.retired, ...tp.reactivated, ...tp.statusChanged]) add(s.touchpointId, 'status');
  // Expectation and perception are the rating's badge already.
  for (const e of tp.edited) if (e.fields.some((f) => f !== 'expectation' && f !== 'perception')) add(e.touchpointId, 'details');
  for (const n of [...notes.added, ...notes.closed, ...notes.reopened, ...notes.statusChanged, ...notes.textChanged, ...notes.kindChanged, ...notes.ownerChanged])
    add(n.touchpointId, 'notes');
  for (const n of notes.moved) {
    add(n.from.touchpointId, 'notes');
    add(n.to.touchpointId, 'notes');
  }
  for (const n of notes.deleted) add(n.touchpointId, 'notes');
  for (const q of [...quotes.added, ...quotes.deleted]) add(q.touchpointId, 'quotes');
  for (const d of tp.deleted) found.delete(d.touchpointId);
  return new Map([...found].map(([id, set]) => [id, CARD_CHANGES.filter((c) => set.has(c))]));
}
