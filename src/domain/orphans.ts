// Notes and quotes whose card is gone: a colleague deleted the card while someone (offline, or in
// the same instant) added a note or quote to it. Yjs keeps both edits, so the note outlives its
// card. They are never dropped quietly: the map lists them for a person to restore their card
// (under its old id, so every note comes back with it) or to discard them on purpose.
import type { Id, Note, Quote, Touchpoint } from './types';

/** What is left of one deleted card. */
export interface OrphanGroup {
  /** The id the deleted card had; the notes and quotes still point to it. */
  touchpointId: Id;
  notes: Note[];
  quotes: Quote[];
}

/** Orphaned notes and quotes grouped by the card they lost, oldest first, in a stable order. */
export function orphansOf(
  touchpoints: Readonly<Record<Id, Touchpoint>>,
  notes: Iterable<Note>,
  quotes: Iterable<Quote>,
): OrphanGroup[] {
  const groups = new Map<Id, OrphanGroup>();
  const groupOf = (touchpointId: Id) => {
    let group = groups.get(touchpointId);
    if (!group) groups.set(touchpointId, (group = { touchpointId, notes: [], quotes: [] }));
    return group;
  };
  for (const note of notes) if (!(note.touchpointId in touchpoints)) groupOf(note.touchpointId).notes.push(note);
  for (const quote of quotes) if (!(quote.touchpointId in touchpoints)) groupOf(quote.touchpointId).quotes.push(quote);
  const firstMade = (g: OrphanGroup) => [...g.notes, ...g.quotes].map((x) => x.createdAt).sort()[0] ?? '';
  return [...groups.values()].sort((a, b) => firstMade(a).localeCompare(firstMade(b)) || a.touchpointId.localeCompare(b.touchpointId));
}

/** A cheap key that changes exactly when the set of orphans does (for a store selector). */
export function orphanKey(
  touchpoints: Readonly<Record<Id, Touchpoint>>,
  notes: Readonly<Record<Id, Note>>,
  quotes: Readonly<Record<Id, Quote>>,
): string {
  const ids: Id[] = [];
  for (const [id, note] of Object.entries(notes)) if (!(note.touchpointId in touchpoints)) ids.push(id);
  for (const [id, quote] of Object.entries(quotes)) if (!(quote.touchpointId in touchpoints)) ids.push(id);
  return ids.sort().join(',');
}
