import { describe, expect, it } from 'vitest';
import { averageValue } from '../../../src/canvas/format';
import { formatScore } from '../../../src/domain/satisfaction';
import { createCanvasClipboard, parsePayload, serializePayload } from '../../../src/canvas/clipboard';
import { makeNote, makeTouchpoint } from '../../fixtures/factories';

describe('stage averages on the curve', () => {
  it('keeps at most two decimals as data and one signed decimal as a label', () => {
    expect(averageValue(-1.5)).toBe('-1.5');
    expect(averageValue(1 / 3)).toBe('0.33');
    expect(averageValue(2)).toBe('2');
    expect(averageValue(-0.001)).toBe('0');
    expect(averageValue(null)).toBe('');
    expect(formatScore(1 / 3, 'en')).toBe('+0.3');
    expect(formatScore(-2, 'en')).toBe('−2');
    expect(formatScore(0.04, 'en')).toBe('0');
  });
});

describe('clipboard payload', () => {
  const tp = makeTouchpoint({ id: 'tp-1', title: 'Website' });
  const payload = { touchpoints: [tp], notes: [makeNote({ touchpointId: 'tp-1' })], quotes: [], connections: [] };

  it('round-trips through text', () => {
    expect(parsePayload(serializePayload(payload))).toEqual(payload);
  });

  it('ignores text that is not ours', () => {
    expect(parsePayload('hello')).toBeNull();
    expect(parsePayload('{"touchpoints":[]}')).toBeNull();
    expect(parsePayload(JSON.stringify({ format: 'other', touchpoints: [tp] }))).toBeNull();
  });

  it('drops malformed entries instead of failing the paste', () => {
    const text = JSON.stringify({
      ...JSON.parse(serializePayload(payload)),
      touchpoints: [tp, { id: 'x', title: 42 }],
      notes: ['junk', { touchpointId: 'tp-1' }],
    });
    const parsed = parsePayload(text)!;
    expect(parsed.touchpoints).toEqual([tp]);
    expect(parsed.notes).toEqual([]);
  });

  it('falls back to the in-memory copy when reading the clipboard is refused', async () => {
    const system = {
      writeText: async () => undefined,
      readText: async (): Promise<string> => Promise.reject(new Error('NotAllowedError')),
    };
    const clipboard = createCanvasClipboard(() => system);
    expect(await clipboard.read()).toBeNull();
    await clipboard.write(payload);
    expect(await clipboard.read()).toEqual(payload);
  });
});
