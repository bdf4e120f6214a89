import { describe, expect, it } from 'vitest';
import { formatScore, isQuiet, satisfaction, satisfactionTone, stageAverages } from '../../../src/domain/satisfaction';
import { daysBefore, makeQuote, makeStage, makeTouchpoint } from '../../fixtures/factories';

describe('satisfaction as cards and the panel show it', () => {
  it('reads +2, -1, 0, or a dash when not rated', () => {
    expect(formatScore(2, 'en')).toBe('+2');
    expect(formatScore(-1, 'en')).toBe('−1');
    expect(formatScore(0, 'en')).toBe('0');
    expect(formatScore(null, 'en')).toBe('–');
    // A stage average in each language's own way, with a true minus sign.
    expect(formatScore(-0.66, 'en')).toBe('−0.7');
    expect(formatScore(-0.66, 'ru')).toBe('−0,7');
    expect(formatScore(1 / 3, 'ru')).toBe('+0,3');
    expect(formatScore(-0.04, 'ru')).toBe('0');
  });
});

describe('satisfaction', () => {
  it('is perception minus expectation, from -4 to +4', () => {
    expect(satisfaction({ expectation: 2, perception: 1 })).toBe(-1);
    expect(satisfaction({ expectation: 2, perception: 3 })).toBe(1);
    expect(satisfaction({ expectation: 5, perception: 1 })).toBe(-4);
    expect(satisfaction({ expectation: 1, perception: 5 })).toBe(4);
    expect(satisfaction({ expectation: 3, perception: 3 })).toBe(0);
  });

  it('is unknown until both are rated', () => {
    expect(satisfaction({ expectation: null, perception: 3 })).toBeNull();
    expect(satisfaction({ expectation: 3, perception: null })).toBeNull();
  });
});

describe('satisfactionTone', () => {
  it('colours dips, neutral and delight apart from unrated', () => {
    expect(satisfactionTone(-4)).toBe('negative');
    expect(satisfactionTone(-0.5)).toBe('negative');
    expect(satisfactionTone(0)).toBe('neutral');
    expect(satisfactionTone(0.5)).toBe('positive');
    expect(satisfactionTone(null)).toBe('unrated');
  });
});

describe('stageAverages', () => {
  const discover = makeStage({ id: 'discover' });
  const buy = makeStage({ id: 'buy', order: 2 });
  const leave = makeStage({ id: 'leave', order: 3 });

  it('averages the rated touchpoints of each stage, in stage order', () => {
    const result = stageAverages(
      [discover, buy, leave],
      [
        makeTouchpoint({ stageId: 'buy', expectation: 4, perception: 2 }),
        makeTouchpoint({ stageId: 'buy', expectation: 3, perception: 4 }),
        makeTouchpoint({ stageId: 'discover', expectation: 1, perception: 4 }),
      ],
    );
    expect(result).toEqual([
      { stageId: 'discover', average: 3, rated: 1 },
      { stageId: 'buy', average: -0.5, rated: 2 },
      { stageId: 'leave', average: null, rated: 0 },
    ]);
  });

  it('skips retired and unrated touchpoints', () => {
    const result = stageAverages(
      [buy],
      [
        makeTouchpoint({ stageId: 'buy', expectation: 2, perception: 4 }),
        makeTouchpoint({ stageId: 'buy', status: 'retired', expectation: 5, perception: 1 }),
        makeTouchpoint({ stageId: 'buy', expectation: 5, perception: null }),
        makeTouchpoint({ stageId: 'buy', expectation: null, perception: null }),
      ],
    );
    expect(result).toEqual([{ stageId: 'buy', average: 2, rated: 1 }]);
  });

  it('counts new touchpoints like active ones', () => {
    const [only] = stageAverages([buy], [makeTouchpoint({ stageId: 'buy', status: 'new', expectation: 3, perception: 1 })]);
    expect(only!.average).toBe(-2);
  });

  it('ignores touchpoints of stages it was not asked about', () => {
    expect(stageAverages([buy], [makeTouchpoint({ stageId: 'elsewhere', expectation: 1, perception: 5 })])).toEqual([
      { stageId: 'buy', average: null, rated: 0 },
    ]);
  });
});

describe('isQuiet', () => {
  const now = new Date('2026-06-30T00:00:00Z');

  it('is quiet without any quote', () => {
    expect(isQuiet([], now, 90)).toBe(true);
  });

  it('counts a quote dated exactly the cadence ago as fresh, one day older as quiet', () => {
    expect(isQuiet([makeQuote({ date: daysBefore(now, 90) })], now, 90)).toBe(false);
    expect(isQuiet([makeQuote({ date: daysBefore(now, 91) })], now, 90)).toBe(true);
  });

  it('does not depend on the time of day: a quote from the cadence ago is still fresh in the evening', () => {
    // Regression: the cutoff used to be now − 90 days to the millisecond, so a quote dated
    // exactly 90 days ago turned quiet a few minutes after midnight UTC.
    const evening = new Date('2026-06-30T21:30:00Z');
    expect(isQuiet([makeQuote({ date: '2026-04-01' })], evening, 90)).toBe(false);
    expect(isQuiet([makeQuote({ date: '2026-03-31' })], evening, 90)).toBe(true);
  });

  it('follows the map cadence', () => {
    const quotes = [makeQuote({ date: daysBefore(now, 40) })];
    expect(isQuiet(quotes, now, 30)).toBe(true);
    expect(isQuiet(quotes, now, 60)).toBe(false);
  });

  it('is fresh when any one quote is recent', () => {
    expect(isQuiet([makeQuote({ date: '2020-01-01' }), makeQuote({ date: daysBefore(now, 3) })], now, 90)).toBe(false);
  });

  it('counts a quote dated in the future as fresh', () => {
    expect(isQuiet([makeQuote({ date: '2027-01-01' })], now, 90)).toBe(false);
  });

  it('ignores quotes with an unreadable date', () => {
    expect(isQuiet([makeQuote({ date: '' }), makeQuote({ date: 'soon' })], now, 90)).toBe(true);
  });

  it('gives a new card the cadence from its creation: quiet only when both its creation and its newest quote are older', () => {
    expect(isQuiet([], now, 90, '2026-06-30T09:00:00.000Z')).toBe(false);
    expect(isQuiet([], now, 90, `${daysBefore(now, 90)}T23:59:00.000Z`)).toBe(false);
    expect(isQuiet([], now, 90, `${daysBefore(now, 91)}T23:59:00.000Z`)).toBe(true);
    expect(isQuiet([makeQuote({ date: daysBefore(now, 200) })], now, 90, `${daysBefore(now, 10)}T08:00:00.000Z`)).toBe(false);
    expect(isQuiet([makeQuote({ date: daysBefore(now, 10) })], now, 90, '2020-01-01T00:00:00.000Z')).toBe(false);
  });

  it('gives no grace for a missing or unreadable creation date', () => {
    expect(isQuiet([], now, 90, '')).toBe(true);
    expect(isQuiet([], now, 90, 'yesterday')).toBe(true);
  });
});

describe('formatScore without Intl', () => {
  it('writes every value of the scale as Intl.NumberFormat does, in both languages', () => {
    for (const locale of ['en', 'ru'] as const) {
      const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
      for (let hundredths = -400; hundredths <= 400; hundredths++) {
        const value = hundredths / 100;
        expect(formatScore(value, locale)).toBe(intl.format(Math.round(value * 10) / 10 || 0).replace('-', '\u2212'));
      }
    }
  });
});
