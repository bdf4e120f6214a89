// The deck model: what the slides, the PDF and the PowerPoint all say, in the order a presenter
// walks the map.
import { describe, expect, it } from 'vitest';
import { buildDeck, deckSlides } from '../../../src/domain/present/deck';
import type { JourneyMapSnapshot } from '../../../src/domain/types';
import { makeChannel, makeNote, makeQuote, makeStage, makeTouchpoint } from '../../fixtures/factories';
import { buildPresentMap } from '../../fixtures/presentMap';

const NOW = new Date('2026-12-07T12:00:00Z');

function snapshotOf(parts: Partial<JourneyMapSnapshot>): JourneyMapSnapshot {
  return {
    meta: {
      title: 'Checkout',
      scenario: 'Buys a phone online',
      cadenceDays: 90,
      createdAt: '2026-01-01T00:00:00.000Z',
      persona: { name: 'Anna', description: 'Busy parent', goal: 'A phone by Friday', quote: 'Just tell me when it comes', photo: '' },
    },
    stages: [],
    channels: [],
    touchpoints: [],
    connections: [],
    notes: [],
    quotes: [],
    layers: [],
    cells: [],
    ...parts,
  };
}

describe('buildDeck', () => {
  it('walks stages in their order with their touchpoints in map order, leaving off cards with no lane', () => {
    const buy = makeStage({ id: 's-buy', title: 'Buy', order: 2 });
    const find = makeStage({ id: 's-find', title: 'Find', order: 1 });
    const web = makeChannel({ id: 'c-web', title: 'Website', order: 1 });
    const phone = makeChannel({ id: 'c-phone', title: 'Phone', order: 2 });
    const snapshot = snapshotOf({
      stages: [buy, find],
      channels: [phone, web],
      touchpoints: [
        makeTouchpoint({ id: 'call', title: 'Call', stageId: 's-find', channelId: 'c-phone' }),
        makeTouchpoint({ id: 'ad', title: 'Ad', stageId: 's-find', channelId: 'c-web' }),
        makeTouchpoint({ id: 'pay', title: 'Pay', stageId: 's-buy', channelId: 'c-web' }),
        makeTouchpoint({ id: 'lost', title: 'Lost', stageId: 'gone', channelId: 'c-web' }),
      ],
    });
    const deck = buildDeck({ snapshot, now: NOW });
    expect(deck.stages.map((s) => [s.number, s.title, s.touchpoints.map((tp) => tp.title)])).toEqual([
      [1, 'Find', ['Ad', 'Call']],
      [2, 'Buy', ['Pay']],
    ]);
    expect(deck.stages[0]!.touchpoints[1]!.channelTitle).toBe('Phone');
    expect(deck.health.touchpoints).toBe(3);
    expect(deck).toMatchObject({ title: 'Checkout', scenario: 'Buys a phone online', persona: { name: 'Anna' }, date: NOW.toISOString() });
  });

  it('orders notes open first then by votes, quotes newest first, and picks the top note of each kind', () => {
    const snapshot = snapshotOf({
      stages: [makeStage({ id: 's' })],
      channels: [makeChannel({ id: 'c' })],
      touchpoints: [makeTouchpoint({ id: 'tp', stageId: 's', channelId: 'c', expectation: 4, perception: 1 })],
      notes: [
        makeNote({ id: 'done-many', touchpointId: 'tp', kind: 'fix', status: 'done', votes: 9 }),
        makeNote({ id: 'open-few', touchpointId: 'tp', kind: 'fix', status: 'idea', votes: 1 }),
        makeNote({ id: 'open-more', touchpointId: 'tp', kind: 'fix', status: 'planned', votes: 3 }),
        makeNote({ id: 'wow', touchpointId: 'tp', kind: 'wow', votes: 0 }),
      ],
      quotes: [
        makeQuote({ id: 'old', touchpointId: 'tp', date: '2026-01-01' }),
        makeQuote({ id: 'new', touchpointId: 'tp', date: '2026-11-30' }),
      ],
    });
    const tp = buildDeck({ snapshot, now: NOW }).stages[0]!.touchpoints[0]!;
    expect(tp.notes.map((n) => n.id)).toEqual(['open-more', 'open-few', 'wow', 'done-many']);
    expect(tp.topNotes.fix?.id).toBe('open-more');
    expect(tp.topNotes.wow?.id).toBe('wow');
    expect(tp.topNotes.planB).toBeUndefined();
    expect(tp.quotes.map((q) => q.id)).toEqual(['new', 'old']);
    expect(tp.satisfaction).toBe(-3);
  });

  it("draws each stage's stretch of the curve from its rated, non-retired touchpoints", () => {
    const snapshot = snapshotOf({
      stages: [makeStage({ id: 's' }), makeStage({ id: 'empty', order: 2 })],
      channels: [makeChannel({ id: 'c' })],
      touchpoints: [
        makeTouchpoint({ id: 'a', title: 'A', stageId: 's', channelId: 'c', order: 1, expectation: 2, perception: 4 }),
        makeTouchpoint({ id: 'b', title: 'B', stageId: 's', channelId: 'c', order: 2, expectation: 3, perception: 2 }),
        makeTouchpoint({ id: 'r', title: 'R', stageId: 's', channelId: 'c', order: 3, status: 'retired', expectation: 5, perception: 1 }),
        makeTouchpoint({ id: 'u', title: 'U', stageId: 's', channelId: 'c', order: 4 }),
      ],
    });
    const [stage, empty] = buildDeck({ snapshot, now: NOW }).stages;
    expect(stage!.curve).toEqual([
      { touchpointId: 'a', title: 'A', value: 2 },
      { touchpointId: 'b', title: 'B', value: -1 },
    ]);
    expect(stage!.average).toBe(0.5);
    expect(empty!.curve).toEqual([]);
    expect(empty!.average).toBeNull();
  });

  it('puts every note in the action plan, most votes first, with where it is', () => {
    const snapshot = snapshotOf({
      stages: [makeStage({ id: 's', title: 'Buy' })],
      channels: [makeChannel({ id: 'c', title: 'Web' })],
      touchpoints: [makeTouchpoint({ id: 'tp', title: 'Pay', stageId: 's', channelId: 'c' })],
      notes: [
        makeNote({ id: 'one', touchpointId: 'tp', votes: 1 }),
        makeNote({ id: 'five', touchpointId: 'tp', votes: 5, kind: 'wow' }),
        makeNote({ id: 'dangling', touchpointId: 'nowhere', votes: 50 }),
      ],
    });
    const plan = buildDeck({ snapshot, now: NOW }).actionPlan;
    expect(plan.map((n) => [n.id, n.votes, n.touchpointTitle, n.stageTitle, n.channelTitle])).toEqual([
      ['five', 5, 'Pay', 'Buy', 'Web'],
      ['one', 1, 'Pay', 'Buy', 'Web'],
    ]);
  });

  it('adds layer cells and KPIs to their stage, in layer order, and says whether a KPI meets its target', () => {
    const snapshot = snapshotOf({ stages: [makeStage({ id: 's' })], channels: [makeChannel({ id: 'c' })] });
    const deck = buildDeck({
      snapshot,
      now: NOW,
      layers: [
        { id: 'kpi', kind: 'kpi', title: 'KPI', order: 3 },
        { id: 'pains', kind: 'pains', title: 'Pains', order: 2 },
        { id: 'does', kind: 'actions', title: 'Does', order: 1 },
        { id: 'hidden', kind: 'text', title: 'Hidden', order: 4, hidden: true },
      ],
      cells: [
        { layerId: 'pains', stageId: 's', text: 'Hidden fees' },
        { layerId: 'does', stageId: 's', text: 'Compares offers' },
        { layerId: 'does', stageId: 'other', text: 'Elsewhere' },
        { layerId: 'pains', stageId: 's', text: '   ' },
        { layerId: 'kpi', stageId: 's', text: '', metric: 'NPS', actual: 31, target: 40 },
        { layerId: 'hidden', stageId: 's', text: 'Not shown' },
      ],
    });
    const stage = deck.stages[0]!;
    expect(stage.cells.map((c) => [c.layerTitle, c.text])).toEqual([
      ['Does', 'Compares offers'],
      ['Pains', 'Hidden fees'],
    ]);
    expect(stage.kpis).toEqual([{ layerId: 'kpi', layerTitle: 'KPI', metric: 'NPS', actual: 31, target: 40, onTarget: false }]);
  });

  it("tells the last review's summary and what changed since the review before it", () => {
    const map = buildPresentMap();
    const withOne = buildDeck({ snapshot: map.snapshot, reviews: map.reviews, now: NOW });
    expect(withOne.review).toMatchObject({ name: '2026 III квартал', comparedWith: { kind: 'now' }, added: ['Письмо с графиком платежей'] });
    expect(withOne.health.lastReviewAt).toBe('2026-09-30T10:00:00.000Z');

    const later = { ...map.reviews[0]!, id: 'rv-q4', name: '2026 Q4', createdAt: '2026-12-01T10:00:00.000Z', snapshot: map.snapshot };
    const withTwo = buildDeck({ snapshot: map.snapshot, reviews: [later, map.reviews[0]!], now: NOW });
    expect(withTwo.review).toMatchObject({
      name: '2026 Q4',
      comparedWith: { kind: 'previousReview', name: '2026 III квартал' },
      added: ['Письмо с графиком платежей'],
    });
    expect(withTwo.review!.counts.touchpointsAdded).toBe(1);
    expect(buildDeck({ snapshot: map.snapshot, now: NOW }).review).toBeNull();
  });

  it("reads the map's own layers and cells when none are given", () => {
    const map = buildPresentMap();
    const stage = buildDeck({ snapshot: map.snapshot, now: NOW }).stages[1]!;
    expect(stage.cells.map((c) => c.text)).toContain('Сравнивает ставки трёх банков');
    expect(stage.kpis).toEqual([expect.objectContaining({ metric: 'CSAT', actual: 3.1, target: 4, onTarget: false })]);
  });

  it('titles a review deck with the name it is given', () => {
    const map = buildPresentMap();
    expect(buildDeck({ snapshot: map.snapshot, now: NOW, title: 'Q3 review' }).title).toBe('Q3 review');
  });
});

describe('deckSlides', () => {
  it('is the cover, a slide per stage, the action plan, and the review when there is one', () => {
    const map = buildPresentMap();
    const deck = buildDeck({ snapshot: map.snapshot, reviews: map.reviews, now: NOW });
    const slides = deckSlides(deck);
    expect(slides.map((s) => s.kind)).toEqual(['cover', ...deck.stages.map(() => 'stage'), 'actionPlan', 'review']);
    expect(deckSlides({ stages: [], review: null }).map((s) => s.kind)).toEqual(['cover', 'actionPlan']);
  });
});
