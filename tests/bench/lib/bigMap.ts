// Generated journey maps of benchmark size: 8 stages × 10 channels, and per touchpoint three
// notes, one quote and 1.25 connections (2,000 touchpoints → 6,000 notes, 2,000 quotes,
// 2,500 connections). Seeded, so every run measures the same map. Written through
// applySnapshot: the same path an imported file takes into a doc.
import * as Y from 'yjs';
import { applySnapshot } from '../../../src/doc/snapshot';
import {
  NOTE_KINDS,
  NOTE_STATUSES,
  QUOTE_SOURCES,
  SENTIMENTS,
  type Channel,
  type Connection,
  type JourneyMapSnapshot,
  type Note,
  type Quote,
  type Stage,
  type Touchpoint,
} from '../../../src/domain/types';
import { mulberry32 } from '../../fixtures/random';

export const STAGE_COUNT = 8;
export const CHANNEL_COUNT = 10;

const STAGE_TITLES = ['Discover', 'Research', 'Choose', 'Buy', 'Receive', 'Use', 'Get help', 'Leave'];
const CHANNEL_TITLES = ['Website', 'Mobile app', 'Phone', 'Office', 'Chat', 'Email', 'Social', 'Partner', 'Courier', 'Mail'];
const COLORS = ['#6366f1', '#0ea5e9', '#14b8a6', '#22c55e', '#eab308', '#f97316', '#ef4444', '#a855f7', '#64748b', '#ec4899'];
const WORDS = ['price', 'delivery', 'form', 'login', 'callback', 'refund', 'queue', 'manager', 'tariff', 'contract', 'card', 'bonus'];

export interface BigMapCounts {
  touchpoints: number;
  notes: number;
  quotes: number;
  connections: number;
}

export const countsFor = (touchpoints: number): BigMapCounts => ({
  touchpoints,
  notes: touchpoints * 3,
  quotes: touchpoints,
  connections: Math.round(touchpoints * 1.25),
});

const DAY = 86_400_000;

export function bigMapSnapshot(counts: BigMapCounts, seed = 7): JourneyMapSnapshot {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const phrase = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const createdAt = '2026-01-10T09:00:00.000Z';
  const now = Date.parse('2026-06-01T00:00:00.000Z');

  const stages: Stage[] = STAGE_TITLES.map((title, i) => ({ id: `stage${i}`, title, color: COLORS[i]!, order: i + 1, owner: '' }));
  const channels: Channel[] = CHANNEL_TITLES.map((title, i) => ({ id: `channel${i}`, title, color: COLORS[i]!, order: i + 1, owner: '' }));

  const perCell = new Map<string, number>();
  const touchpoints: Touchpoint[] = [];
  for (let i = 0; i < counts.touchpoints; i++) {
    const stageId = pick(stages).id;
    const channelId = pick(channels).id;
    const cell = `${stageId}/${channelId}`;
    const order = (perCell.get(cell) ?? 0) + 1;
    perCell.set(cell, order);
    const rated = random() < 0.8;
    touchpoints.push({
      id: `tp${i}`,
      title: `Touchpoint ${i}: ${phrase(3)}`,
      description: `The customer deals with the ${phrase(6)}.`,
      stageId,
      channelId,
      order,
      status: random() < 0.85 ? 'active' : random() < 0.5 ? 'new' : 'retired',
      owner: random() < 0.5 ? 'Support team' : '',
      expectation: rated ? 1 + Math.floor(random() * 5) : null,
      perception: rated ? 1 + Math.floor(random() * 5) : null,
      createdAt,
    });
  }

  const notes: Note[] = [];
  for (let i = 0; i < counts.notes; i++) {
    notes.push({
      id: `note${i}`,
      touchpointId: touchpoints[i % touchpoints.length]!.id,
      kind: NOTE_KINDS[i % NOTE_KINDS.length]!,
      text: `Make the ${phrase(4)} simpler`,
      status: pick(NOTE_STATUSES),
      owner: random() < 0.3 ? 'Anna' : '',
      votes: Math.floor(random() * 6),
      createdAt,
    });
  }

  const quotes: Quote[] = [];
  for (let i = 0; i < counts.quotes; i++) {
    const date = new Date(now - Math.floor(random() * 200) * DAY).toISOString().slice(0, 10);
    quotes.push({
      id: `quote${i}`,
      touchpointId: pick(touchpoints).id,
      text: `I could not understand the ${phrase(5)}.`,
      source: pick(QUOTE_SOURCES),
      sentiment: pick(SENTIMENTS),
      who: 'Customer, 34',
      date,
      link: '',
      createdAt,
    });
  }

  const connections: Connection[] = [];
  const seen = new Set<string>();
  while (connections.length < counts.connections && touchpoints.length > 1) {
    const source = pick(touchpoints).id;
    const target = pick(touchpoints).id;
    const key = `${source}>${target}`;
    if (source === target || seen.has(key)) continue;
    seen.add(key);
    connections.push({ id: `conn${connections.length}`, sourceId: source, targetId: target });
  }

  return {
    meta: {
      title: `Benchmark map (${counts.touchpoints} touchpoints)`,
      scenario: 'A customer buys a tariff online and gets help by phone',
      persona: { name: 'Anna', description: 'Busy professional', goal: 'Get connected quickly' },
      cadenceDays: 90,
      createdAt,
    },
    stages,
    channels,
    touchpoints,
    connections,
    notes,
    quotes,
    layers: [],
    cells: [],
  };
}

export function bigMapDoc(touchpoints: number, seed = 7): Y.Doc {
  const doc = new Y.Doc();
  applySnapshot(doc, bigMapSnapshot(countsFor(touchpoints), seed));
  return doc;
}
