// What a card shows of its notes and quotes at reading zoom, and how tall that makes it.
// The height follows from the data alone (which lines are shown), never from the zoom or
// from measured text, so every peer lays the map out alike and nothing jumps while zooming.
import type { Note, NoteKind, Quote } from './types';

/** The lines a card shows beyond its title: one per note kind, and the freshest quote. */
export interface CardContent {
  fix: Note | null;
  wow: Note | null;
  planB: Note | null;
  quote: Quote | null;
  /** Notes and quotes of the card not shown on it ("+N more"). */
  more: number;
}

export const EMPTY_CARD_CONTENT: CardContent = Object.freeze({ fix: null, wow: null, planB: null, quote: null, more: 0 });

const hasText = (text: string | undefined) => (text ?? '').trim() !== '';

/**
 * The note a card puts forward for its kind: open ones (not done) before done ones, then the
 * most votes, then the oldest (it has waited longest), then by id so every peer agrees.
 * Notes without text say nothing on a card and are left out.
 */
export function topNote(notes: Iterable<Note>, kind: NoteKind): Note | null {
  let best: Note | null = null;
  for (const n of notes) {
    if (n.kind !== kind || !hasText(n.text)) continue;
    if (best === null || notePrecedes(n, best)) best = n;
  }
  return best;
}

function notePrecedes(a: Note, b: Note): boolean {
  const aOpen = a.status !== 'done';
  const bOpen = b.status !== 'done';
  if (aOpen !== bOpen) return aOpen;
  if (a.votes !== b.votes) return a.votes > b.votes;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

/** The quote the customer said last (by its date; undated ones last), then the latest added, then by id. */
export function freshestQuote(quotes: Iterable<Quote>): Quote | null {
  let best: Quote | null = null;
  for (const q of quotes) {
    if (!hasText(q.text)) continue;
    if (best === null || quotePrecedes(q, best)) best = q;
  }
  return best;
}

function quotePrecedes(a: Quote, b: Quote): boolean {
  // YYYY-MM-DD strings sort as dates; an empty date sorts before any date, so it loses.
  if (a.date !== b.date) return a.date > b.date;
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt;
  return a.id < b.id;
}

/** A card's content from its own notes and quotes. */
export function cardContent(notes: readonly Note[], quotes: readonly Quote[]): CardContent {
  const fix = topNote(notes, 'fix');
  const wow = topNote(notes, 'wow');
  const planB = topNote(notes, 'planB');
  const quote = freshestQuote(quotes);
  const shown = (fix ? 1 : 0) + (wow ? 1 : 0) + (planB ? 1 : 0) + (quote ? 1 : 0);
  if (shown === 0 && notes.length === 0 && quotes.length === 0) return EMPTY_CARD_CONTENT;
  return { fix, wow, planB, quote, more: notes.length + quotes.length - shown };
}

/**
 * A card's box at zoom 1, in flow pixels. A card without content keeps today's 104 px (status,
 * a two-line title, the counters); a card with content has a one-line title, a line per note
 * shown, two lines of the quote with its source and date, and a footer for "+N more".
 */
export const CARD_BOX = {
  plain: 104,
  /** Padding, status row and a one-line title of a card with content. */
  head: 8 + 20 + 4 + 19,
  /** One note line, with the gap above it. */
  noteLine: 19,
  /** The quote: gap, two lines of text and a line with its source and date. */
  quote: 6 + 32 + 17,
  /** The footer with "+N more" (or the counters), with the gap above it and the bottom padding. */
  foot: 4 + 18 + 8,
} as const;

export function cardHeight(content: CardContent): number {
  const notes = (content.fix ? 1 : 0) + (content.wow ? 1 : 0) + (content.planB ? 1 : 0);
  if (notes === 0 && !content.quote) return CARD_BOX.plain;
  return CARD_BOX.head + notes * CARD_BOX.noteLine + (content.quote ? CARD_BOX.quote : 0) + CARD_BOX.foot;
}

const sameContentLine = <T>(a: T | null, b: T | null) => a === b;

/** Equal content: the same note and quote objects shown and the same "+N more". */
export const sameCardContent = (a: CardContent, b: CardContent) =>
  sameContentLine(a.fix, b.fix) &&
  sameContentLine(a.wow, b.wow) &&
  sameContentLine(a.planB, b.planB) &&
  sameContentLine(a.quote, b.quote) &&
  a.more === b.more;
