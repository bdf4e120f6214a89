// What the touchpoint panel picks from the map store: plain functions so they are cheap to test
// and, wrapped in useShallow, re-render the panel only when these very entities change.
import type { Id, Note, Quote } from '../domain/types';

const byCreation = <T extends { createdAt: string; id: Id }>(a: T, b: T) =>
  a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A touchpoint's notes, oldest first, so a note does not jump while people vote on it. */
export function notesOfTouchpoint(notes: Record<Id, Note>, touchpointId: Id): Note[] {
  return Object.values(notes)
    .filter((n) => n.touchpointId === touchpointId)
    .sort(byCreation);
}

/** A touchpoint's customer-voice quotes, oldest first. */
export function quotesOfTouchpoint(quotes: Record<Id, Quote>, touchpointId: Id): Quote[] {
  return Object.values(quotes)
    .filter((q) => q.touchpointId === touchpointId)
    .sort(byCreation);
}
