import { describe, expect, it } from 'vitest';
import { formatUpdatedAt } from '../../../src/app/format';
import { pluralCategory } from '../../../src/domain/plural';
import { translate } from '../../../src/locales/i18n';
import type { Locale } from '../../../src/domain/locale';

const touchpoints = (locale: Locale, count: number) =>
  translate(locale, `app.list.touchpoints.${pluralCategory(locale, count)}`, { count });

describe('touchpoint counts in the map list', () => {
  it('agree with the number in English', () => {
    expect(touchpoints('en', 0)).toBe('0 touchpoints');
    expect(touchpoints('en', 1)).toBe('1 touchpoint');
    expect(touchpoints('en', 2)).toBe('2 touchpoints');
  });

  it('take all three Russian forms', () => {
    expect(touchpoints('ru', 1)).toBe('1 точка контакта');
    expect(touchpoints('ru', 21)).toBe('21 точка контакта');
    expect(touchpoints('ru', 3)).toBe('3 точки контакта');
    expect(touchpoints('ru', 5)).toBe('5 точек контакта');
    expect(touchpoints('ru', 11)).toBe('11 точек контакта');
    expect(touchpoints('ru', 0)).toBe('0 точек контакта');
  });
});

describe('formatUpdatedAt', () => {
  it('writes the date in the chosen language', () => {
    const iso = '2026-03-05T10:00:00.000Z';
    expect(formatUpdatedAt('en', iso)).toMatch(/Mar/);
    expect(formatUpdatedAt('ru', iso)).toMatch(/мар/);
  });

  it('shows nothing for an unreadable timestamp', () => {
    expect(formatUpdatedAt('en', 'yesterday-ish')).toBe('');
  });
});

describe('translate', () => {
  it('fills each placeholder once, so a title the user typed with braces is shown as typed', () => {
    expect(translate('en', 'canvas.confirm.deleteStage.other', { title: 'Pay {count} times', count: 3 })).toBe(
      'Delete stage “Pay {count} times” and its 3 touchpoints?',
    );
    expect(translate('en', 'io.list.notJson', { name: '{name}.txt' })).toBe('"{name}.txt" is not a .json file');
  });
});
