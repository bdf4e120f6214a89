// Fixtures for review tests: a small, readable map and a way to derive "the map three months later"
// from it, so each test states only the change it is about.
import type { JourneyMapSnapshot, MapMeta, Review, ReviewChecklist } from '../../../src/domain/types';
import { makeCell, makeChannel, makeLayer, makeNote, makeQuote, makeStage, makeTouchpoint } from '../../fixtures/factories';

export { makeCell, makeChannel, makeLayer, makeNote, makeQuote, makeStage, makeTouchpoint };

export const makeMeta = (overrides: Partial<MapMeta> = {}): MapMeta => ({
  title: 'Online shop',
  scenario: 'First order',
  persona: { name: 'Anna', description: '', goal: 'Buy a gift' },
  cadenceDays: 90,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

type SnapshotParts = Partial<Omit<JourneyMapSnapshot, 'meta'>> & { meta?: Partial<MapMeta> };

/** An empty map unless parts are given. */
export const makeSnapshot = ({ meta, ...parts }: SnapshotParts = {}): JourneyMapSnapshot => ({
  meta: makeMeta(meta),
  stages: [],
  channels: [],
  touchpoints: [],
  connections: [],
  notes: [],
  quotes: [],
  layers: [],
  cells: [],
  ...parts,
});

/**
 * Stages Discover → Buy → Leave, channels Website and Phone, four touchpoints:
 *   landing (Discover × Website), call (Discover × Phone), checkout (Buy × Website), refund (Leave × Phone);
 * one Fix note on checkout and one quote on landing.
 */
/** The base map's cards were made well before any test's "now", so none is in its creation grace. */
const MADE_LONG_AGO = '2025-01-01T00:00:00.000Z';

export function baseMap(): JourneyMapSnapshot {
  return makeSnapshot({
    stages: [
      makeStage({ id: 'discover', title: 'Discover', order: 1 }),
      makeStage({ id: 'buy', title: 'Buy', order: 2 }),
      makeStage({ id: 'leave', title: 'Leave', order: 3 }),
    ],
    channels: [
      makeChannel({ id: 'web', title: 'Website', order: 1 }),
      makeChannel({ id: 'phone', title: 'Phone', order: 2 }),
    ],
    touchpoints: [
      makeTouchpoint({ id: 'landing', title: 'Landing page', stageId: 'discover', channelId: 'web', createdAt: MADE_LONG_AGO }),
      makeTouchpoint({ id: 'call', title: 'Sales call', stageId: 'discover', channelId: 'phone', createdAt: MADE_LONG_AGO }),
      makeTouchpoint({ id: 'checkout', title: 'Checkout', stageId: 'buy', channelId: 'web', createdAt: MADE_LONG_AGO }),
      makeTouchpoint({ id: 'refund', title: 'Refund call', stageId: 'leave', channelId: 'phone', createdAt: MADE_LONG_AGO }),
    ],
    notes: [makeNote({ id: 'slow', touchpointId: 'checkout', kind: 'fix', text: 'Slow checkout' })],
    quotes: [makeQuote({ id: 'price', touchpointId: 'landing', text: 'Where is the price?' })],
  });
}

/** A deep copy of `snapshot` changed by `edit`: the original stays as "before". */
export function changed(snapshot: JourneyMapSnapshot, edit: (draft: JourneyMapSnapshot) => void): JourneyMapSnapshot {
  const draft = structuredClone(snapshot);
  edit(draft);
  return draft;
}

/** The entity with this id inside a draft, to edit in place; fails loudly when a fixture is wrong. */
export function find<T extends { id: string }>(items: T[], id: string): T {
  const item = items.find((x) => x.id === id);
  if (!item) throw new Error(`fixture has no ${id}`);
  return item;
}

export function remove<T extends { id: string }>(items: T[], id: string): void {
  items.splice(items.indexOf(find(items, id)), 1);
}

export const makeChecklist = (overrides: Partial<ReviewChecklist> = {}): ReviewChecklist => ({
  stillActive: false,
  anythingNew: false,
  fixConsidered: false,
  wowConsidered: false,
  planBConsidered: false,
  voiceFresh: false,
  ...overrides,
});

export const fullChecklist = (): ReviewChecklist =>
  makeChecklist({
    stillActive: true,
    anythingNew: true,
    fixConsidered: true,
    wowConsidered: true,
    planBConsidered: true,
    voiceFresh: true,
  });

export const makeReview = (overrides: Partial<Review> = {}): Review => ({
  id: `review-${overrides.createdAt ?? 'x'}`,
  name: '2026 Q1',
  summary: '',
  createdAt: '2026-03-31T12:00:00.000Z',
  snapshot: makeSnapshot(),
  checklist: {},
  ...overrides,
});

/** `days` whole days before `now`, as an ISO timestamp (a review's createdAt). */
export const isoDaysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
