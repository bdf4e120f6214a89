// Review mode walks the map one touchpoint at a time and ticks a six-item checklist per card.
//
// Decisions:
// - The walk includes every touchpoint on the grid, retired ones too: a review is where the team
//   confirms that a switched-off touchpoint is really gone (or brings it back).
// - Touchpoints whose stage or channel no longer exists are not on the canvas, so they are skipped.
// - A touchpoint counts as reviewed only when all six checklist items are ticked; ticking an item
//   means "we looked at this", whatever the answer was (e.g. "still active?" ticked for a retired card
//   means its status was confirmed).
// - next/previous stop at the ends (null) instead of wrapping, so the UI can say "that was the last one".
import type { Id, JourneyMapSnapshot, ReviewChecklist } from '../types';
import { CHECKLIST_ITEMS } from '../entityFields';
import { lanesInOrder } from './refs';

/** The six items, in the order review mode asks them (defined with the other entity fields). */
export { CHECKLIST_ITEMS };

export type WalkBy = 'stage' | 'channel';

/** Touchpoint ids in walking order: stage by stage (then channel, then card order), or channel by channel. */
export function walkOrder(snapshot: JourneyMapSnapshot, by: WalkBy): Id[] {
  const stageRank = new Map(lanesInOrder(snapshot.stages).map((s, i) => [s.id, i]));
  const channelRank = new Map(lanesInOrder(snapshot.channels).map((c, i) => [c.id, i]));
  const onGrid = snapshot.touchpoints
    .filter((tp) => stageRank.has(tp.stageId) && channelRank.has(tp.channelId))
    .map((tp) => ({
      id: tp.id,
      order: tp.order,
      stage: stageRank.get(tp.stageId)!,
      channel: channelRank.get(tp.channelId)!,
    }));
  const [major, minor] = by === 'stage' ? (['stage', 'channel'] as const) : (['channel', 'stage'] as const);
  onGrid.sort(
    (a, b) =>
      a[major] - b[major] || a[minor] - b[minor] || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return onGrid.map((tp) => tp.id);
}

/** The touchpoint after `currentId`; the first one when nothing (or an id no longer in the walk) is current. */
export function next(order: readonly Id[], currentId: Id | null): Id | null {
  const at = currentId === null ? -1 : order.indexOf(currentId);
  if (at === -1) return order[0] ?? null;
  return order[at + 1] ?? null;
}

/** The touchpoint before `currentId`; the last one when nothing (or an id no longer in the walk) is current. */
export function previous(order: readonly Id[], currentId: Id | null): Id | null {
  const at = currentId === null ? -1 : order.indexOf(currentId);
  if (at === -1) return order[order.length - 1] ?? null;
  return at === 0 ? null : order[at - 1]!;
}

/** How many of the six items are ticked (for a small per-card indicator). */
export function tickedCount(checklist: ReviewChecklist | undefined): number {
  if (!checklist) return 0;
  return CHECKLIST_ITEMS.filter((item) => checklist[item] === true).length;
}

/** Reviewed = all six items ticked. */
export function isReviewed(checklist: ReviewChecklist | undefined): boolean {
  return tickedCount(checklist) === CHECKLIST_ITEMS.length;
}

export interface ReviewProgress {
  reviewed: number;
  total: number;
}

/** "12 of 31 touchpoints reviewed": checklists of touchpoints not in the walk are ignored. */
export function reviewProgress(
  order: readonly Id[],
  checklists: Readonly<Record<Id, ReviewChecklist | undefined>>,
): ReviewProgress {
  const walked = new Set(order);
  let reviewed = 0;
  for (const id of walked) if (isReviewed(checklists[id])) reviewed += 1;
  return { reviewed, total: walked.size };
}
