// How numbers read on the canvas: satisfaction on a card, stage averages on the curve.
import type { Locale } from '../domain/locale';

/** "+2", "-1", "0", or an en dash while the touchpoint is not rated. */
export function formatSatisfaction(value: number | null): string {
  if (value === null) return '–';
  return value > 0 ? `+${value}` : String(value);
}

/** The stage average as data (tests, tooltips): at most two decimals, "" when nothing is rated. */
export function averageValue(average: number | null): string {
  if (average === null) return '';
  const rounded = Math.round(average * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The average to one decimal, as the curve shows it. */
export const roundedAverage = (average: number): number => Math.round(average * 10) / 10 || 0;

/** The stage average as a label under the curve: one decimal, signed. */
export function averageLabel(average: number): string {
  const rounded = roundedAverage(average);
  if (rounded === 0) return '0';
  const text = Math.abs(rounded).toFixed(Number.isInteger(rounded) ? 0 : 1);
  return rounded > 0 ? `+${text}` : `−${text}`;
}

export type PluralCategory = 'one' | 'few' | 'many' | 'other';

/** The dictionary sub-key for `count` in `locale` (English uses one/other, Russian one/few/many/other). */
export function pluralCategory(locale: Locale, count: number): PluralCategory {
  const category = new Intl.PluralRules(locale).select(count);
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}
