import { describe, expect, it } from 'vitest';
import {
  FieldError,
  checkCadence,
  checkColor,
  checkDate,
  checkLink,
  checkLongText,
  checkName,
  checkOneOf,
  checkOptionalTitle,
  checkRating,
  checkText,
  checkTitle,
  describeProblem,
  unwrap,
} from '../../../src/domain/fields';
import { CADENCE_MAX, LINK_MAX, NAME_MAX, TEXT_MAX, TITLE_MAX } from '../../../src/domain/limits';
import { TOUCHPOINT_STATUSES } from '../../../src/domain/types';

describe('text fields', () => {
  it('trims surrounding whitespace', () => {
    expect(checkText('  Checkout page \n', 50)).toEqual({ ok: true, value: 'Checkout page' });
  });

  it('accepts exactly the limit and refuses one more, counting after trimming', () => {
    expect(checkTitle('a'.repeat(TITLE_MAX))).toEqual({ ok: true, value: 'a'.repeat(TITLE_MAX) });
    expect(checkTitle(`  ${'a'.repeat(TITLE_MAX)}  `).ok).toBe(true);
    expect(checkTitle('a'.repeat(TITLE_MAX + 1))).toEqual({ ok: false, problem: { code: 'tooLong', max: TITLE_MAX } });
  });

  it('requires a title but not an optional title', () => {
    expect(checkTitle('   ')).toEqual({ ok: false, problem: { code: 'required' } });
    expect(checkOptionalTitle('   ')).toEqual({ ok: true, value: '' });
  });

  it.each([
    ['long text', checkLongText, TEXT_MAX],
    ['name', checkName, NAME_MAX],
    ['optional title', checkOptionalTitle, TITLE_MAX],
  ] as const)('%s has its own limit', (_label, check, max) => {
    expect(check('x'.repeat(max)).ok).toBe(true);
    expect(check('x'.repeat(max + 1))).toEqual({ ok: false, problem: { code: 'tooLong', max } });
    expect(check('')).toEqual({ ok: true, value: '' });
  });
});

describe('ratings', () => {
  it('accepts 1 to 5 and "not rated"', () => {
    for (const r of [1, 2, 3, 4, 5]) expect(checkRating(r)).toEqual({ ok: true, value: r });
    expect(checkRating(null)).toEqual({ ok: true, value: null });
  });

  it('refuses values outside 1–5', () => {
    expect(checkRating(0)).toEqual({ ok: false, problem: { code: 'outOfRange', min: 1, max: 5 } });
    expect(checkRating(6)).toEqual({ ok: false, problem: { code: 'outOfRange', min: 1, max: 5 } });
  });

  it('refuses fractions and non-numbers', () => {
    for (const r of [2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(checkRating(r)).toEqual({ ok: false, problem: { code: 'notInteger' } });
    }
  });
});

describe('review cadence', () => {
  it('accepts whole days from 1 to the maximum', () => {
    expect(checkCadence(1).ok).toBe(true);
    expect(checkCadence(CADENCE_MAX).ok).toBe(true);
    expect(checkCadence(0)).toEqual({ ok: false, problem: { code: 'outOfRange', min: 1, max: CADENCE_MAX } });
    expect(checkCadence(CADENCE_MAX + 1).ok).toBe(false);
    expect(checkCadence(30.5)).toEqual({ ok: false, problem: { code: 'notInteger' } });
    expect(checkCadence(Number.NaN).ok).toBe(false);
  });
});

describe('quote dates', () => {
  it('accepts real calendar days, including 29 February of a leap year', () => {
    expect(checkDate('2026-03-31')).toEqual({ ok: true, value: '2026-03-31' });
    expect(checkDate(' 2028-02-29 ')).toEqual({ ok: true, value: '2028-02-29' });
  });

  it.each(['2026-02-30', '2027-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])(
    'refuses the impossible day %s',
    (raw) => {
      expect(checkDate(raw)).toEqual({ ok: false, problem: { code: 'invalidDate' } });
    },
  );

  it.each(['', '31.01.2026', '2026-1-5', '2026-01-05T10:00', 'yesterday'])('refuses the malformed date "%s"', (raw) => {
    expect(checkDate(raw).ok).toBe(false);
  });
});

describe('links', () => {
  it('are optional', () => {
    expect(checkLink('   ')).toEqual({ ok: true, value: '' });
  });

  it('accept http and https, trimmed', () => {
    expect(checkLink(' https://example.com/review/1 ')).toEqual({ ok: true, value: 'https://example.com/review/1' });
    expect(checkLink('http://example.com').ok).toBe(true);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com', 'vbscript:x'])(
    'refuse %s so a quote link can never run script',
    (raw) => {
      expect(checkLink(raw)).toEqual({ ok: false, problem: { code: 'invalidLink' } });
    },
  );

  it('refuse text that is not a link', () => {
    expect(checkLink('see the survey').ok).toBe(false);
  });

  it('have a length limit', () => {
    const base = 'https://example.com/';
    expect(checkLink(base + 'a'.repeat(LINK_MAX - base.length)).ok).toBe(true);
    expect(checkLink(base + 'a'.repeat(LINK_MAX - base.length + 1))).toEqual({
      ok: false,
      problem: { code: 'tooLong', max: LINK_MAX },
    });
  });
});

describe('colours', () => {
  it('accept #rrggbb and store it lower-case', () => {
    expect(checkColor(' #A1B2C3 ')).toEqual({ ok: true, value: '#a1b2c3' });
  });

  it.each(['red', '#abc', '#12345g', 'url(x)', '#1234567'])('refuse %s', (raw) => {
    expect(checkColor(raw)).toEqual({ ok: false, problem: { code: 'invalidColor' } });
  });
});

describe('choices', () => {
  it('accept only listed values, exactly', () => {
    expect(checkOneOf('retired', TOUCHPOINT_STATUSES)).toEqual({ ok: true, value: 'retired' });
    expect(checkOneOf('Retired', TOUCHPOINT_STATUSES)).toEqual({
      ok: false,
      problem: { code: 'notAllowed', allowed: TOUCHPOINT_STATUSES },
    });
  });
});

describe('unwrap', () => {
  it('returns the checked value', () => {
    expect(unwrap(checkTitle(' Buy '), 'title')).toBe('Buy');
  });

  it('throws a FieldError naming the field and the problem', () => {
    const error = (() => {
      try {
        unwrap(checkRating(9), 'expectation');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FieldError);
    expect(error).toMatchObject({ field: 'expectation', problem: { code: 'outOfRange' } });
    expect((error as Error).message).toBe('expectation: must be between 1 and 5');
  });

  it('describes every problem in words', () => {
    expect(describeProblem({ code: 'required' })).toBe('is required');
    expect(describeProblem({ code: 'tooLong', max: 10 })).toContain('10');
    expect(describeProblem({ code: 'notAllowed', allowed: ['a', 'b'] })).toContain('a, b');
  });
});
