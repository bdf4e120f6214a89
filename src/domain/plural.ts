// Which plural form a count takes in a language, for picking a dictionary sub-key.
import type { Locale } from './locale';

export type PluralCategory = 'one' | 'few' | 'many' | 'other';

/** English uses one/other; Russian one/few/many ("1 точка", "3 точки", "5 точек"). */
export function pluralCategory(locale: Locale, count: number): PluralCategory {
  const category = new Intl.PluralRules(locale).select(count);
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}
