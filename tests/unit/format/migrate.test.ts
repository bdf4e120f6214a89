// Version 0 files (the pre-release shape) load as version 1 maps; problems point into the old file.
import { describe, expect, it } from 'vitest';
import { exportMapJson } from '../../../src/domain/format/export';
import { parseMapJson } from '../../../src/domain/format/validate';
import { FORMAT_VERSION } from '../../../src/domain/format/types';
import { satisfaction } from '../../../src/domain/satisfaction';

const T = '2026-01-01T00:00:00.000Z';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the file in any way they like
type Loose = any;

/** A version 0 file: notes inside touchpoints, quotes as `voices`, one `score`, connections from/to. */
function v0File(overrides: Record<string, unknown> = {}): Loose {
  return {
    format: 'cjm-studio/journey-map',
    version: 0,
    title: 'Подключение интернета',
    scenario: 'A new flat needs internet',
    persona: 'Игорь, 41',
    cadenceDays: 30,
    createdAt: T,
    stages: [{ id: 's1', title: 'Узнаёт', color: '#6366f1', order: 1 }],
    channels: [{ id: 'c1', title: 'Сайт', color: '#64748b', order: 1 }],
    touchpoints: [
      {
        id: 't1',
        title: 'Форма заявки',
        stageId: 's1',
        channelId: 'c1',
        order: 1,
        status: 'active',
        createdAt: T,
        score: -2,
        fix: ['Форма теряет адрес', 'No progress bar'],
        wow: ['Call within 5 minutes'],
        planB: [],
        voices: [
          { text: 'Заполнил дважды', source: 'survey', sentiment: 'negative', author: 'Клиент', date: '2025-11-03' },
          { text: 'OK', source: 'review', date: '2025-12-01', link: 'https://example.com/r/1' },
        ],
      },
      { id: 't2', title: 'Installer visit', stageId: 's1', channelId: 'c1', order: 2, createdAt: T },
    ],
    connections: [{ id: 'k1', from: 't1', to: 't2' }],
    ...overrides,
  };
}

const parse = (file: unknown) => parseMapJson(JSON.stringify(file));

describe('version 0 → 1', () => {
  it('moves embedded notes, voices, score, persona and connections into version 1 places', () => {
    const result = parse(v0File());
    expect(result).toMatchObject({ ok: true, migratedFrom: 0, warnings: [] });
    if (!result.ok) return;
    const { snapshot, reviews } = result.value;
    expect(snapshot.meta).toEqual({
      title: 'Подключение интернета',
      scenario: 'A new flat needs internet',
      persona: { name: 'Игорь, 41', description: '', goal: '' },
      cadenceDays: 30,
      createdAt: T,
    });
    expect(snapshot.notes.map((n) => [n.touchpointId, n.kind, n.text])).toEqual([
      ['t1', 'fix', 'Форма теряет адрес'],
      ['t1', 'fix', 'No progress bar'],
      ['t1', 'wow', 'Call within 5 minutes'],
    ]);
    expect(snapshot.notes[0]).toMatchObject({ status: 'idea', owner: '', votes: 0, createdAt: T });
    expect(snapshot.quotes).toEqual([
      expect.objectContaining({ touchpointId: 't1', text: 'Заполнил дважды', who: 'Клиент', sentiment: 'negative', date: '2025-11-03' }),
      expect.objectContaining({ touchpointId: 't1', text: 'OK', source: 'review', who: '', sentiment: 'neutral', link: 'https://example.com/r/1' }),
    ]);
    expect(snapshot.connections).toEqual([{ id: 'k1', sourceId: 't1', targetId: 't2' }]);
    expect(reviews).toEqual([]);
  });

  it('keeps the satisfaction a score stood for, and leaves an unscored touchpoint unrated', () => {
    for (const score of [-2, -1, 0, 1, 2]) {
      const file = v0File();
      file.touchpoints[0]!.score = score;
      const result = parse(file);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [scored, unscored] = result.value.snapshot.touchpoints;
      expect(satisfaction(scored!)).toBe(score);
      expect(unscored).toMatchObject({ expectation: null, perception: null });
    }
  });

  it('gives a migrated map that exports as a current-version file and reads back unchanged', () => {
    const first = parse(v0File());
    if (!first.ok) throw new Error('v0 sample must load');
    const text = exportMapJson(first.value.snapshot, first.value.reviews, T);
    const second = parseMapJson(text);
    expect(second).toMatchObject({ ok: true, migratedFrom: null });
    expect(JSON.parse(text)).toMatchObject({ version: FORMAT_VERSION, layers: [], cells: [] });
    if (second.ok) expect(second.value).toEqual(first.value);
  });

  it('reports problems at the path in the version 0 file', () => {
    const file = v0File();
    const tp = file.touchpoints[0]!;
    tp.voices[0]!.date = '03.11.2025';
    tp.voices[1]!.author = 'x'.repeat(101);
    tp.fix = [7];
    file.connections[0]!.to = 't9';
    const result = parse({ ...file, title: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: '$.title', code: 'empty', params: {}, message: 'must not be empty' },
      {
        path: '$.connections[0].to',
        code: 'unknownReference',
        params: { kind: 'touchpoint', id: 't9', listPath: '$.touchpoints' },
        message: 'refers to touchpoint "t9", which is not in $.touchpoints',
      },
      {
        path: '$.touchpoints[0].fix[0]',
        code: 'wrongType',
        params: { expected: 'string', found: 'number' },
        message: 'must be a string (found a number)',
      },
      { path: '$.touchpoints[0].voices[0].date', code: 'invalidDate', params: {}, message: 'must be a date as YYYY-MM-DD' },
      { path: '$.touchpoints[0].voices[1].author', code: 'tooLong', params: { max: 100 }, message: 'is longer than 100 characters' },
    ]);
  });

  it('warns about unknown fields at their version 0 paths', () => {
    const file = v0File();
    file.touchpoints[1].icon = 'phone';
    file.touchpoints[0].voices[0].rating = 5;
    const result = parse(file);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$.touchpoints[1].icon', code: 'unknownField', params: {}, message: 'unknown field ignored' },
      { path: '$.touchpoints[0].voices[0].rating', code: 'unknownField', params: {}, message: 'unknown field ignored' },
    ]);
  });

  it('refuses a score outside −2…+2 and versions that never existed', () => {
    const file = v0File();
    file.touchpoints[0]!.score = 3;
    expect(parse(file)).toMatchObject({
      ok: false,
      problems: [
        {
          path: '$.touchpoints[0].score',
          code: 'invalidScore',
          params: { min: -2, max: 2 },
          message: 'must be a whole number from -2 to 2, or null',
        },
      ],
    });
    expect(parse(v0File({ version: -1 }))).toMatchObject({
      ok: false,
      problems: [{ path: '$.version', code: 'versionUnknown', message: 'version -1 is not a known version (0 to 2)' }],
    });
    expect(parse(v0File({ version: 0.5 }))).toMatchObject({ ok: false, problems: [{ path: '$.version' }] });
  });
});

describe('version 1 → 2', () => {
  /** A version 1 file: no layers, no cells; a review whose snapshot has none either. */
  const v1File = (): Loose => {
    const current = parse(v0File());
    if (!current.ok) throw new Error('v0 sample must load');
    const file = JSON.parse(exportMapJson(current.value.snapshot, [], T));
    delete file.layers;
    delete file.cells;
    file.version = 1;
    file.reviews = [{ id: 'r1', name: '2025 Q4', createdAt: T, snapshot: JSON.parse(JSON.stringify(file)) }];
    for (const key of ['reviews', 'format', 'version', 'exportedAt']) delete file.reviews[0].snapshot[key];
    return file;
  };

  it('imports a version 1 file as a map without layers, its reviews too, and exports it as version 2', () => {
    const result = parse(v1File());
    expect(result).toMatchObject({ ok: true, migratedFrom: 1, warnings: [] });
    if (!result.ok) return;
    expect(result.value.snapshot).toMatchObject({ layers: [], cells: [] });
    expect(result.value.snapshot.touchpoints.map((t) => t.title)).toEqual(['Форма заявки', 'Installer visit']);
    expect(result.value.reviews[0]!.snapshot).toMatchObject({ layers: [], cells: [] });
    const again = parseMapJson(exportMapJson(result.value.snapshot, result.value.reviews, T));
    expect(again).toMatchObject({ ok: true, migratedFrom: null });
    if (again.ok) expect(again.value).toEqual(result.value);
  });

  it('reports a problem of a version 1 file at its own path', () => {
    const file = v1File();
    file.touchpoints[1].title = '';
    expect(parse(file)).toMatchObject({ ok: false, problems: [{ path: '$.touchpoints[1].title', code: 'empty' }] });
  });
});
