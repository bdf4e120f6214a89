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

  it('keeps creation dates in the basis, so a card made within the cadence is not counted quiet on any day inside it', () => {
    const map = changed(baseMap(), (m) => {
      m.quotes = [];
      m.touchpoints[0]!.createdAt = isoDaysBefore(NOW, 1);
    });
    const kept = JSON.parse(JSON.stringify(healthBasis(map, NOW))) as ReturnType<typeof healthBasis>;
    expect(listHealth(kept, null, NOW).quietCount).toBe(3);
    expect(listHealth(kept, null, new Date(NOW.getTime() + 89 * 86_400_000)).quietCount).toBe(3);
    expect(listHealth(kept, null, new Date(NOW.getTime() + 90 * 86_400_000)).quietCount).toBe(4);
  });

  it('reads a basis stored before creation dates were kept: its cards get no grace, as before', () => {
    const old = { cadenceDays: 90, createdAt: '2026-01-01T00:00:00.000Z', coverage: 0, lastHeard: [null, '2026-03-30'] };
    expect(listHealth(old, null, NOW)).toMatchObject({ quietCount: 1 });
  });
});

