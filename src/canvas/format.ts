// How stage averages read on the emotion curve (a card's satisfaction: src/domain/satisfaction.ts).

/** The stage average as data (tests, tooltips): at most two decimals, "" when nothing is rated. */
export function averageValue(average: number | null): string {
  if (average === null) return '';
  const rounded = Math.round(average * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The average to one decimal, as the curve shows it. */
export const roundedAverage = (average: number): number => Math.round(average * 10) / 10 || 0;

const quoteDateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A quote's day (YYYY-MM-DD) the way the language writes it ("3 Feb 2026", "3 февр. 2026 г.").
 * Read and written in UTC: the stored day must not shift with the viewer's time zone.
 */
export function formatQuoteDate(date: string, locale: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(time)) return '';
  let format = quoteDateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    quoteDateFormats.set(locale, format);
  }
  return format.format(time);
}
