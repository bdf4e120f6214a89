// Import problems as the user reads them: worded from their code in the user's language, with
// the JSON path kept as it is; in English, word for word the message the server's API sends.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatProblem,
  parseMapJson,
  PROBLEM_CODES,
  type Problem,
  type ProblemCode,
  type ProblemDetail,
} from '../../../src/domain/format';
import { parseCsv } from '../../../src/domain/csv';
import { translate, type Translate } from '../../../src/locales/i18n';
import type { Refused } from '../../../src/sync/mapFileClient';
import { refusalMessage } from '../../../src/app/io/refusal';
import { formatProblemLine, formatProblemMessage } from '../../../src/ui/problemMessage';
import { looseFile } from '../format/sampleMap';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the file in any way they like
type Loose = any;

const en: Translate = (key, params) => translate('en', key, params);
const ru: Translate = (key, params) => translate('ru', key, params);

const CYRILLIC = /[а-яё]/i;
// Words of the English messages that must not leak into a Russian one.
const ENGLISH = /\b(must|found|refers|which|limit|required|empty|valid|expected|file|has|is|not)\b/;

function problemsOf(text: string): Problem[] {
  const result = parseMapJson(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

const brokenFile = (edit: (f: Loose) => void): string => {
  const f = looseFile() as Loose;
  edit(f);
  return JSON.stringify(f);
};

const firstAt = (problems: Problem[], path: string): Problem => {
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}: ${JSON.stringify(problems)}`);
  return found;
};

/** One example of each code, including those only the server sends. */
const SAMPLES: { [C in ProblemCode]: (ProblemDetail & { code: C })[] } = {
  required: [{ code: 'required', params: {} }],
  empty: [{ code: 'empty', params: {} }],
  notInteger: [{ code: 'notInteger', params: {} }],
  notFinite: [{ code: 'notFinite', params: {} }],
  invalidDate: [{ code: 'invalidDate', params: {} }],
  invalidLink: [{ code: 'invalidLink', params: {} }],
  invalidColor: [{ code: 'invalidColor', params: {} }],
  invalidId: [{ code: 'invalidId', params: {} }],
  invalidTimestamp: [{ code: 'invalidTimestamp', params: {} }],
  selfConnection: [{ code: 'selfConnection', params: {} }],
  notAJourneyMap: [{ code: 'notAJourneyMap', params: {} }],
  unreadable: [{ code: 'unreadable', params: {} }],
  notText: [{ code: 'notText', params: {} }],
  notUtf8: [{ code: 'notUtf8', params: {} }],
  unknownField: [{ code: 'unknownField', params: {} }],
  wrongType: [
    { code: 'wrongType', params: { expected: 'rating', found: 'string' } },
    { code: 'wrongType', params: { expected: 'arrayOfQuotes' } },
  ],
  tooLong: [{ code: 'tooLong', params: { max: 200 } }],
  outOfRange: [{ code: 'outOfRange', params: { min: 1, max: 5 } }],
  notAllowed: [{ code: 'notAllowed', params: { allowed: 'fix, wow, planB' } }],
  duplicateId: [{ code: 'duplicateId', params: { id: 't1', firstPath: '$.touchpoints[0].id' } }],
  unknownReference: [
    { code: 'unknownReference', params: { kind: 'stage', id: 's9', listPath: '$.stages' } },
    { code: 'unknownReference', params: { kind: 'channel', id: 'c9', listPath: '$.channels' } },
    { code: 'unknownReference', params: { kind: 'touchpoint', id: 't9', listPath: '$.reviews[0].snapshot.touchpoints' } },
  ],
  tooMany: [{ code: 'tooMany', params: { list: 'connections', count: 50_001, limit: 50_000 } }],
  tooManyProblems: [{ code: 'tooManyProblems', params: { limit: 100 } }],
  rootNotObject: [{ code: 'rootNotObject', params: { format: 'cjm-studio/journey-map', found: 'array' } }],
  formatMissing: [{ code: 'formatMissing', params: { format: 'cjm-studio/journey-map' } }],
  wrongFormat: [
    { code: 'wrongFormat', params: { format: 'cjm-studio/journey-map', value: 'miro/board' } },
    { code: 'wrongFormat', params: { format: 'cjm-studio/journey-map', found: 'number' } },
  ],
  versionMissing: [{ code: 'versionMissing', params: { current: 2 } }],
  versionTooNew: [{ code: 'versionTooNew', params: { version: 7, current: 2 } }],
  versionUnknown: [{ code: 'versionUnknown', params: { version: -1, oldest: 0, current: 2 } }],
  tooLarge: [
    { code: 'tooLarge', params: { limit: 10 * 1024 * 1024, unit: 'characters', size: 10 * 1024 * 1024 + 1 } },
    { code: 'tooLarge', params: { limit: 1000, unit: 'characters', size: 4321 } },
    { code: 'tooLarge', params: { limit: 10 * 1024 * 1024, unit: 'bytes' } },
  ],
  mapTooLarge: [{ code: 'mapTooLarge', params: { limit: 5 * 1024 * 1024 } }],
  tooDeep: [{ code: 'tooDeep', params: { limit: 32, line: 1, column: 33 } }],
  invalidJson: [{ code: 'invalidJson', params: { reason: 'engine', detail: 'Unexpected token' } }],
  invalidScore: [{ code: 'invalidScore', params: { min: -2, max: 2 } }],
  duplicateConnection: [{ code: 'duplicateConnection', params: { firstPath: '$.connections[0]' } }],
  duplicateCell: [{ code: 'duplicateCell', params: { firstPath: '$.cells[0]' } }],
};

// Text that breaks JSON in each way the scanner names.
const SYNTAX_ERRORS = [
  '',
  '{"a": 1',
  '-x',
  '"\\x"',
  '"\\u12"',
  '"a\nb"',
  '"abc',
  '{} x',
  '{"a" 1}',
  "{'a': 1}",
  '[x]',
  '{"a": 1,}',
  '[1,]',
  '[1 2]',
];

const samples = (): Problem[] => [
  ...Object.values(SAMPLES).flatMap((details: ProblemDetail[]) => details.map((d) => formatProblem('$.x', d))),
  ...SYNTAX_ERRORS.flatMap(problemsOf),
];

describe('import problems in English', () => {
  it('reads exactly as the message the API sends, for every code and syntax error', () => {
    for (const problem of samples()) expect(formatProblemMessage(en, problem)).toBe(problem.message);
  });

  it('reads exactly as the API message for every problem and warning of the bad-files corpus', () => {
    const dir = join(import.meta.dirname, '../../fixtures/bad-files');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'expected.json')) {
      const result = parseMapJson(readFileSync(join(dir, name), 'utf8'));
      const all = result.ok ? result.warnings : [...result.problems, ...result.warnings];
      for (const problem of all) expect(formatProblemMessage(en, problem), name).toBe(problem.message);
    }
  });
});

describe('import problems in Russian', () => {
  it('has wording for every code and syntax error', () => {
    const all = samples();
    expect(new Set(all.map((p) => p.code))).toEqual(new Set(PROBLEM_CODES));
    for (const problem of all) {
      const text = formatProblemMessage(ru, problem);
      expect(text, problem.message).toMatch(CYRILLIC);
      expect(text, problem.message).not.toMatch(ENGLISH);
    }
  });

  it('says a required field is missing, at its path', () => {
    const problem = firstAt(problemsOf(brokenFile((f) => delete f.map.title)), '$.map.title');
    expect(formatProblemLine(ru, problem)).toBe('$.map.title: нет обязательного поля');
  });

  it('says what type a value should have had and what it was', () => {
    const problem = firstAt(problemsOf(brokenFile((f) => (f.touchpoints[1].expectation = 'high'))), '$.touchpoints[1].expectation');
    expect(formatProblemLine(ru, problem)).toBe('$.touchpoints[1].expectation: должно быть числом от 1 до 5 или null, а здесь строка');
  });

  it('names the missing stage, channel or touchpoint a reference points to', () => {
    const problems = problemsOf(
      brokenFile((f) => {
        f.touchpoints[0].channelId = 'ch-fax';
        f.notes[0].touchpointId = 'tp-gone';
      }),
    );
    expect(formatProblemLine(ru, firstAt(problems, '$.touchpoints[0].channelId'))).toBe(
      '$.touchpoints[0].channelId: ссылается на канал «ch-fax», которого нет в $.channels',
    );
    expect(formatProblemLine(ru, firstAt(problems, '$.notes[0].touchpointId'))).toBe(
      '$.notes[0].touchpointId: ссылается на точку контакта «tp-gone», которой нет в $.touchpoints',
    );
  });

  it('says how many items a list has and how many it may have', () => {
    const result = parseMapJson(brokenFile((f) => (f.touchpoints = [...f.touchpoints, ...f.touchpoints])), { maxTouchpoints: 4 });
    if (result.ok) throw new Error('expected the file to be refused');
    expect(formatProblemLine(ru, firstAt(result.problems, '$.touchpoints'))).toBe(
      '$.touchpoints: слишком много точек контакта: 6, а можно не больше 4',
    );
  });

  it('says a file that is not JSON at all is broken, and where', () => {
    const [problem] = problemsOf('Title;Stage\nTrip;Buy\n');
    expect(formatProblemLine(ru, problem!)).toBe('$: ошибка в JSON: нужно значение, а здесь "T" (строка 1, столбец 1)');
    expect(formatProblemLine(ru, problemsOf('')[0]!)).toBe('$: ошибка в JSON: файл пустой (строка 1, столбец 1)');
    expect(formatProblemLine(ru, problemsOf('{"a": 1,\n}')[0]!)).toBe(
      '$: ошибка в JSON: нужно имя свойства, а здесь "}" — возможно, перед "}" лишняя запятая (строка 2, столбец 1)',
    );
  });

  it('keeps an unknown field a warning, worded too', () => {
    const result = parseMapJson(brokenFile((f) => (f.touchpoints[1].color = '#ff0000')));
    if (!result.ok) throw new Error('expected the file to be accepted');
    expect(result.warnings.map((w) => formatProblemLine(ru, w))).toEqual(['$.touchpoints[1].color: неизвестное поле, пропущено']);
  });

  it('states sizes in megabytes when whole, otherwise in characters', () => {
    const [big] = problemsOf(' '.repeat(10 * 1024 * 1024 + 1));
    expect(formatProblemMessage(ru, big!)).toBe('файл больше допустимого размера: 10 МБ (в нём 10485761 симв.)');
    const server = formatProblem('$', { code: 'tooLarge', params: { limit: 10 * 1024 * 1024, unit: 'bytes' } });
    expect(formatProblemMessage(ru, server)).toBe('файл больше допустимого размера: 10 МБ');
  });
});

describe('problems from elsewhere', () => {
  it('falls back to the English message for a code or params this app does not know', () => {
    const unknown = { path: '$.x', code: 'fromTheFuture', params: {}, message: 'is strange' } as unknown as Problem;
    expect(formatProblemMessage(ru, unknown)).toBe('is strange');
    const withoutCode = { path: '$.x', message: 'is old' } as unknown as Problem;
    expect(formatProblemMessage(ru, withoutCode)).toBe('is old');
    const withoutParams = { path: '$.x', code: 'tooLong', params: {}, message: 'is longer than 9 characters' } as unknown as Problem;
    expect(formatProblemMessage(ru, withoutParams)).toBe('is longer than 9 characters');
  });

  it('words the server’s refusal by its problems or its status, not its English error', () => {
    const refusal = (status: number, problems: Problem[] = []): Refused => ({
      ok: false,
      reason: 'refused',
      status,
      error: 'the file is not a valid journey map',
      problems,
      warnings: [],
    });
    expect(refusalMessage(ru, refusal(400, problemsOf('')))).toBe('Сервер не принял файл.');
    expect(refusalMessage(ru, refusal(403))).toBe('С вашим текущим доступом сервер не разрешает это действие.');
    expect(refusalMessage(ru, refusal(404))).toBe('Карта не найдена на сервере.');
    expect(refusalMessage(ru, refusal(503))).toBe('Сервер сейчас не может принять файл (ошибка 503). Попробуйте позже.');
    expect(refusalMessage(en, refusal(415))).toBe('The server refused the file: the file is not a valid journey map');
  });

  it('words the survey CSV problems by their code', () => {
    const { problems } = parseCsv('"ab"cd,e\n1,"never closed');
    expect(problems.map((p) => ru('io.quotes.csvProblem', { line: p.line, message: ru(`io.quotes.csvProblems.${p.code}`) }))).toEqual([
      'Строка 1: текст после закрывающей кавычки',
      'Строка 2: поле в кавычках не закрыто кавычкой "',
    ]);
  });
});
