// A small but complete map for format tests: every kind of entity, Cyrillic text, lanes
// whose order differs from their list order, and a saved review.
import type { JourneyMapSnapshot, Review, ReviewChecklist } from '../../../src/domain/types';
import { snapshotToJson } from '../../../src/domain/format/export';
import type { MapFile } from '../../../src/domain/format/types';
import {
  makeChannel,
  makeCell,
  makeConnection,
  makeLayer,
  makeNote,
  makeQuote,
  makeStage,
  makeTouchpoint,
} from '../../fixtures/factories';

export const EXPORTED_AT = '2026-02-01T10:00:00.000Z';

export function sampleSnapshot(): JourneyMapSnapshot {
  return {
    meta: {
      title: 'Покупка тура',
      scenario: 'A family books a summer trip',
      persona: { name: 'Анна, 34', description: 'Two kids, plans ahead', goal: 'A calm holiday' },
      cadenceDays: 90,
      createdAt: '2026-01-01T09:00:00.000Z',
    },
    // Listed out of order on purpose: the file sorts lanes by `order`.
    stages: [
      makeStage({ id: 'st-buy', title: 'Покупает', color: '#0ea5e9', order: 2 }),
      makeStage({ id: 'st-find', title: 'Узнаёт', color: '#6366f1', order: 1 }),
    ],
    channels: [
      makeChannel({ id: 'ch-phone', title: 'Phone', order: 2.5 }),
      makeChannel({ id: 'ch-web', title: 'Website', color: '#0891b2', order: 1 }),
    ],
    touchpoints: [
      makeTouchpoint({ id: 'tp-call', title: 'Звонок в офис', stageId: 'st-buy', channelId: 'ch-phone', order: 1 }),
      makeTouchpoint({
        id: 'tp-pay',
        title: 'Payment page',
        description: 'Card or "invoice", step 3',
        stageId: 'st-buy',
        channelId: 'ch-web',
        order: 1.5,
        status: 'new',
        owner: 'Oleg',
        expectation: 4,
        perception: 2,
      }),
      makeTouchpoint({ id: 'tp-ad', title: 'Реклама', stageId: 'st-find', channelId: 'ch-web', order: 1, status: 'retired' }),
    ],
    connections: [
      makeConnection({ id: 'cn-2', sourceId: 'tp-pay', targetId: 'tp-call' }),
      makeConnection({ id: 'cn-1', sourceId: 'tp-ad', targetId: 'tp-pay' }),
    ],
    notes: [
      makeNote({ id: 'nt-wow', touchpointId: 'tp-pay', kind: 'wow', text: 'Подарок к заказу', votes: 3, owner: 'Мария' }),
      makeNote({ id: 'nt-fix', touchpointId: 'tp-pay', kind: 'fix', text: 'Form, loses data\non back', status: 'inProgress' }),
      makeNote({ id: 'nt-b', touchpointId: 'tp-call', kind: 'planB', text: 'Call back in 1 hour', votes: -1, status: 'done' }),
    ],
    quotes: [
      makeQuote({ id: 'qt-1', touchpointId: 'tp-pay', text: '«Оплата зависла»', sentiment: 'negative', date: '2026-01-20' }),
      makeQuote({
        id: 'qt-2',
        touchpointId: 'tp-ad',
        text: 'Saw it on TV',
        source: 'survey',
        sentiment: 'neutral',
        who: '',
        date: '2025-12-01',
        link: 'https://example.com/survey/1',
      }),
    ],
    // Out of order too; a KPI with a fractional actual, a cell with several lines and one left empty.
    layers: [
      makeLayer({ id: 'ly-kpi', kind: 'kpi', title: 'CSAT', order: 2 }),
      makeLayer({ id: 'ly-do', kind: 'actions', title: 'Что делает', order: 1 }),
      makeLayer({ id: 'ly-back', kind: 'backstage', title: 'Backstage', order: 3, hidden: true }),
    ],
    cells: [
      makeCell({ id: 'cl-kpi-buy', layerId: 'ly-kpi', stageId: 'st-buy', metric: 'CSAT', actual: 3.8, target: 4.5 }),
      makeCell({ id: 'ly-do:st-find', layerId: 'ly-do', stageId: 'st-find', text: 'Ищет тур\nсравнивает цены' }),
      makeCell({ id: 'cl-back', layerId: 'ly-back', stageId: 'st-buy', text: 'CRM creates the booking' }),
    ],
  };
}

export const ticks = (overrides: Partial<ReviewChecklist> = {}): ReviewChecklist => ({
  stillActive: true,
  anythingNew: false,
  fixConsidered: true,
  wowConsidered: false,
  planBConsidered: false,
  voiceFresh: true,
  ...overrides,
});

export function sampleReview(): Review {
  const snapshot = sampleSnapshot();
  snapshot.notes = snapshot.notes.filter((n) => n.kind !== 'planB');
  return {
    id: 'rv-q4',
    name: '2025 Q4',
    summary: 'Payment is the dip',
    createdAt: '2026-01-10T12:00:00.000Z',
    snapshot,
    checklist: { 'tp-pay': ticks(), 'tp-ad': ticks({ stillActive: false }) },
  };
}

/** The sample as a file object, ready to be broken by a test. */
export const sampleFile = (): MapFile => snapshotToJson(sampleSnapshot(), [sampleReview()], EXPORTED_AT);

/** A deep copy as loose JSON, so a test can delete or mistype any field. */
export const looseFile = (): Record<string, unknown> => JSON.parse(JSON.stringify(sampleFile())) as Record<string, unknown>;
