import { describe, expect, it } from 'vitest';
import { isReviewDue, mapHealth, UNASSIGNED } from '../../../src/domain/review/health';
import {
  baseMap,
  changed,
  find,
  isoDaysBefore,
  makeNote,
  makeQuote,
  makeReview,
  makeSnapshot,
  makeStage,
} from './factories';

const NOW = new Date('2026-04-01T00:00:00.000Z');

/** Gives `touchpointId` one note of each kind. */
const allThreeKinds = (touchpointId: string, status: 'idea' | 'done' = 'idea') => [
  makeNote({ touchpointId, kind: 'fix', status }),
  makeNote({ touchpointId, kind: 'wow', status }),
  makeNote({ touchpointId, kind: 'planB', status }),
];

describe('mapHealth: triple-focus coverage', () => {
  it('is the share of active touchpoints with a Fix, a WOW and a Plan B note, whatever their status', () => {
    const map = changed(baseMap(), (m) => {
      m.notes = [...allThreeKinds('landing', 'done'), makeNote({ touchpointId: 'call', kind: 'wow' })];
    });
    const { coverage } = mapHealth(map, [], NOW);
    expect(coverage).toMatchObject({ active: 4, complete: 1, share: 0.25 });
    expect(coverage.missing.fix.map((t) => t.touchpointId)).toEqual(['call', 'checkout', 'refund']);
    expect(coverage.missing.wow.map((t) => t.touchpointId)).toEqual(['checkout', 'refund']);
    expect(coverage.missing.planB.map((t) => t.touchpointId)).toEqual(['call', 'checkout', 'refund']);
    expect(coverage.missing.wow[0]).toEqual({
      touchpointId: 'checkout',
      title: 'Checkout',
      stage: { id: 'buy', title: 'Buy' },
      channel: { id: 'web', title: 'Website' },
    });
  });

  it('counts new touchpoints as active and leaves retired ones out', () => {
    const map = changed(baseMap(), (m) => {
      find(m.touchpoints, 'landing').status = 'new';
      find(m.touchpoints, 'call').status = 'retired';
      find(m.touchpoints, 'refund').status = 'retired';
      m.notes = [...allThreeKinds('landing')];
    });
    const { coverage } = mapHealth(map, [], NOW);
    expect(coverage).toMatchObject({ active: 2, complete: 1, share: 0.5 });
    expect(coverage.missing.fix.map((t) => t.touchpointId)).toEqual(['checkout']);
  });

  it('is null, not NaN, when there is no active touchpoint', () => {
    const allRetired = changed(baseMap(), (m) => {
      for (const tp of m.touchpoints) tp.status = 'retired';
    });
    expect(mapHealth(allRetired, [], NOW).coverage).toEqual({
      active: 0,
      complete: 0,
      share: null,
      missing: { fix: [], wow: [], planB: [] },
    });
    expect(mapHealth(makeSnapshot(), [], NOW).coverage.share).toBeNull();
  });

  it('is 1 when every active touchpoint is covered', () => {
    const map = changed(baseMap(), (m) => {
      m.notes = ['landing', 'call', 'checkout', 'refund'].flatMap((id) => allThreeKinds(id));
    });
    expect(mapHealth(map, [], NOW).coverage.share).toBe(1);
  });
});

describe('mapHealth: quiet touchpoints', () => {
  const withQuoteOn = (date: string) =>
    changed(baseMap(), (m) => {
      m.quotes = [
        makeQuote({ touchpointId: 'landing', date }),
        ...['call', 'checkout', 'refund'].map((touchpointId) => makeQuote({ touchpointId, date: '2026-03-20' })),
      ];
    });

  it('does not count a quote exactly one cadence old as quiet', () => {
    // 2026-01-01 → 2026-04-01 is exactly 90 days.
    expect(mapHealth(withQuoteOn('2026-01-01'), [], NOW).quiet).toEqual([]);
  });

  it('counts a touchpoint whose newest quote is a day older than the cadence as quiet', () => {
    const map = changed(withQuoteOn('2025-12-31'), (m) => {
      m.quotes.push(makeQuote({ touchpointId: 'landing', date: '2025-06-01' }));
    });
    expect(mapHealth(map, [], NOW).quiet).toEqual([
      {
        touchpointId: 'landing',
        title: 'Landing page',
        stage: { id: 'discover', title: 'Discover' },
        channel: { id: 'web', title: 'Website' },
        lastHeard: '2025-12-31',
      },
    ]);
  });

  it('lists never-quoted active touchpoints with lastHeard null, and skips retired ones', () => {
    const map = changed(baseMap(), (m) => {
      m.quotes = [makeQuote({ touchpointId: 'landing', date: '2026-03-01' })];
      find(m.touchpoints, 'refund').status = 'retired';
    });
    const quiet = mapHealth(map, [], NOW).quiet;
    expect(quiet.map((q) => [q.touchpointId, q.lastHeard])).toEqual([
      ['call', null],
      ['checkout', null],
    ]);
  });

  it('gives a card made within the cadence its grace, even without a quote', () => {
    const map = changed(baseMap(), (m) => {
      m.quotes = [];
      find(m.touchpoints, 'call').createdAt = isoDaysBefore(NOW, 89);
      find(m.touchpoints, 'checkout').createdAt = isoDaysBefore(NOW, 91);
    });
    expect(mapHealth(map, [], NOW).quiet.map((q) => q.touchpointId)).toEqual(['landing', 'checkout', 'refund']);
  });

  it("uses the map's cadence, and 90 days when it is unusable", () => {
    const fortyDaysOld = (cadenceDays: number) =>
      changed(withQuoteOn('2026-02-20'), (m) => {
        m.meta.cadenceDays = cadenceDays;
      });
    expect(mapHealth(fortyDaysOld(30), [], NOW).quiet.map((q) => q.touchpointId)).toEqual(['landing']);
    expect(mapHealth(fortyDaysOld(60), [], NOW).quiet).toEqual([]);
    expect(mapHealth(fortyDaysOld(0), [], NOW).cadenceDays).toBe(90);
    expect(mapHealth(fortyDaysOld(Number.NaN), [], NOW).cadenceDays).toBe(90);
  });
});

describe('mapHealth: open notes', () => {
  it('groups notes that are not done by status and by owner, unowned under "unassigned"', () => {
    const map = changed(baseMap(), (m) => {
      m.notes = [
        makeNote({ id: 'n1', touchpointId: 'checkout', status: 'idea', owner: 'Olga' }),
        makeNote({ id: 'n2', touchpointId: 'landing', status: 'planned', owner: '' }),
        makeNote({ id: 'n3', touchpointId: 'call', status: 'inProgress', owner: 'Olga' }),
        makeNote({ id: 'n4', touchpointId: 'call', status: 'done', owner: 'Ivan' }),
        makeNote({ id: 'n5', touchpointId: 'refund', status: 'idea', owner: '  ' }),
      ];
    });
    const { openNotes } = mapHealth(map, [], NOW);
    expect(openNotes.total).toBe(4);
    const ids = (list: { noteId: string }[] | undefined) => list?.map((n) => n.noteId);
    expect(ids(openNotes.byStatus.idea)).toEqual(['n1', 'n5']);
    expect(ids(openNotes.byStatus.planned)).toEqual(['n2']);
    expect(ids(openNotes.byStatus.inProgress)).toEqual(['n3']);
    expect(Object.keys(openNotes.byOwner).sort()).toEqual(['Olga', UNASSIGNED]);
    expect(ids(openNotes.byOwner.Olga)).toEqual(['n3', 'n1']);
    expect(ids(openNotes.byOwner[UNASSIGNED])).toEqual(['n2', 'n5']);
    expect(openNotes.byOwner.Olga?.[1]).toMatchObject({ touchpointId: 'checkout', touchpointTitle: 'Checkout' });
  });

  it('groups owners named like object built-ins like anyone else', () => {
    const map = changed(baseMap(), (m) => {
      m.notes = [
        makeNote({ id: 'p', touchpointId: 'landing', owner: '__proto__' }),
        makeNote({ id: 'c', touchpointId: 'call', owner: 'constructor' }),
      ];
    });
    const { byOwner } = mapHealth(map, [], NOW).openNotes;
    expect(Object.keys(byOwner).sort()).toEqual(['__proto__', 'constructor']);
    expect(byOwner['constructor']).toEqual([expect.objectContaining({ noteId: 'c' })]);
  });

  it('keeps every status group present when nothing is open', () => {
    const map = changed(baseMap(), (m) => {
      find(m.notes, 'slow').status = 'done';
    });
    expect(mapHealth(map, [], NOW).openNotes).toEqual({
      total: 0,
      byStatus: { idea: [], planned: [], inProgress: [] },
      byOwner: {},
    });
  });

  it('leaves out notes whose touchpoint is no longer on the map', () => {
    const map = changed(baseMap(), (m) => {
      m.notes.push(makeNote({ touchpointId: 'gone' }));
    });
    expect(mapHealth(map, [], NOW).openNotes.total).toBe(1);
  });
});

describe('mapHealth: emotion curve', () => {
  it('gives one point per stage in stage order and names the lowest stage', () => {
    const map = changed(baseMap(), (m) => {
      m.stages.reverse(); // stored order must not matter
      Object.assign(find(m.touchpoints, 'landing'), { expectation: 3, perception: 4 }); // +1
      Object.assign(find(m.touchpoints, 'checkout'), { expectation: 4, perception: 2 }); // −2
      Object.assign(find(m.touchpoints, 'refund'), { expectation: 2, perception: 1 }); // −1
    });
    const health = mapHealth(map, [], NOW);
    expect(health.curve).toEqual([
      { stageId: 'discover', title: 'Discover', average: 1, rated: 1 },
      { stageId: 'buy', title: 'Buy', average: -2, rated: 1 },
      { stageId: 'leave', title: 'Leave', average: -1, rated: 1 },
    ]);
    expect(health.lowestStage).toEqual({ stageId: 'buy', title: 'Buy', value: -2 });
  });

  it('names the first stage on a tie', () => {
    const map = changed(baseMap(), (m) => {
      Object.assign(find(m.touchpoints, 'checkout'), { expectation: 3, perception: 2 });
      Object.assign(find(m.touchpoints, 'refund'), { expectation: 3, perception: 2 });
    });
    expect(mapHealth(map, [], NOW).lowestStage?.stageId).toBe('buy');
  });

  it('has no lowest stage when nothing is rated', () => {
    const health = mapHealth(baseMap(), [], NOW);
    expect(health.lowestStage).toBeNull();
    expect(health.curve.every((p) => p.average === null)).toBe(true);
  });

  it('has an empty curve for a map without stages', () => {
    const map = makeSnapshot({ stages: [] });
    expect(mapHealth(map, [], NOW).curve).toEqual([]);
    expect(mapHealth(makeSnapshot({ stages: [makeStage({ id: 's' })] }), [], NOW).lowestStage).toBeNull();
  });
});

describe('mapHealth: review due', () => {
  const createdLongAgo = () =>
    changed(baseMap(), (m) => {
      m.meta.createdAt = '2025-01-01T00:00:00.000Z';
    });

  it('is due for a never-reviewed map older than the cadence', () => {
    const health = mapHealth(createdLongAgo(), [], NOW);
    expect(health).toMatchObject({ lastReviewAt: null, daysSinceLastReview: null, reviewDue: true });
  });

  it('is not due for a never-reviewed map younger than the cadence', () => {
    const young = changed(baseMap(), (m) => {
      m.meta.createdAt = isoDaysBefore(NOW, 10);
    });
    expect(mapHealth(young, [], NOW).reviewDue).toBe(false);
  });

  it('is not due on the day one cadence after the last review, whatever the hour, and due the day after', () => {
    const review = makeReview({ createdAt: '2026-01-01T15:00:00.000Z' }); // 90 days before 2026-04-01
    const lateThatDay = new Date('2026-04-01T23:59:00.000Z');
    expect(mapHealth(createdLongAgo(), [review], lateThatDay)).toMatchObject({
      daysSinceLastReview: 90,
      reviewDue: false,
    });
    const nextDay = new Date('2026-04-02T00:01:00.000Z');
    expect(mapHealth(createdLongAgo(), [review], nextDay)).toMatchObject({ daysSinceLastReview: 91, reviewDue: true });
  });

  it('counts calendar days: a review late yesterday was 1 day ago', () => {
    const review = makeReview({ createdAt: '2026-03-31T23:00:00.000Z' });
    expect(mapHealth(createdLongAgo(), [review], new Date('2026-04-01T00:30:00.000Z')).daysSinceLastReview).toBe(1);
  });

  it('counts from the newest review, whatever the order of the list', () => {
    const reviews = [
      makeReview({ createdAt: isoDaysBefore(NOW, 200) }),
      makeReview({ createdAt: '2026-03-19T12:00:00.000Z' }),
      makeReview({ createdAt: 'not a date' }),
      makeReview({ createdAt: isoDaysBefore(NOW, 95) }),
    ];
    expect(mapHealth(createdLongAgo(), reviews, NOW)).toMatchObject({
      lastReviewAt: '2026-03-19T12:00:00.000Z',
      daysSinceLastReview: 13,
      reviewDue: false,
    });
  });

  it('follows the map cadence', () => {
    const monthly = changed(createdLongAgo(), (m) => {
      m.meta.cadenceDays = 30;
    });
    expect(mapHealth(monthly, [makeReview({ createdAt: isoDaysBefore(NOW, 31) })], NOW).reviewDue).toBe(true);
  });

  it('answers from the figures alone, as the server map list asks it', () => {
    const longAgo = '2025-01-01T00:00:00.000Z';
    expect(isReviewDue(90, longAgo, isoDaysBefore(NOW, 90), NOW)).toBe(false);
    expect(isReviewDue(90, longAgo, isoDaysBefore(NOW, 91), NOW)).toBe(true);
    expect(isReviewDue(90, longAgo, null, NOW)).toBe(true);
    // An unreadable review date counts as no review; a map of unknown age is never due.
    expect(isReviewDue(90, isoDaysBefore(NOW, 10), 'not a date', NOW)).toBe(false);
    expect(isReviewDue(90, '', null, NOW)).toBe(false);
  });
});
