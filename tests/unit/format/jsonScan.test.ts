// The pre-parse syntax check must agree with JSON.parse on what is valid JSON.
import { describe, expect, it } from 'vitest';
import { scanJson } from '../../../src/domain/format/jsonScan';
import { serializeMapFile } from '../../../src/domain/format/export';
import { mulberry32 } from '../../fixtures/random';
import { sampleFile } from './sampleMap';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('scanJson', () => {
  it('agrees with JSON.parse on damaged copies of a real file (seeded)', () => {
    const base = serializeMapFile(sampleFile());
    const pieces = ['{', '}', '[', ']', '"', ',', ':', '\\', '\\u12', '\\n', 'true', 'nul', '-', '01', '1.', '.5', '1e', '\t', '\u0001', ' '];
    for (let seed = 1; seed <= 2000; seed++) {
      const rnd = mulberry32(seed);
      const at = Math.floor(rnd() * base.length);
      const cut = Math.floor(rnd() * 3);
      const text = base.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + base.slice(at + cut);
      expect(scanJson(text, 64).ok, `seed ${seed}: ${JSON.stringify(text.slice(Math.max(0, at - 10), at + 10))}`).toBe(parses(text));
    }
    // 2,000 scans of the sample file (larger since it holds layers): seconds on a busy shared machine.
  }, 30_000);

  it.each(['0', '-0.5e+10', '"\\u00e9\\n"', 'true', ' null ', '[]', '{}', '[[],{}]', '{"a":[1,{"b":null}]}'])('accepts %s', (text) => {
    expect(scanJson(text, 32)).toEqual({ ok: true });
  });

  it('says where the syntax breaks, by line and column', () => {
    expect(scanJson('{\n  "a": 1\n  "b": 2\n}', 32)).toEqual({
      ok: false,
      reason: 'syntax',
      error: { code: 'expectedCommaOrClose', found: '"\\""', close: '}' },
      message: 'expected "," or "}", found "\\""',
      line: 3,
      column: 3,
    });
    expect(scanJson('[1, 2,]', 32)).toMatchObject({
      error: { code: 'trailingComma', found: '"]"' },
      message: 'expected a value, found "]" (is there a comma before "]"?)',
    });
  });

  it('counts depth only for brackets outside strings', () => {
    expect(scanJson(JSON.stringify({ text: '[[[[[[[[[[' }), 2)).toEqual({ ok: true });
    expect(scanJson('[[[1]]]', 2)).toMatchObject({ ok: false, reason: 'depth', column: 3 });
  });
});
