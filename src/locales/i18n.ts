// Translations: one dictionary per language, split by area (app, canvas, panels) so each
// area owns its strings. The chosen language is remembered; the default is the browser's.
import { useCallback } from 'react';
import { create } from 'zustand';
import { pickLocale, type Locale } from '../domain/locale';
import { en } from './en';
import { ru } from './ru';

export type Messages = typeof en;
const DICTIONARIES: Record<Locale, Messages> = { en, ru };

const STORAGE_KEY = 'cjm-studio.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ru') return saved;
  } catch {
    // Storage may be unavailable (private mode); fall through to the browser's language.
  }
  return pickLocale(globalThis.navigator?.languages ?? []);
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale: (locale) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembered, but still switched for this session.
    }
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;

/** Looks a key up and fills `{name}` placeholders; a missing key shows itself, never crashes. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  let node: unknown = DICTIONARIES[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  let text = typeof node === 'string' ? node : key;
  // One pass: a value the user wrote that contains "{name}" is not filled in again.
  if (params) text = text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  return text;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function useT(): Translate {
  const locale = useLocaleStore((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}
