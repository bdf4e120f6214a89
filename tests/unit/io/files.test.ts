// Export file names and reading picked files.
import { describe, expect, it } from 'vitest';
import { exportFileName, sanitiseFileName } from '../../../src/domain/fileName';
import { decodeText, readFileText } from '../../../src/app/io/files';

describe('exportFileName', () => {
  it('is <title>-<YYYY-MM-DD>.<ext>, keeping Cyrillic', () => {
    expect(exportFileName('Покупка тура', '2026-01-31', 'json')).toBe('Покупка тура-2026-01-31.json');
    expect(exportFileName('Plan', new Date(2026, 0, 5, 23, 30), '.csv')).toBe('Plan-2026-01-05.csv');
  });

  it.each([
    ['Q4: "Buy" / Pay?', 'Q4- -Buy- - Pay'],
    ['a\\b|c*d<e>f', 'a-b-c-d-e-f'],
    ['tabs\tand\nlines', 'tabs and lines'],
    ['...hidden', 'hidden'],
    ['trailing dot.', 'trailing dot'],
    ['CON', 'CON_'],
    ['   ', 'journey-map'],
    ['///', 'journey-map'],
  ])('makes %j safe for file systems: %j', (title, name) => {
    expect(sanitiseFileName(title)).toBe(name);
  });

  it('shortens long titles without splitting a character', () => {
    const name = sanitiseFileName('😀'.repeat(100));
    expect(Array.from(name)).toHaveLength(80);
    expect(name).toBe('😀'.repeat(80));
  });
});

describe('decodeText', () => {
  it('reads UTF-8 and drops a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Этап,Канал')]);
    expect(decodeText(bytes)).toEqual({ text: 'Этап,Канал', encoding: 'utf-8' });
  });

  it('falls back to Windows-1251 for a CSV saved by a Russian Excel', () => {
    // "Этап;Да" in Windows-1251.
    const bytes = new Uint8Array([0xdd, 0xf2, 0xe0, 0xef, 0x3b, 0xc4, 0xe0]);
    expect(decodeText(bytes)).toEqual({ text: 'Этап;Да', encoding: 'windows-1251' });
  });
});

describe('readFileText', () => {
  it('refuses a file over the size limit without reading it', async () => {
    const blob = new Blob(['x'.repeat(2000)]);
    expect(await readFileText(blob, 1000)).toEqual({ ok: false, code: 'tooLarge', maxBytes: 1000, size: 2000 });
  });

  it('reads a file into text', async () => {
    expect(await readFileText(new Blob(['{"a":1}']))).toEqual({ ok: true, text: '{"a":1}', encoding: 'utf-8' });
  });
});
