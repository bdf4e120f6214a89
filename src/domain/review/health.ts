// How well-kept a map is, at a glance: is every live touchpoint covered by Fix / WOW / Plan B, where
// has the customer's voice gone quiet, what is still open, where does the journey dip, is a review due.
//
// Decisions:
// - "Active" means status active or new. Retired touchpoints leave coverage and the quiet list (nobody
//   is expected to hear customers at a switched-off touchpoint). Only touchpoints on the grid count
//   (the same set review mode walks): one whose stage or channel is gone cannot be shown or fixed.
// - A note counts for coverage whatever its status: a done Fix still means the fix was considered.
// - Open notes include those on retired touchpoints (they are still someone's open work, and a review
//   should close them); notes whose touchpoint is not on the map are left out.
// - Time rules follow isQuiet: whole UTC calendar days (so nothing flips with the hour), and something
//   dated exactly `cadenceDays` days ago still counts as recent: a review is due once more than the
//   cadence has passed (91 days after the last one with a 90-day cadence).
import { DEFAULT_CADENCE_DAYS } from '../limits';
import { isQuiet, stageAverages } from '../satisfaction';
import { NOTE_KINDS, type Id, type JourneyMapSnapshot, type NoteKind, type NoteStatus, type Review } from '../types';
import { indexSnapshot, lanesInOrder, noteRef, touchpointRef, type NoteRef, type TouchpointRef } from './refs';
import { walkOrder } from './walk';

const DAY_MS = 86_400_000;

/** Whole UTC calendar days from `fromMs` to `toMs` (negative when `fromMs` is later). */
const calendarDaysBetween = (fromMs: number, toMs: number) => {
  const day = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  };
  return Math.round((day(toMs) - day(fromMs)) / DAY_MS);
};

/** The byOwner key of notes nobody has taken yet. */
export const UNASSIGNED = 'unassigned';

export type OpenNoteStatus = Exclude<NoteStatus, 'done'>;
export const OPEN_NOTE_STATUSES = ['idea', 'planned', 'inProgress'] as const satisfies readonly OpenNoteStatus[];

export interface TripleFocusCoverage {
  /** Touchpoints with status active or new. */
  active: number;
  /** Active touchpoints with at least one Fix, one WOW and one Plan B note. */
  complete: number;
  /** complete / active, 0…1; null when there is no active touchpoint. */
  share: number | null;
  /** Active touchpoints lacking a note of each kind, in map order. */
  missing: Record<NoteKind, TouchpointRef[]>;
}

export interface QuietTouchpoint extends TouchpointRef {
  /** Date (YYYY-MM-DD) of its newest quote; null when the customer was never quoted here. */
  lastHeard: string | null;
}

export interface OpenNotes {
  total: number;
  byStatus: Record<OpenNoteStatus, NoteRef[]>;
  /** Keyed by the owner as typed (trimmed); notes without an owner under UNASSIGNED. */
  byOwner: Record<string, NoteRef[]>;
}

export interface StageCurvePoint {
  stageId: Id;
  title: string;
  /** Mean satisfaction of the stage's rated, non-retired touchpoints; null when none is rated. */
  average: number | null;
  rated: number;
}

export interface LowestStage {
  stageId: Id;
  title: string;
  value: number;
}

export interface MapHealth {
  cadenceDays: number;
  coverage: TripleFocusCoverage;
  quiet: QuietTouchpoint[];
  openNotes: OpenNotes;
  /** The emotion curve: one point per stage, in stage order. */
  curve: StageCurvePoint[];
  /** The deepest dip of the curve (the first one on a tie); null when nothing is rated. */
  lowestStage: LowestStage | null;
  /** createdAt of the newest review; null when the map was never reviewed. */
  lastReviewAt: string | null;
  /** Whole calendar days (UTC) since that review; null when none. */
  daysSinceLastReview: number | null;
  reviewDue: boolean;
}

/** The map's cadence, or the default when it is missing or not a positive number. */
export function cadenceOf(snapshot: JourneyMapSnapshot): number {
  const days = snapshot.meta.cadenceDays;
  return Number.isFinite(days) && days > 0 ? days : DEFAULT_CADENCE_DAYS;
}

/** The newest review by createdAt (reviews with an unreadable date are ignored). */
export function lastReview<R extends Pick<Review, 'createdAt'>>(reviews: readonly R[]): R | null {
  let newest: R | null = null;
  let newestAt = -Infinity;
  for (const review of reviews) {
    const at = Date.parse(review.createdAt);
    if (Number.isFinite(at) && at > newestAt) {
      newest = review;
      newestAt = at;
    }
  }
  return newest;
}

/**
 * The due rule, for callers that hold only these figures (the server's map list): more than
 * `cadenceDays` since the last review; with none (or an unreadable date), a map older than the
 * cadence is due, and a map of unknown age is not nagged about.
 */
export function isReviewDue(cadenceDays: number, createdAt: string, lastReviewAt: string | null, now: Date): boolean {
  const reviewedMs = lastReviewAt === null ? Number.NaN : Date.parse(lastReviewAt);
  const sinceMs = Number.isFinite(reviewedMs) ? reviewedMs : Date.parse(createdAt);
  return Number.isFinite(sinceMs) && calendarDaysBetween(sinceMs, now.getTime()) > cadenceDays;
}

export function mapHealth(snapshot: JourneyMapSnapshot, reviews: readonly Review[], now: Date): MapHealth {
  const index = indexSnapshot(snapshot);
  const cadenceDays = cadenceOf(snapshot);
  const nowMs = now.getTime();

  // Touchpoints on the grid in map order, so every list reads like the canvas.
  const onMap = walkOrder(snapshot, 'stage').map((id) => index.touchpoints.get(id)!);
  const mapRank = new Map(onMap.map((tp, i) => [tp.id, i]));
  const active = onMap.filter((tp) => tp.status !== 'retired');

  const kindsAt = new Map<Id, Set<NoteKind>>();
  for (const note of snapshot.notes) {
    const kinds = kindsAt.get(note.touchpointId) ?? new Set<NoteKind>();
    kinds.add(note.kind);
    kindsAt.set(note.touchpointId, kinds);
  }
  const missing: Record<NoteKind, TouchpointRef[]> = { fix: [], wow: [], planB: [] };
  let complete = 0;
  for (const tp of active) {
    const kinds = kindsAt.get(tp.id);
    let all = true;
    for (const kind of NOTE_KINDS) {
      if (kinds?.has(kind)) continue;
      missing[kind].push(touchpointRef(index, tp));
      all = false;
    }
    if (all) complete += 1;
  }

  const quotesAt = new Map<Id, { date: string }[]>();
  for (const quote of snapshot.quotes) {
    const list = quotesAt.get(quote.touchpointId);
    if (list) list.push(quote);
    else quotesAt.set(quote.touchpointId, [quote]);
  }
  const quiet: QuietTouchpoint[] = [];
  for (const tp of active) {
    const quotes = quotesAt.get(tp.id) ?? [];
    if (!isQuiet(quotes, now, cadenceDays, tp.createdAt)) continue;
    const dates = quotes.map((q) => q.date).filter((d) => Number.isFinite(Date.parse(`${d}T00:00:00Z`)));
    quiet.push({ ...touchpointRef(index, tp), lastHeard: dates.length > 0 ? dates.sort().at(-1)! : null });
  }

  const byStatus: OpenNotes['byStatus'] = { idea: [], planned: [], inProgress: [] };
  // A Map, not an object literal: owners are typed by users and may be named "__proto__".
  const byOwner = new Map<string, NoteRef[]>();
  const open = snapshot.notes
    .filter((n) => n.status !== 'done' && mapRank.has(n.touchpointId))
    .sort((a, b) => mapRank.get(a.touchpointId)! - mapRank.get(b.touchpointId)! || (a.id < b.id ? -1 : 1));
  for (const note of open) {
    const ref = noteRef(index, note);
    byStatus[note.status as OpenNoteStatus].push(ref);
    const owner = note.owner.trim() || UNASSIGNED;
    const list = byOwner.get(owner);
    if (list) list.push(ref);
    else byOwner.set(owner, [ref]);
  }
  const openNotes: OpenNotes = { total: open.length, byStatus, byOwner: Object.fromEntries(byOwner) };

  const stages = lanesInOrder(snapshot.stages);
  const curve: StageCurvePoint[] = stageAverages(stages, snapshot.touchpoints).map((point, i) => ({
    stageId: point.stageId,
    title: stages[i]!.title,
    average: point.average,
    rated: point.rated,
  }));
  let lowestStage: LowestStage | null = null;
  for (const point of curve) {
    if (point.average === null) continue;
    if (lowestStage === null || point.average < lowestStage.value) {
      lowestStage = { stageId: point.stageId, title: point.title, value: point.average };
    }
  }

  const latest = lastReview(reviews);
  const daysSinceLastReview = latest ? Math.max(0, calendarDaysBetween(Date.parse(latest.createdAt), nowMs)) : null;
  const reviewDue = isReviewDue(cadenceDays, snapshot.meta.createdAt, latest?.createdAt ?? null, now);

  return {
    cadenceDays,
    coverage: {
      active: active.length,
      complete,
      share: active.length === 0 ? null : complete / active.length,
      missing,
    },
    quiet,
    openNotes,
    curve,
    lowestStage,
    lastReviewAt: latest?.createdAt ?? null,
    daysSinceLastReview,
    reviewDue,
  };
}
