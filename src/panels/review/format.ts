// Wording of the review features: the default name of a review, dates and shares.
import type { Locale } from '../../domain/locale';

/** The calendar quarter (1–4) and year of a date, as people in that time zone read it. */
export function quarterOf(date: Date): { year: number; quarter: number } {
  return { year: date.getFullYear(), quarter: Math.floor(date.getMonth() / 3) + 1 };
}

/** "26 Nov 2026"; an unreadable stamp shows as empty. */
export function formatReviewDate(locale: Locale, iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(time);
}

/** "26 Nov 2026, 14:05", for the list of saved reviews (two may be saved on one day). */
export function formatReviewTime(locale: Locale, iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** A 0…1 share as a whole percentage ("67%", "67 %"); "–" when there is nothing to measure. */
export function formatShare(locale: Locale, share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
