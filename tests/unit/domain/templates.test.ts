import { describe, expect, it } from 'vitest';
import { LANE_PALETTE, mapTemplate } from '../../../src/domain/templates';
import { checkColor, checkTitle } from '../../../src/domain/fields';

describe('mapTemplate', () => {
  it('starts the default map with the journey from discovery to parting, and common channels', () => {
    const { stages, channels } = mapTemplate('default');
    expect(stages.map((s) => s.title)).toEqual(['Discover', 'Choose', 'Buy', 'Use', 'Get help', 'Leave']);
    expect(channels.map((c) => c.title)).toEqual(['Website', 'Phone', 'Office', 'Chat', 'Email', 'Social']);
  });

  it('writes titles in the creator language', () => {
    const { stages, channels } = mapTemplate('default', 'ru');
    expect(stages[0]!.title).toBe('Узнаёт');
    expect(stages.at(-1)!.title).toBe('Уходит');
    expect(channels[0]!.title).toBe('Сайт');
    expect(stages).toHaveLength(mapTemplate('default', 'en').stages.length);
  });

  it('gives every lane a valid title and colour, so initMap never refuses a template', () => {
    for (const locale of ['en', 'ru'] as const) {
      const { stages, channels } = mapTemplate('default', locale);
      for (const lane of [...stages, ...channels]) {
        expect(checkTitle(lane.title)).toEqual({ ok: true, value: lane.title });
        expect(checkColor(lane.color)).toEqual({ ok: true, value: lane.color });
      }
    }
  });

  it('gives neighbouring stages different colours', () => {
    const { stages } = mapTemplate('default');
    expect(new Set(stages.map((s) => s.color)).size).toBe(stages.length);
  });

  it('leaves a blank map empty', () => {
    expect(mapTemplate('blank', 'ru')).toEqual({ stages: [], channels: [], layers: [] });
  });

  it('offers a palette of valid colours for new lanes', () => {
    expect(LANE_PALETTE.length).toBeGreaterThan(0);
    for (const color of LANE_PALETTE) expect(checkColor(color).ok).toBe(true);
  });
});
