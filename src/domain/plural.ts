// Which plural form a count takes in a language, for picking a dictionary sub-key.
import type { Locale } from './locale';

export type PluralCategory = 'one' | 'few' | 'many' | 'other';

// Building the rules is far dearer than asking them: every card on screen asks.
const rulesByLocale = new Map<Locale, Intl.PluralRules>();

/** English uses one/other; Russian one/few/many ("1 точка", "3 точки", "5 точек"). */
export function pluralCategory(locale: Locale, count: number): PluralCategory {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  const category = rules.select(count);
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}
