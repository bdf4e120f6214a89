// The corpus of broken files in tests/fixtures/bad-files: each must be refused with its
// expected JSON path and message (tests/fixtures/bad-files/expected.json).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMapJson } from '../../../src/domain/format/validate';

const dir = join(import.meta.dirname, '../../fixtures/bad-files');

interface Expected {
  status: 400 | 413;
  path: string;
  message: string;
}

const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
const files = readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'expected.json');

describe('bad files corpus', () => {
  it('has at least 30 files, each with an expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(files)('%s is refused at the expected path with the expected message', (name) => {
    const want = expected[name]!;
    const result = parseMapJson(readFileSync(join(dir, name), 'utf8'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(want.status);
    const atPath = result.problems.filter((p) => p.path === want.path);
    expect(atPath.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining(want.message)]));
  });
});
