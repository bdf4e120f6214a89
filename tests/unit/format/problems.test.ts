// Every problem of a refused file carries a stable code and parameters (for the UI to word in
// the user's language), beside the English message the API has always sent.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFormatProblem, isProblemCode, parseMapJson, type Problem } from '../../../src/domain/format';
import { looseFile } from './sampleMap';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the file in any way they like
type Loose = any;

const BAD_FILES = join(import.meta.dirname, '../../fixtures/bad-files');

function refused(text: string): Problem[] {
  const result = parseMapJson(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

function brokenFile(edit: (f: Loose) => void): string {
  const f = looseFile() as Loose;
  edit(f);
  return JSON.stringify(f);
}

describe('problem codes', () => {
  it('names what is wrong in a malformed file by code and params, at each path', () => {
    const problems = refused(
      brokenFile((f) => {
        delete f.map.title;
        f.touchpoints[0].order = 'first';
        f.touchpoints[1].stageId = 'st-gone';
        f.notes[0].votes = 1.5;
      }),
    );
    expect(problems.map(({ path, code, params }) => ({ path, code, params }))).toEqual([
      { path: '$.map.title', code: 'required', params: {} },
      { path: '$.touchpoints[0].order', code: 'wrongType', params: { expected: 'number', found: 'string' } },
      { path: '$.touchpoints[1].stageId', code: 'unknownReference', params: { kind: 'stage', id: 'st-gone', listPath: '$.stages' } },
      { path: '$.notes[0].votes', code: 'notInteger', params: {} },
    ]);
  });

  it('counts an oversized list by name, so the limit can be said in any language', () => {
    const result = parseMapJson(brokenFile((f) => (f.stages = [f.stages[0], f.stages[1]])), { maxStages: 1 });
    expect(result).toMatchObject({
      ok: false,
      status: 413,
      problems: expect.arrayContaining([
        expect.objectContaining({ path: '$.stages', code: 'tooMany', params: { list: 'stages', count: 2, limit: 1 } }),
      ]),
    });
  });

  it('gives a syntax error its reason, the character found, and where', () => {
    expect(refused('{\n  "title": "Trip",\n  "stages": [1 2]\n}')).toEqual([
      {
        path: '$',
        code: 'invalidJson',
        params: { reason: 'expectedCommaOrClose', found: '"2"', close: ']', line: 3, column: 16 },
        message: 'is not valid JSON: expected "," or "]", found "2" (at line 3, column 16)',
      },
    ]);
    expect(refused('Title;Stage\nTrip;Buy')[0]).toMatchObject({ code: 'invalidJson', params: { reason: 'expectedValue', found: '"T"' } });
  });

  it('keeps the version 0 path of a problem found after migration', () => {
    const v0 = { format: 'cjm-studio/journey-map', version: 0, title: 'Old', createdAt: '2025-01-01T00:00:00Z', stages: [], channels: [] };
    expect(refused(JSON.stringify({ ...v0, touchpoints: [{ id: 't', fix: 'not a list' }] }))).toContainEqual(
      expect.objectContaining({ path: '$.touchpoints[0].fix', code: 'wrongType', params: { expected: 'arrayOfTexts' } }),
    );
  });

  it('gives every problem of the bad-files corpus a known code, and the message its code and params say', () => {
    const names = readdirSync(BAD_FILES).filter((name) => name.endsWith('.json') && name !== 'expected.json');
    const codes = new Set<string>();
    for (const name of names) {
      const result = parseMapJson(readFileSync(join(BAD_FILES, name), 'utf8'));
      const all = result.ok ? result.warnings : [...result.problems, ...result.warnings];
      for (const problem of all) {
        expect(isProblemCode(problem.code), `${name}: ${problem.code}`).toBe(true);
        expect(describeFormatProblem(problem), name).toBe(problem.message);
        codes.add(problem.code);
      }
    }
    // The corpus is varied enough to reach most codes.
    expect(codes.size).toBeGreaterThanOrEqual(20);
  });
});
