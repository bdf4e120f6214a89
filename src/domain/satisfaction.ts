// Satisfaction = perception − expectation (−4 … +4): where the journey dips.
import type { Locale } from './locale';
import type { Id, Quote, Stage, Touchpoint } from './types';

export function satisfaction(tp: Pick<Touchpoint, 'expectation' | 'perception'>): number | null {
  if (tp.expectation === null || tp.perception === null) return null;
  return tp.perception - tp.expectation;
}

export type SatisfactionTone = 'negative' | 'neutral' | 'positive' | 'unrated';

export function satisfactionTone(value: number | null): SatisfactionTone {
  if (value === null) return 'unrated';
  if (value < 0) return 'negative';
  if (value > 0) return 'positive';
  return 'neutral';
}

/** The decimal mark per language (what Intl.NumberFormat writes; Intl's first use costs ~70 ms of ICU set-up). */
const DECIMAL_MARK: Record<Locale, string> = { en: '.', ru: ',' };

/**
 * A satisfaction value or a stage average as every view shows it: signed, at most one decimal,
 * written the language's way ("+0.3", "−0,7"), with a true minus sign; an en dash while unrated.
 */
export function formatScore(value: number | null, locale: Locale): string {
  if (value === null) return '–';
  // Rounded as before it is signed, so −0.25 reads −0.2 as it always did.
  const tenths = Math.round(value * 10);
  if (tenths === 0) return '0';
  const whole = Math.floor(Math.abs(tenths) / 10);
  const fraction = Math.abs(tenths) % 10;
  return `${tenths > 0 ? '+' : '\u2212'}${whole}${fraction === 0 ? '' : `${DECIMAL_MARK[locale]}${fraction}`}`;
}

export interface StageSatisfaction {
  stageId: Id;
  /** Mean over the stage's rated, non-retired touchpoints; null when none is rated. */
  average: number | null;
  rated: number;
}

/** Retired touchpoints no longer happen to the customer, so they leave the curve. */
export function stageAverages(stages: readonly Stage[], touchpoints: Iterable<Touchpoint>): StageSatisfaction[] {
  const sums = new Map<Id, { sum: number; n: number }>();
  for (const tp of touchpoints) {
    if (tp.status === 'retired') continue;
    const s = satisfaction(tp);
    if (s === null) continue;
    const acc = sums.get(tp.stageId) ?? { sum: 0, n: 0 };
    acc.sum += s;
    acc.n += 1;
    sums.set(tp.stageId, acc);
  }
  return stages.map((stage) => {
    const acc = sums.get(stage.id);
    return { stageId: stage.id, average: acc ? acc.sum / acc.n : null, rated: acc?.n ?? 0 };
  });
}

const DAY_MS = 86_400_000;

/** The UTC calendar day of a timestamp or a date, in ms; null when unreadable. */
function utcDay(value: string): number | null {
  const t = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(t)) return null;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * Quiet: neither a customer quote nor the card's creation within the last `cadenceDays` days (future
 * dates count as fresh). A new card gets the cadence's grace from its creation; an unreadable or
 * missing `createdAt` gives none.
 */
export function isQuiet(quotes: Iterable<Pick<Quote, 'date'>>, now: Date, cadenceDays: number, createdAt = ''): boolean {
  // Whole calendar days (UTC, like the quote dates): the result must not change with the hour.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const cutoff = today - cadenceDays * DAY_MS;
  const created = createdAt === '' ? null : utcDay(createdAt);
  if (created !== null && created >= cutoff) return false;
  for (const q of quotes) {
    const t = Date.parse(`${q.date}T00:00:00Z`);
    if (Number.isFinite(t) && t >= cutoff) return false;
  }
  return true;
}
