// The words and number/date formats the deck writers (PDF, PowerPoint) and the slides use, in
// one locale. Plain data and functions, so the writers run outside React (a lazily loaded chunk).
import type { Locale } from '../domain/locale';
import { formatScore } from '../domain/satisfaction';
import { domain as enDomain } from './en/domain';
import { present as enPresent } from './en/present';
import { domain as ruDomain } from './ru/domain';
import { present as ruPresent } from './ru/present';

const WORDS = {
  en: { domain: enDomain, present: enPresent },
  ru: { domain: ruDomain, present: ruPresent },
} satisfies Record<Locale, unknown>;

export interface DeckWords {
  locale: Locale;
  deck: typeof enPresent.deck;
  domain: typeof enDomain;
  /** Fills `{name}` placeholders in one pass (a user's text holding "{x}" stays as written). */
  fill: (template: string, params: Record<string, string | number>) => string;
  /** "26 Nov 2026" for an ISO date or timestamp; '' when unreadable. */
  date: (iso: string) => string;
  /** A satisfaction score: "+1.5", "−2", "–" when unrated. */
  score: (value: number | null) => string;
  number: (value: number) => string;
  /** A 0…1 share as a percentage; "–" when null. */
  share: (value: number | null) => string;
}

export function deckWordsFor(locale: Locale): DeckWords {
  const { domain, present } = WORDS[locale];
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return {
    locale,
    deck: present.deck,
    domain,
    fill: (template, params) => template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)),
    date: (iso) => {
      const time = Date.parse(iso);
      return Number.isFinite(time) ? dates.format(time) : '';
    },
    score: (value) => formatScore(value, locale),
    number: (value) => numbers.format(value),
    share: (value) => (value === null || !Number.isFinite(value) ? '–' : percents.format(value)),
  };
}
