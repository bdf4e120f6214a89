import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../../src/domain/locale';

describe('pickLocale', () => {
  it('takes the first supported language of the browser list', () => {
    expect(pickLocale(['ru-RU', 'en-US'])).toBe('ru');
    expect(pickLocale(['en-GB', 'ru'])).toBe('en');
  });

  it('skips languages it does not have', () => {
    expect(pickLocale(['de-DE', 'fr', 'ru'])).toBe('ru');
  });

  it('ignores case', () => {
    expect(pickLocale(['RU'])).toBe('ru');
  });

  it('falls back to English', () => {
    expect(pickLocale([])).toBe('en');
    expect(pickLocale(['uk-UA', 'kk'])).toBe('en');
  });

  it('does not mistake a language that merely starts with the same letters', () => {
    expect(pickLocale(['rue', 'ru'])).toBe('ru');
    expect(pickLocale(['rue'])).toBe('en');
  });
});
