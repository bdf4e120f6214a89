// Locale-aware wording of dates for the map list (plural forms: src/domain/plural.ts).
import type { Locale } from '../domain/locale';

/** "26 Nov 2026, 14:05" / "26 нояб. 2026 г., 14:05"; an unreadable stamp shows as empty. */
export function formatUpdatedAt(locale: Locale, iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}
