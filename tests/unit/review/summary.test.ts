import { describe, expect, it } from 'vitest';
import { mapListHealth } from '../../../src/domain/review/summary';
import { baseMap, changed, isoDaysBefore, makeNote, makeQuote, makeReview, makeSnapshot } from './factories';

const NOW = new Date('2026-04-01T00:00:00.000Z');

describe('mapListHealth', () => {
  it('gives the last review, coverage share and quiet count for the map list', () => {
    const map = changed(baseMap(), (m) => {
      m.notes = (['fix', 'wow', 'planB'] as const).map((kind) => makeNote({ touchpointId: 'landing', kind }));
      m.quotes = [
        makeQuote({ touchpointId: 'landing', date: '2026-03-01' }),
        makeQuote({ touchpointId: 'call', date: '2026-03-15' }),
      ];
    });
    const reviewed = isoDaysBefore(NOW, 20);
    expect(mapListHealth(map, [makeReview({ createdAt: reviewed })], NOW)).toEqual({
      lastReviewAt: reviewed,
      coverage: 0.25,
      quietCount: 2, // checkout and refund
      reviewDue: false,
    });
  });

  it('has no coverage and no last review for an empty, never-reviewed map', () => {
    expect(mapListHealth(makeSnapshot({ meta: { createdAt: NOW.toISOString() } }), [], NOW)).toEqual({
      lastReviewAt: null,
      coverage: null,
      quietCount: 0,
      reviewDue: false,
    });
  });
});
