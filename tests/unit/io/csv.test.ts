// CSV for spreadsheets: the action plan out, survey quotes in.
import { describe, expect, it } from 'vitest';
import {
  actionPlanCsv,
  actionPlanRows,
  parseCsv,
  parseSurveyDate,
  planQuoteImport,
  toCsv,
  type QuoteImportDefaults,
} from '../../../src/domain/csv';
import type { NoteKind } from '../../../src/domain/types';
import { domain as enDomain } from '../../../src/locales/en/domain';
import { io as enIo } from '../../../src/locales/en/io';
import { domain as ruDomain } from '../../../src/locales/ru/domain';
import { io as ruIo } from '../../../src/locales/ru/io';
import { makeNote, makeTouchpoint } from '../../fixtures/factories';
import { sampleSnapshot } from '../format/sampleMap';

const BOM = '\uFEFF';

describe('toCsv', () => {
  it('starts with a BOM and ends each row with CRLF', () => {
    expect(toCsv([['a', 'b'], ['c', 'd']])).toBe(`${BOM}a,b\r\nc,d\r\n`);
  });

  it('quotes fields holding commas, quotes or line breaks, doubling inner quotes', () => {
    expect(toCsv([['Price, total', 'He said "no"', 'line 1\nline 2', 'cr\rhere', 'plain']])).toBe(
      `${BOM}"Price, total","He said ""no""","line 1\nline 2","cr\rhere",plain\r\n`,
    );
  });

  it('keeps Cyrillic as it is', () => {
    expect(toCsv([['Этап', 'Точка контакта']])).toBe(`${BOM}Этап,Точка контакта\r\n`);
  });

  it('quotes by the chosen delimiter: with ";" a comma needs no quotes but a semicolon does', () => {
    expect(toCsv([['a,b', 'c;d']], { delimiter: ';' })).toBe(`${BOM}a,b;"c;d"\r\n`);
  });
});

describe('parseCsv', () => {
  const tricky = [
    ['Map', 'Текст', 'Note'],
    ['Покупка, тур', 'He said "no"', 'two\nlines'],
    ['', ' spaced ', '"quoted"'],
    ['last', 'row', ''],
  ];

  it('reads back what toCsv wrote, with either delimiter', () => {
    for (const delimiter of [',', ';', '\t'] as const) {
      const parsed = parseCsv(toCsv(tricky, { delimiter }));
      expect(parsed).toEqual({ rows: tricky, problems: [], delimiter });
    }
  });

  it('detects ";" from the header line, as Excel in a Russian locale writes', () => {
    expect(parseCsv('Текст;Точка;Дата\r\n"Долго, очень";Оплата;01.02.2026\r\n')).toEqual({
      rows: [
        ['Текст', 'Точка', 'Дата'],
        ['Долго, очень', 'Оплата', '01.02.2026'],
      ],
      problems: [],
      delimiter: ';',
    });
  });

  it('does not count delimiters inside quoted header cells', () => {
    expect(parseCsv('"a;b;c",d\n1,2').delimiter).toBe(',');
  });

  it('accepts LF, CRLF and CR line ends and no final line break', () => {
    expect(parseCsv('a,b\nc,d\r\ne,f\rg,h').rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('keeps blank lines as rows so row numbers match the spreadsheet', () => {
    expect(parseCsv('a\n\nb\n').rows).toEqual([['a'], [''], ['b']]);
  });

  it('reports an unclosed quote with its line, keeping the text read so far', () => {
    const parsed = parseCsv('a,b\n1,"never closed\nstill open');
    expect(parsed.problems).toEqual([{ line: 2, code: 'unclosedQuote', message: 'a quoted field is not closed with "' }]);
    expect(parsed.rows.at(-1)).toEqual(['1', 'never closed\nstill open']);
  });

  it('reports text after a closing quote and keeps it', () => {
    const parsed = parseCsv('"ab"cd,e\n');
    expect(parsed.rows).toEqual([['abcd', 'e']]);
    expect(parsed.problems).toEqual([{ line: 1, code: 'textAfterQuote', message: 'text after a closing quote' }]);
  });

  it('reads an empty text or a lone BOM as no rows', () => {
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv(BOM).rows).toEqual([]);
  });
});

const KINDS: Record<NoteKind, string> = { fix: 'Починка', wow: 'WOW', planB: 'План Б' };
const ENGLISH = { headers: enIo.csv.headers, statusLabels: enDomain.noteStatus };

describe('action plan', () => {
  it('has one row per note in map order, with localised kinds and a header row', () => {
    const rows = actionPlanRows(sampleSnapshot(), KINDS, ENGLISH);
    expect(rows).toEqual([
      ['Map', 'Stage', 'Channel', 'Touchpoint', 'Kind', 'Text', 'Status', 'Owner', 'Votes'],
      ['Покупка тура', 'Покупает', 'Website', 'Payment page', 'Починка', 'Form, loses data\non back', 'In progress', '', '0'],
      ['Покупка тура', 'Покупает', 'Website', 'Payment page', 'WOW', 'Подарок к заказу', 'Idea', 'Мария', '3'],
      ['Покупка тура', 'Покупает', 'Phone', 'Звонок в офис', 'План Б', 'Call back in 1 hour', 'Done', '', '-1'],
    ]);
  });

  it('orders notes of one kind on one card by when they were written', () => {
    const snapshot = sampleSnapshot();
    snapshot.notes = [
      makeNote({ touchpointId: 'tp-ad', kind: 'fix', text: 'second', createdAt: '2026-01-02T00:00:00.000Z' }),
      makeNote({ touchpointId: 'tp-ad', kind: 'wow', text: 'wow', createdAt: '2025-01-01T00:00:00.000Z' }),
      makeNote({ touchpointId: 'tp-ad', kind: 'fix', text: 'first', createdAt: '2026-01-01T00:00:00.000Z' }),
    ];
    expect(actionPlanRows(snapshot, KINDS, ENGLISH).slice(1).map((r) => r[5])).toEqual(['first', 'second', 'wow']);
  });

  it('takes localised headers and statuses', () => {
    const [header, first] = actionPlanRows(sampleSnapshot(), KINDS, {
      headers: ruIo.csv.headers,
      statusLabels: ruDomain.noteStatus,
    });
    expect(header![0]).toBe('Карта');
    expect(first![6]).toBe('В работе');
  });

  it('is a CSV text with a BOM that parses back to the same rows', () => {
    const csv = actionPlanCsv(sampleSnapshot(), KINDS, { ...ENGLISH, delimiter: ';' });
    expect(csv.startsWith(BOM)).toBe(true);
    expect(parseCsv(csv).rows).toEqual(actionPlanRows(sampleSnapshot(), KINDS, ENGLISH));
  });

  it('keeps a note that looks like a formula as text, so a spreadsheet does not run it', () => {
    const snapshot = sampleSnapshot();
    snapshot.notes = [makeNote({ touchpointId: 'tp-ad', text: '=HYPERLINK("http://evil","click")', owner: '@boss' })];
    const row = actionPlanRows(snapshot, KINDS, ENGLISH)[1]!;
    expect(row[5]).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(row[7]).toBe(`'@boss`);
  });
});

describe('parseSurveyDate', () => {
  it.each([
    ['2026-01-31', '2026-01-31'],
    ['2026/1/5', '2026-01-05'],
    ['31.01.2026', '2026-01-31'],
    ['5.1.2026', '2026-01-05'],
    ['01/31/2026', '2026-01-31'],
    ['31/01/2026', '2026-01-31'],
    ['04/04/2026', '2026-04-04'],
    ['2026-01-31T10:15:00Z', '2026-01-31'],
    ['31.01.2026 10:15:00', '2026-01-31'],
  ])('reads %s as %s', (raw, iso) => {
    expect(parseSurveyDate(raw)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['03/04/2026', 'ambiguousDate'],
    ['2026-02-30', 'badDate'],
    ['31.02.2026', 'badDate'],
    ['13/13/2026', 'badDate'],
    ['yesterday', 'badDate'],
    ['26-01-31', 'badDate'],
  ])('refuses %s (%s)', (raw, code) => {
    expect(parseSurveyDate(raw)).toEqual({ ok: false, code });
  });
});

describe('planQuoteImport', () => {
  const defaults: QuoteImportDefaults = { date: '2026-02-01', source: 'survey', sentiment: 'neutral' };
  const mapping = { text: 0, touchpoint: 1, date: 2, source: 3, sentiment: 4 };
  const header = ['Ответ', 'Точка', 'Дата', 'Источник', 'Тон'];

  it('matches touchpoints by title ignoring case and spaces, and maps EN and RU words', () => {
    const plan = planQuoteImport(
      [
        header,
        ['Всё зависло', '  PAYMENT   page ', '20.01.2026', 'опрос', 'негатив'],
        ['Saw the ad', 'реклама', '2026-01-05', 'Social media', 'Positive'],
        ['Called twice', 'Звонок в офис', '', '', ''],
      ],
      mapping,
      sampleSnapshot(),
      defaults,
    );
    expect(plan.unmatched).toEqual([]);
    expect(plan.quotes).toEqual([
      { row: 2, touchpointId: 'tp-pay', text: 'Всё зависло', source: 'survey', sentiment: 'negative', who: '', date: '2026-01-20', link: '' },
      { row: 3, touchpointId: 'tp-ad', text: 'Saw the ad', source: 'social', sentiment: 'positive', who: '', date: '2026-01-05', link: '' },
      { row: 4, touchpointId: 'tp-call', text: 'Called twice', source: 'survey', sentiment: 'neutral', who: '', date: '2026-02-01', link: '' },
    ]);
  });

  it('lists every row it cannot import with its spreadsheet row number and a reason', () => {
    const snapshot = sampleSnapshot();
    const plan = planQuoteImport(
      [
        header,
        ['', 'Payment page', '', '', ''],
        ['Fine', '', '', '', ''],
        ['Fine', 'Checkout', '', '', ''],
        ['Fine', 'Payment page', '03/04/2026', '', ''],
        ['Fine', 'Payment page', 'someday', '', ''],
        ['Fine', 'Payment page', '', 'fax', ''],
        ['Fine', 'Payment page', '', '', 'meh'],
        ['x'.repeat(5001), 'Payment page', '', '', ''],
        ['', '', '', '', ''],
        ['Good one', 'Payment page', '', 'отзыв', 'хорошо'],
      ],
      mapping,
      snapshot,
      defaults,
    );
    expect(plan.unmatched.map(({ row, code, reason }) => ({ row, code, reason }))).toEqual([
      { row: 2, code: 'noText', reason: 'the quote text is empty' },
      { row: 3, code: 'noTouchpoint', reason: 'no touchpoint is named' },
      { row: 4, code: 'unknownTouchpoint', reason: 'no touchpoint is titled "Checkout"' },
      { row: 5, code: 'ambiguousDate', reason: '"03/04/2026" could be day/month or month/day (use YYYY-MM-DD)' },
      { row: 6, code: 'badDate', reason: '"someday" is not a date (use YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY)' },
      { row: 7, code: 'unknownSource', reason: 'source "fax" is not one of survey, review, interview, support, social, rolePlay' },
      { row: 8, code: 'unknownSentiment', reason: 'sentiment "meh" is not one of positive, neutral, negative' },
      { row: 9, code: 'textTooLong', reason: 'the quote text is too long' },
    ]);
    // Row 10 is blank: not a quote, not a problem. Row 11 imports.
    expect(plan.quotes.map((q) => [q.row, q.source, q.sentiment])).toEqual([[11, 'review', 'positive']]);
  });

  it('prefers the one touchpoint not retired when titles repeat, and refuses a real tie', () => {
    const snapshot = sampleSnapshot();
    snapshot.touchpoints.push(
      makeTouchpoint({ id: 'tp-ad-2', title: 'Реклама', stageId: 'st-buy', channelId: 'ch-web', order: 9 }),
      makeTouchpoint({ id: 'tp-call-2', title: 'звонок в офис', stageId: 'st-find', channelId: 'ch-phone' }),
    );
    const plan = planQuoteImport(
      [header, ['a', 'Реклама'], ['b', 'Звонок в офис']],
      { text: 0, touchpoint: 1 },
      snapshot,
      defaults,
    );
    expect(plan.quotes.map((q) => q.touchpointId)).toEqual(['tp-ad-2']);
    expect(plan.unmatched).toEqual([
      { row: 3, code: 'ambiguousTouchpoint', value: 'Звонок в офис', reason: 'more than one touchpoint is titled "Звонок в офис"' },
    ]);
  });

  it('reads every row when there is no header, and takes who and link columns', () => {
    const plan = planQuoteImport(
      [['Long wait', 'Payment page', 'Анна', 'https://forms.example/r/7']],
      { text: 0, touchpoint: 1, who: 2, link: 3, header: false },
      sampleSnapshot(),
      { ...defaults, who: 'Survey respondent' },
    );
    expect(plan.quotes).toEqual([expect.objectContaining({ row: 1, who: 'Анна', link: 'https://forms.example/r/7' })]);
    const bad = planQuoteImport([['x', 'Payment page', '', 'javascript:alert(1)']], { text: 0, touchpoint: 1, who: 2, link: 3, header: false }, sampleSnapshot(), defaults);
    expect(bad.unmatched.map((u) => u.code)).toEqual(['badLink']);
  });

  it('imports rows from a parsed Excel CSV end to end', () => {
    const csv = `${BOM}Ответ;Точка контакта;Дата\r\n"Долго, очень долго";Payment page;31.01.2026\r\n`;
    const plan = planQuoteImport(parseCsv(csv).rows, { text: 0, touchpoint: 1, date: 2 }, sampleSnapshot(), defaults);
    expect(plan.quotes).toEqual([expect.objectContaining({ text: 'Долго, очень долго', touchpointId: 'tp-pay', date: '2026-01-31' })]);
  });
});
