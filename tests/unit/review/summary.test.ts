import { describe, expect, it } from 'vitest';
import { healthBasis, listHealth, mapListHealth } from '../../../src/domain/review/summary';
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

  it('finishes on a later day from what was kept today: a card turns quiet and the review falls due', () => {
    const map = changed(baseMap(), (m) => {
      m.quotes = (['landing', 'call', 'checkout', 'refund'] as const).map((id) => makeQuote({ touchpointId: id, date: '2026-03-25' }));
    });
    const reviewed = isoDaysBefore(NOW, 20);
    const kept = JSON.parse(JSON.stringify(healthBasis(map, NOW))) as ReturnType<typeof healthBasis>;
    expect(listHealth(kept, reviewed, NOW)).toEqual(mapListHealth(map, [makeReview({ createdAt: reviewed })], NOW));
    expect(listHealth(kept, reviewed, NOW)).toMatchObject({ quietCount: 0, reviewDue: false });
    const later = new Date(NOW.getTime() + 100 * 86_400_000);
    expect(listHealth(kept, reviewed, later)).toEqual(mapListHealth(map, [makeReview({ createdAt: reviewed })], later));
    expect(listHealth(kept, reviewed, later)).toMatchObject({ quietCount: 4, reviewDue: true });
  });
});
