import { describe, expect, it } from 'vitest';
import { localIsoDate } from '../../../src/panels/dates';
import { checkCadenceText, ratingFromOption, ratingToOption } from '../../../src/panels/fieldChecks';
import { problemMessage } from '../../../src/ui/problemMessage';
import { notesOfTouchpoint, quotesOfTouchpoint } from '../../../src/panels/selectors';
import { translate, type Translate } from '../../../src/locales/i18n';
import { makeNote, makeQuote } from '../../fixtures/factories';

const record = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('notesOfTouchpoint', () => {
  it('keeps only the touchpoint’s notes, oldest first', () => {
    const later = makeNote({ touchpointId: 'tp-1', createdAt: '2026-02-01T00:00:00.000Z' });
    const earlier = makeNote({ touchpointId: 'tp-1', createdAt: '2026-01-01T00:00:00.000Z' });
    const elsewhere = makeNote({ touchpointId: 'tp-2' });
    expect(notesOfTouchpoint(record([later, elsewhere, earlier]), 'tp-1')).toEqual([earlier, later]);
  });

  it('returns the same note objects, so a shallow comparison sees no change after unrelated edits', () => {
    const note = makeNote({ touchpointId: 'tp-1' });
    const notes = record([note, makeNote({ touchpointId: 'tp-2' })]);
    const before = notesOfTouchpoint(notes, 'tp-1');
    const after = notesOfTouchpoint({ ...notes, other: makeNote({ id: 'other', touchpointId: 'tp-2' }) }, 'tp-1');
    expect(after).toHaveLength(1);
    expect(after[0]).toBe(before[0]);
  });
});

describe('quotesOfTouchpoint', () => {
  it('keeps only the touchpoint’s quotes, oldest first', () => {
    const b = makeQuote({ touchpointId: 'tp-1', createdAt: '2026-02-01T00:00:00.000Z' });
    const a = makeQuote({ touchpointId: 'tp-1', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(quotesOfTouchpoint(record([b, makeQuote({ touchpointId: 'tp-9' }), a]), 'tp-1')).toEqual([a, b]);
  });
});

describe('checkCadenceText', () => {
  it('accepts whole days within range', () => {
    expect(checkCadenceText(' 30 ')).toEqual({ ok: true, value: 30 });
  });

  it('asks for a value when empty rather than calling it not a number', () => {
    expect(checkCadenceText('  ')).toEqual({ ok: false, problem: { code: 'required' } });
  });

  it('refuses fractions and out-of-range values', () => {
    expect(checkCadenceText('7.5')).toMatchObject({ ok: false, problem: { code: 'notInteger' } });
    expect(checkCadenceText('0')).toMatchObject({ ok: false, problem: { code: 'outOfRange' } });
    expect(checkCadenceText('abc')).toMatchObject({ ok: false });
  });
});

describe('ratings and satisfaction', () => {
  it('maps "not rated" to null and back', () => {
    expect(ratingFromOption('')).toBeNull();
    expect(ratingFromOption('4')).toBe(4);
    expect(ratingToOption(null)).toBe('');
    expect(ratingToOption(2)).toBe('2');
  });
});

describe('localIsoDate', () => {
  it('uses the local calendar day, padded', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('problemMessage', () => {
  const ru: Translate = (key, params) => translate('ru', key, params);
  const en: Translate = (key, params) => translate('en', key, params);

  it('fills the limits into the message', () => {
    expect(problemMessage(en, { code: 'tooLong', max: 200 })).toBe('At most 200 characters');
    expect(problemMessage(ru, { code: 'outOfRange', min: 1, max: 3650 })).toBe('От 1 до 3650');
  });

  it('translates plain problems', () => {
    expect(problemMessage(ru, { code: 'invalidLink' })).toBe('Ссылка http:// или https://');
  });
});
