import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindMapStore, readMapState, type BoundMapStore } from '../../../src/store/mapStore';
import * as m from '../../../src/doc/mutations';
import { addTouchpointAt, daysBefore, LONG_AGO, makeMapDoc } from '../../fixtures/factories';

const NOW = new Date('2026-06-30T12:00:00Z');
const bound: BoundMapStore[] = [];
afterEach(() => bound.splice(0).forEach((b) => b.dispose()));

function storeFor(doc: Y.Doc) {
  const b = bindMapStore(doc, () => NOW);
  bound.push(b);
  return b.store;
}

const quote = (date = daysBefore(NOW, 5)) =>
  ({ text: 'Nice staff', source: 'interview', sentiment: 'positive', who: 'Anna', date, link: '' }) as const;

/** A map with three cards in different cells, a note and a quote on the first, and a store bound to it. */
function mapWithStore() {
  const { doc, stages, channels } = makeMapDoc();
  const [a, b, c] = [
    addTouchpointAt(doc, 0, 0, { title: 'A', createdAt: LONG_AGO }),
    addTouchpointAt(doc, 1, 0, { title: 'B', createdAt: LONG_AGO }),
    addTouchpointAt(doc, 2, 1, { title: 'C', createdAt: LONG_AGO }),
  ];
  m.addNote(doc, a!, 'fix', 'Broken');
  m.addQuote(doc, a!, quote());
  return { doc, stages, channels, a: a!, b: b!, c: c!, store: storeFor(doc) };
}

describe('bindMapStore reflects every kind of edit', () => {
  it('starts with what the doc holds', () => {
    const { doc, store, a } = mapWithStore();
    expect(store.getState()).toEqual(readMapState(doc, NOW));
    expect(store.getState().cardStats[a]).toEqual({ fix: 1, wow: 0, planB: 0, quotes: 1, quiet: false });
  });

  it('map title, scenario, persona and cadence', () => {
    const { doc, store } = mapWithStore();
    m.setMapTitle(doc, 'Renamed');
    m.setScenario(doc, 'Renewal');
    m.setPersona(doc, { name: 'Olga' });
    m.setCadence(doc, 30);
    expect(store.getState().meta).toMatchObject({ title: 'Renamed', scenario: 'Renewal', persona: { name: 'Olga' }, cadenceDays: 30 });
  });

  it('a shorter cadence turns a card quiet without any quote changing', () => {
    const { doc, store, a } = mapWithStore();
    m.addQuote(doc, a, quote(daysBefore(NOW, 3)));
    const b = addTouchpointAt(doc, 4, 4, { createdAt: LONG_AGO });
    m.addQuote(doc, b, quote(daysBefore(NOW, 40)));
    expect(store.getState().cardStats[b]!.quiet).toBe(false);
    m.setCadence(doc, 30);
    expect(store.getState().cardStats[b]!.quiet).toBe(true);
    expect(store.getState().cardStats[a]!.quiet).toBe(false);
  });

  it('stages and channels: add, rename, recolour, reorder, delete', () => {
    const { doc, store, stages, channels } = mapWithStore();
    const id = m.addLane(doc, 'stage', 'Renew', '#123456');
    expect(store.getState().stages.at(-1)).toMatchObject({ id, title: 'Renew' });
    m.renameLane(doc, 'channel', channels[0]!.id, 'Web');
    m.recolorLane(doc, 'channel', channels[0]!.id, '#abcdef');
    expect(store.getState().channels[0]).toMatchObject({ title: 'Web', color: '#abcdef' });
    m.moveLane(doc, 'stage', id, 0);
    expect(store.getState().stages.map((s) => s.id)[0]).toBe(id);
    m.deleteLane(doc, 'stage', stages[1]!.id);
    expect(store.getState().stages.map((s) => s.id)).not.toContain(stages[1]!.id);
  });

  it('touchpoints: add, update, move, delete with their notes and quotes', () => {
    const { doc, store, stages, a, b } = mapWithStore();
    const d = addTouchpointAt(doc, 3, 3, { title: 'D', createdAt: LONG_AGO });
    expect(store.getState().touchpoints[d]).toMatchObject({ title: 'D' });
    expect(store.getState().cardStats[d]).toEqual({ fix: 0, wow: 0, planB: 0, quotes: 0, quiet: true });
    m.updateTouchpoint(doc, d, { expectation: 2, perception: 5 });
    expect(store.getState().touchpoints[d]).toMatchObject({ expectation: 2, perception: 5 });
    m.moveTouchpoint(doc, { id: b, stageId: stages[5]!.id, channelId: store.getState().touchpoints[b]!.channelId });
    expect(store.getState().touchpoints[b]!.stageId).toBe(stages[5]!.id);
    m.deleteTouchpoints(doc, [a]);
    const s = store.getState();
    expect(s.touchpoints[a]).toBeUndefined();
    expect(s.cardStats[a]).toBeUndefined();
    expect(Object.values(s.notes)).toEqual([]);
    expect(Object.values(s.quotes)).toEqual([]);
  });

  it("a title edit keeps every card's counts as they were", () => {
    const { doc, store, a } = mapWithStore();
    const before = store.getState().cardStats;
    m.updateTouchpoint(doc, a, { title: 'Renamed' });
    expect(store.getState().touchpoints[a]!.title).toBe('Renamed');
    expect(store.getState().cardStats).toBe(before);
    expect(store.getState().cardStats[a]).toEqual({ fix: 1, wow: 0, planB: 0, quotes: 1, quiet: false });
  });

  it('connections: add and delete', () => {
    const { doc, store, a, b } = mapWithStore();
    const id = m.addConnection(doc, a, b)!;
    expect(store.getState().connections[id]).toEqual({ id, sourceId: a, targetId: b });
    m.deleteConnections(doc, [id]);
    expect(store.getState().connections).toEqual({});
  });

  it('notes: add, edit, vote, delete, with the card counts following', () => {
    const { doc, store, b } = mapWithStore();
    const wow = m.addNote(doc, b, 'wow', 'Gift');
    const planB = m.addNote(doc, b, 'planB');
    expect(store.getState().cardStats[b]).toMatchObject({ fix: 0, wow: 1, planB: 1 });
    m.updateNote(doc, wow, { status: 'done', kind: 'fix' });
    expect(store.getState().notes[wow]).toMatchObject({ status: 'done', kind: 'fix' });
    expect(store.getState().cardStats[b]).toMatchObject({ fix: 1, wow: 0, planB: 1 });
    m.voteNote(doc, wow, 'olga', 1);
    m.voteNote(doc, wow, 'ivan', 1);
    expect(store.getState().notes[wow]!.votes).toBe(2);
    m.deleteNote(doc, planB);
    expect(store.getState().notes[planB]).toBeUndefined();
    expect(store.getState().cardStats[b]).toMatchObject({ planB: 0 });
  });

  it('quotes: add, edit, delete, with quiet following the freshest quote', () => {
    const { doc, store, b } = mapWithStore();
    expect(store.getState().cardStats[b]!.quiet).toBe(true);
    const q = m.addQuote(doc, b, quote(daysBefore(NOW, 200)));
    expect(store.getState().cardStats[b]).toMatchObject({ quotes: 1, quiet: true });
    m.updateQuote(doc, q, { date: daysBefore(NOW, 10) });
    expect(store.getState().quotes[q]!.date).toBe(daysBefore(NOW, 10));
    expect(store.getState().cardStats[b]!.quiet).toBe(false);
    m.deleteQuote(doc, q);
    expect(store.getState().cardStats[b]).toMatchObject({ quotes: 0, quiet: true });
  });

  it('a paste adds cards, notes, quotes and connections at once', () => {
    const { doc, store, a, b } = mapWithStore();
    m.addConnection(doc, a, b);
    const s = store.getState();
    const ids = m.pasteTouchpoints(doc, {
      touchpoints: [s.touchpoints[a]!, s.touchpoints[b]!],
      notes: Object.values(s.notes),
      quotes: Object.values(s.quotes),
      connections: Object.values(s.connections),
    });
    const after = store.getState();
    expect(after).toEqual(readMapState(doc, NOW));
    expect(after.cardStats[ids[0]!]).toMatchObject({ fix: 1, quotes: 1 });
  });
});

describe('one edit re-renders one card', () => {
  it('editing one touchpoint keeps every other touchpoint and every card stat object', () => {
    const { doc, store, a, b, c } = mapWithStore();
    const before = store.getState();
    m.updateTouchpoint(doc, b, { title: 'B2' });
    const after = store.getState();
    expect(after.touchpoints[b]).not.toBe(before.touchpoints[b]);
    expect(after.touchpoints[a]).toBe(before.touchpoints[a]);
    expect(after.touchpoints[c]).toBe(before.touchpoints[c]);
    for (const id of [a, b, c]) expect(after.cardStats[id]).toBe(before.cardStats[id]);
    expect(after.stages).toBe(before.stages);
    expect(after.channels).toBe(before.channels);
    expect(after.notes).toBe(before.notes);
    expect(after.meta).toBe(before.meta);
  });

  it("a note on one card changes only that card's stats", () => {
    const { doc, store, a, b, c } = mapWithStore();
    const before = store.getState();
    m.addNote(doc, b, 'wow');
    const after = store.getState();
    expect(after.cardStats[b]).not.toBe(before.cardStats[b]);
    expect(after.cardStats[a]).toBe(before.cardStats[a]);
    expect(after.cardStats[c]).toBe(before.cardStats[c]);
    expect(after.touchpoints).toBe(before.touchpoints);
  });

  it('a vote changes only that note, and no card stats', () => {
    const { doc, store, a, b } = mapWithStore();
    const other = m.addNote(doc, b, 'fix');
    const noteOnA = Object.values(store.getState().notes).find((n) => n.touchpointId === a)!.id;
    const before = store.getState();
    m.voteNote(doc, noteOnA, 'olga', 1);
    const after = store.getState();
    expect(after.notes[noteOnA]!.votes).toBe(1);
    expect(after.notes[other]).toBe(before.notes[other]);
    expect(after.cardStats).toEqual(before.cardStats);
    for (const id of Object.keys(before.cardStats)) expect(after.cardStats[id]).toBe(before.cardStats[id]);
  });

  it('moving one card keeps the other cards', () => {
    const { doc, store, stages, a, b, c } = mapWithStore();
    const before = store.getState();
    m.moveTouchpoint(doc, { id: a, stageId: stages[4]!.id, channelId: before.touchpoints[a]!.channelId });
    const after = store.getState();
    expect(after.touchpoints[b]).toBe(before.touchpoints[b]);
    expect(after.touchpoints[c]).toBe(before.touchpoints[c]);
    expect(after.cardStats[a]).toBe(before.cardStats[a]);
  });

  it('renaming a stage keeps the other stages', () => {
    const { doc, store, stages } = mapWithStore();
    const before = store.getState();
    m.renameLane(doc, 'stage', stages[2]!.id, 'Pay');
    const after = store.getState();
    expect(after.stages[2]!.title).toBe('Pay');
    expect(after.stages[0]).toBe(before.stages[0]);
    expect(after.touchpoints).toBe(before.touchpoints);
  });
});

describe('remote edits and disposal', () => {
  it('updates from another peer reach the store', () => {
    const { doc, store, a } = mapWithStore();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u, 'remote'));
    m.updateTouchpoint(remote, a, { title: 'Renamed remotely' });
    m.addNote(remote, a, 'planB', 'Call back within an hour');
    m.setMapTitle(remote, 'Remote title');
    const s = store.getState();
    expect(s.touchpoints[a]!.title).toBe('Renamed remotely');
    expect(s.cardStats[a]).toMatchObject({ planB: 1 });
    expect(s.meta.title).toBe('Remote title');
    expect(s).toEqual(readMapState(doc, NOW));
  });

  it('stays in step through a long random sequence of edits', () => {
    const { doc, store, stages, channels } = mapWithStore();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 300; i++) {
      const ids = Object.keys(store.getState().touchpoints);
      const pick = ids[rand(Math.max(1, ids.length))];
      switch (rand(6)) {
        case 0:
          addTouchpointAt(doc, rand(stages.length), rand(channels.length));
          break;
        case 1:
          if (pick) m.updateTouchpoint(doc, pick, { perception: 1 + rand(5) });
          break;
        case 2:
          if (pick) m.moveTouchpoint(doc, { id: pick, stageId: stages[rand(stages.length)]!.id, channelId: channels[rand(channels.length)]!.id, index: rand(3) });
          break;
        case 3:
          if (pick) m.addNote(doc, pick, (['fix', 'wow', 'planB'] as const)[rand(3)]!);
          break;
        case 4:
          if (pick) m.addQuote(doc, pick, quote(daysBefore(NOW, rand(200))));
          break;
        case 5:
          if (pick && rand(3) === 0) m.deleteTouchpoints(doc, [pick]);
          break;
      }
    }
    expect(store.getState()).toEqual(readMapState(doc, NOW));
  });

  it('stops following the doc after dispose', () => {
    const { doc } = makeMapDoc();
    const b = bindMapStore(doc, () => NOW);
    b.dispose();
    const before = b.store.getState();
    m.setMapTitle(doc, 'After dispose');
    addTouchpointAt(doc, 0, 0);
    expect(b.store.getState()).toBe(before);
  });
});
