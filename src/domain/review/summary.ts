// The few health figures the map list shows per map (last reviewed, coverage, quiet count, due
// badge): the one place they are computed. In two steps, because the list is read on later days
// than the map was edited: `healthBasis` when the map changes (the server stores it), and
// `listHealth` when the list is asked for, since quiet cards and a due review move with the date
// alone. The map header's "review due" badge uses `lastReviewAt` and the same due rule.
import { isQuiet } from '../satisfaction';
import type { Id, JourneyMapSnapshot } from '../types';
import { isReviewDue, lastReview, mapHealth } from './health';
import { walkOrder } from './walk';

export interface MapListHealth {
  /** createdAt of the newest review; null when never reviewed. */
  lastReviewAt: string | null;
  /** Triple-focus coverage share 0…1; null when the map has no active touchpoint. */
  coverage: number | null;
  /** Active touchpoints without a customer quote within the map's cadence. */
  quietCount: number;
  reviewDue: boolean;
}

/** What a map's list figures are finished from on any later day (plain JSON, kept by the server). */
export interface HealthBasis {
  cadenceDays: number;
  createdAt: string;
  coverage: number | null;
  /** Per active touchpoint on the grid: the date of its newest quote, or null when never quoted. */
  lastHeard: (string | null)[];
  /**
   * The same touchpoints' creation timestamps (a new card is not quiet within the cadence). Bases
   * stored before this was kept lack it: their cards get no grace, as they did then.
   */
  createdOn?: string[];
}

export function healthBasis(snapshot: JourneyMapSnapshot, now: Date): HealthBasis {
  const health = mapHealth(snapshot, [], now);
  // Newest quote per touchpoint, whether quiet today or not: it turns quiet later.
  const newest = new Map<Id, string>();
  for (const quote of snapshot.quotes) {
    if (!Number.isFinite(Date.parse(`${quote.date}T00:00:00Z`))) continue;
    const known = newest.get(quote.touchpointId);
    if (known === undefined || quote.date > known) newest.set(quote.touchpointId, quote.date);
  }
  // The same touchpoints the health panel counts: active ones on the grid.
  const onGrid = new Set(walkOrder(snapshot, 'stage'));
  const active = snapshot.touchpoints.filter((tp) => tp.status !== 'retired' && onGrid.has(tp.id));
  return {
    cadenceDays: health.cadenceDays,
    createdAt: snapshot.meta.createdAt,
    coverage: health.coverage.share,
    lastHeard: active.map((tp) => newest.get(tp.id) ?? null),
    createdOn: active.map((tp) => tp.createdAt),
  };
}

/** The list figures on the day `now`, from a basis and the newest review's date. */
export function listHealth(basis: HealthBasis, lastReviewAt: string | null, now: Date): MapListHealth {
  const createdOn = Array.isArray(basis.createdOn) ? basis.createdOn : [];
  const quietCount = basis.lastHeard.filter((date, i) =>
    isQuiet(date === null ? [] : [{ date }], now, basis.cadenceDays, typeof createdOn[i] === 'string' ? createdOn[i] : ''),
  ).length;
  const reviewDue = isReviewDue(basis.cadenceDays, basis.createdAt, lastReviewAt, now);
  return { lastReviewAt, coverage: basis.coverage, quietCount, reviewDue };
}

/** createdAt of the newest review (by date, unreadable dates ignored); null when none. */
export const lastReviewAt = (reviews: readonly { createdAt: string }[]): string | null => lastReview(reviews)?.createdAt ?? null;

/** Both steps at once, for a map at hand. */
export const mapListHealth = (snapshot: JourneyMapSnapshot, reviews: readonly { createdAt: string }[], now: Date): MapListHealth =>
  listHealth(healthBasis(snapshot, now), lastReviewAt(reviews), now);
