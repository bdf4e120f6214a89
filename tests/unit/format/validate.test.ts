// parseMapJson: the one import validation shared by the UI and the server.
import { describe, expect, it } from 'vitest';
import { orderedSnapshot, serializeMapFile } from '../../../src/domain/format/export';
import { DEFAULT_FORMAT_LIMITS } from '../../../src/domain/format/types';
import { parseMapJson, type ParseMapResult } from '../../../src/domain/format/validate';
import { mulberry32 } from '../../fixtures/random';
import { EXPORTED_AT, looseFile, sampleFile, sampleReview, sampleSnapshot, ticks } from './sampleMap';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the file in any way they like
type Loose = any;

const parse = (file: unknown, limits = {}) => parseMapJson(JSON.stringify(file), limits);
const problemsOf = (result: ParseMapResult) => (result.ok ? [] : result.problems);

function edited(edit: (f: Loose) => void): Loose {
  const f = looseFile() as Loose;
  edit(f);
  return f;
}

describe('parseMapJson: accepting', () => {
  it('reads an exported file back into the same map and reviews, with nothing to warn about', () => {
    const result = parseMapJson(serializeMapFile(sampleFile()));
    expect(result).toMatchObject({ ok: true, warnings: [], migratedFrom: null });
    if (!result.ok) return;
    expect(result.value.snapshot).toEqual(orderedSnapshot(sampleSnapshot()));
    expect(result.value.reviews).toHaveLength(1);
    expect(result.value.reviews[0]!.checklist).toEqual(sampleReview().checklist);
  });

  it('fills optional fields with their documented defaults', () => {
    const result = parse({
      format: 'cjm-studio/journey-map',
      version: 1,
      map: { title: 'Minimal', createdAt: '2026-01-01T00:00:00Z' },
      stages: [{ id: 's', title: 'Buy', color: '#000000', order: 1 }],
      channels: [{ id: 'c', title: 'Web', color: '#ffffff', order: 1 }],
      touchpoints: [{ id: 't', title: 'Cart', stageId: 's', channelId: 'c', order: 1, createdAt: '2026-01-01T00:00:00Z' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { snapshot, reviews } = result.value;
    expect(snapshot.meta).toEqual({
      title: 'Minimal',
      scenario: '',
      persona: { name: '', description: '', goal: '', quote: '', photo: '' },
      cadenceDays: 90,
      createdAt: '2026-01-01T00:00:00Z',
    });
    expect(snapshot.touchpoints[0]).toMatchObject({ description: '', status: 'active', owner: '', expectation: null, perception: null });
    expect([snapshot.connections, snapshot.notes, snapshot.quotes, reviews]).toEqual([[], [], [], []]);
  });

  it('trims text and writes colours in lower case, as the editor does', () => {
    const result = parse(
      edited((f) => {
        f.touchpoints[0].title = '  Реклама  ';
        f.stages[0].color = '#AABBCC';
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.snapshot.touchpoints[0]!.title).toBe('Реклама');
    expect(result.value.snapshot.stages[0]!.color).toBe('#aabbcc');
  });

  it('accepts a UTF-8 byte order mark before the JSON', () => {
    expect(parseMapJson(`\uFEFF${serializeMapFile(sampleFile())}`).ok).toBe(true);
  });

  it('ignores unknown fields with a warning naming each one', () => {
    const result = parse(
      edited((f) => {
        f.generator = 'other tool';
        f.touchpoints[1].color = '#ff0000';
        f.map.persona.age = 34;
        f.reviews[0].snapshot.stages[0].width = 300;
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$.generator', code: 'unknownField', params: {}, message: 'unknown field ignored' },
      { path: '$.map.persona.age', code: 'unknownField', params: {}, message: 'unknown field ignored' },
      { path: '$.touchpoints[1].color', code: 'unknownField', params: {}, message: 'unknown field ignored' },
      { path: '$.reviews[0].snapshot.stages[0].width', code: 'unknownField', params: {}, message: 'unknown field ignored' },
    ]);
    if (result.ok) expect(result.value.snapshot.touchpoints[1]).not.toHaveProperty('color');
  });

  it('keeps one of two connections between the same touchpoints, with a warning', () => {
    const result = parse(edited((f) => f.connections.push({ id: 'cn-dup', sourceId: 'tp-ad', targetId: 'tp-pay' })));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.snapshot.connections.map((c) => c.id)).toEqual(['cn-1', 'cn-2']);
    expect(result.warnings).toEqual([
      {
        path: '$.connections[2]',
        code: 'duplicateConnection',
        params: { firstPath: '$.connections[0]' },
        message: 'connects the same touchpoints as $.connections[0]; ignored',
      },
    ]);
  });

  it('keeps a touchpoint id such as "__proto__" as a plain checklist key', () => {
    const result = parse(
      edited((f) => {
        const review = f.reviews[0];
        review.snapshot.touchpoints[0].id = '__proto__';
        review.snapshot.notes = [];
        review.snapshot.quotes = [];
        review.snapshot.connections = [];
        review.checklist = JSON.parse(`{"__proto__": ${JSON.stringify(ticks())}}`);
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const checklist = result.value.reviews[0]!.checklist;
    expect(Object.keys(checklist)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(checklist)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).stillActive).toBeUndefined();
  });
});

describe('parseMapJson: refusing', () => {
  it('lists every problem in one pass, each at its JSON path', () => {
    const result = parse(
      edited((f) => {
        f.map.title = '';
        f.touchpoints[1].expectation = 0;
        f.notes[0].kind = 'bug';
        f.quotes[1].touchpointId = 'tp-gone';
      }),
    );
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(problemsOf(result)).toEqual([
      { path: '$.map.title', code: 'empty', params: {}, message: 'must not be empty' },
      { path: '$.touchpoints[1].expectation', code: 'outOfRange', params: { min: 1, max: 5 }, message: 'must be between 1 and 5' },
      { path: '$.notes[0].kind', code: 'notAllowed', params: { allowed: 'fix, wow, planB' }, message: 'must be one of fix, wow, planB' },
      {
        path: '$.quotes[1].touchpointId',
        code: 'unknownReference',
        params: { kind: 'touchpoint', id: 'tp-gone', listPath: '$.touchpoints' },
        message: 'refers to touchpoint "tp-gone", which is not in $.touchpoints',
      },
    ]);
  });

  it('stops listing after the problem limit and says so', () => {
    const result = parse(
      edited((f) => {
        const template = f.touchpoints[0];
        f.touchpoints = Array.from({ length: 300 }, (_, i) => ({ ...template, id: `t${i}`, expectation: 9 }));
        f.connections = [];
        f.notes = [];
        f.quotes = [];
      }),
    );
    const problems = problemsOf(result);
    expect(problems).toHaveLength(DEFAULT_FORMAT_LIMITS.maxProblems + 1);
    expect(problems.at(-1)).toEqual({
      path: '$',
      code: 'tooManyProblems',
      params: { limit: 100 },
      message: 'stopped after 100 problems; the rest of the file was not checked',
    });
  });

  it('does not echo missing-lane problems into every touchpoint when the lane list itself is broken', () => {
    expect(problemsOf(parse(edited((f) => (f.stages = 'Discover, Buy'))))).toEqual([
      { path: '$.stages', code: 'wrongType', params: { expected: 'array', found: 'string' }, message: 'must be an array (found a string)' },
    ]);
  });
});

describe('parseMapJson: limits', () => {
  it('refuses text over 10 MB with 413 before parsing, stating the limit', () => {
    const result = parseMapJson(' '.repeat(10 * 1024 * 1024 + 1));
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(problemsOf(result)[0]).toMatchObject({ code: 'tooLarge', params: { limit: 10 * 1024 * 1024, unit: 'characters' } });
    expect(problemsOf(result)[0]!.message).toContain('larger than the limit of 10 MB');
  });

  it('takes a smaller size limit from the caller', () => {
    const result = parseMapJson(serializeMapFile(sampleFile()), { maxChars: 1000 });
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(problemsOf(result)[0]!.message).toContain('1000 characters');
  });

  it('refuses nesting deeper than the limit, stating it, without parsing', () => {
    const result = parseMapJson(serializeMapFile(sampleFile()), { maxDepth: 5 });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(problemsOf(result)[0]).toMatchObject({ code: 'tooDeep', params: { limit: 5 } });
    expect(problemsOf(result)[0]!.message).toMatch(/^is nested deeper than 5 levels; the limit is 5 \(at line \d+, column \d+\)$/);
  });

  it.each([
    ['a million "["', '['.repeat(1_000_000)],
    ['a million nested objects', '{"a":'.repeat(1_000_000)],
    ['a million balanced brackets', `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`],
  ])('answers %s with a depth problem instead of throwing', (_, text) => {
    const result = parseMapJson(text);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(problemsOf(result)[0]!.message).toContain('nested deeper than 32 levels');
  });

  it('refuses more touchpoints than the limit with 413 without reading them', () => {
    const result = parse(edited((f) => (f.touchpoints = Array.from({ length: 20_001 }, () => ({})))));
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(problemsOf(result)).toEqual([
      {
        path: '$.touchpoints',
        code: 'tooMany',
        params: { list: 'touchpoints', count: 20_001, limit: 20_000 },
        message: 'has 20001 touchpoints; the limit is 20000',
      },
    ]);
  });

  it('refuses more notes than the limit with 413', () => {
    const result = parse(edited((f) => (f.notes = Array.from({ length: 100_001 }, () => 0))));
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(problemsOf(result)).toEqual([
      { path: '$.notes', code: 'tooMany', params: { list: 'notes', count: 100_001, limit: 100_000 }, message: 'has 100001 notes; the limit is 100000' },
    ]);
  });

  it('applies count limits inside reviews too', () => {
    const result = parse(sampleFile(), { maxStages: 1 });
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(problemsOf(result)).toContainEqual(expect.objectContaining({ path: '$.stages', code: 'tooMany', message: 'has 2 stages; the limit is 1' }));
    const onlyReview = parse(edited((f) => f.stages.pop() && (f.touchpoints = f.touchpoints.filter((t: Loose) => t.stageId !== 'st-buy'))), {
      maxStages: 1,
    });
    expect(problemsOf(onlyReview)).toContainEqual(
      expect.objectContaining({ path: '$.reviews[0].snapshot.stages', code: 'tooMany', message: 'has 2 stages; the limit is 1' }),
    );
  });
});

describe('parseMapJson never throws', () => {
  it.each([
    ['null', 'null'],
    ['a string', '"cjm"'],
    ['a number', '42'],
    ['whitespace', ' \n\t '],
    ['a lone surrogate', '{"format":"\ud800"}'],
    ['an invalid escape', '{"format":"\\x41"}'],
    ['a control character in a string', '{"format":"a\u0001b"}'],
    ['a huge number', '{"format":"cjm-studio/journey-map","version":1e999}'],
    ['null lists', '{"format":"cjm-studio/journey-map","version":1,"map":null,"stages":null,"channels":null,"touchpoints":null}'],
    ['__proto__ everywhere', '{"__proto__":{"format":"x"},"format":"cjm-studio/journey-map","version":1,"map":{"__proto__":1}}'],
  ])('answers %s with problems', (_, text) => {
    const result = parseMapJson(text);
    expect(result.ok).toBe(false);
    expect(problemsOf(result).length).toBeGreaterThan(0);
  });

  it('answers text that is not a string', () => {
    expect(parseMapJson(undefined as unknown as string)).toMatchObject({ ok: false, status: 400 });
  });

  it('answers randomly damaged text and randomly replaced values (seeded)', () => {
    const base = serializeMapFile(sampleFile());
    const junk = ['{', '}', '[', ']', '"', ',', ':', '\\', 'null', '-', '1e9', '\u0000', 'й'];
    const values: unknown[] = [null, 0, -1, 1.5, 1e308, '', 'x', true, [], {}, [[[]]], { id: 1 }];
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = mulberry32(seed);
      const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
      // Damage the text at a random place.
      const at = Math.floor(rnd() * base.length);
      const text = base.slice(0, at) + pick(junk) + base.slice(at + Math.floor(rnd() * 3));
      const a = parseMapJson(text);
      if (!a.ok) expect(a.problems.every((p) => p.path.startsWith('$')), `seed ${seed}`).toBe(true);

      // Replace one value deep in the structure.
      const file = looseFile() as Loose;
      let node: Loose = file;
      for (let depth = 0; depth < 6; depth++) {
        const keys = Object.keys(node);
        const key = pick(keys);
        const child = node[key];
        if (depth === 5 || typeof child !== 'object' || child === null || rnd() < 0.25) {
          node[key] = pick(values);
          break;
        }
        node = child as Loose;
      }
      const b = parse(file);
      if (!b.ok) expect(b.problems.length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});

it('ignores exportedAt beyond checking it is text', () => {
  const a = parse(edited((f) => (f.exportedAt = '2030-01-01T00:00:00.000Z')));
  const b = parse(sampleFile());
  expect(a.ok && b.ok && a.value).toEqual(b.ok && b.value);
  expect(problemsOf(parse(edited((f) => (f.exportedAt = 5))))).toEqual([
    { path: '$.exportedAt', code: 'wrongType', params: { expected: 'string', found: 'number' }, message: 'must be a string (found a number)' },
  ]);
  expect(EXPORTED_AT).toBe(sampleFile().exportedAt);
});
