// Locale-aware wording of numbers and dates for the map list.
import type { Locale } from '../domain/locale';

export type PluralForm = 'one' | 'few' | 'many' | 'other';

/** The plural form a count takes: Russian has three ("1 точка", "3 точки", "5 точек"). */
export function pluralForm(locale: Locale, count: number): PluralForm {
  const category = new Intl.PluralRules(locale).select(count);
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}

/** "26 Nov 2026, 14:05" / "26 нояб. 2026 г., 14:05"; an unreadable stamp shows as empty. */
export function formatUpdatedAt(locale: Locale, iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}
