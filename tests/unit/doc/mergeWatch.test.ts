import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putBack, readSavedOwnWrites, watchMerges, type LostWrite, type SavedOwnWrite } from '../../../src/doc/mergeWatch';
import { addNote, updateNote, updateTouchpoint, setMapTitle } from '../../../src/doc/mutations';
import { createUndoManager } from '../../../src/doc/undo';
import { readSnapshot } from '../../../src/doc/read';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';

/** Two clients of one map, synced once, with fixed client ids (the larger one wins a tie in Yjs). */
function twoClients() {
  const { doc: a } = makeMapDoc();
  const card = addTouchpointAt(a, 0, 0, { title: 'Call' });
  const b = new Y.Doc();
  a.clientID = 10;
  b.clientID = 20;
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
  const lostAt = { a: [] as LostWrite[], b: [] as LostWrite[] };
  watchMerges(a, (lost) => lostAt.a.push(...lost));
  watchMerges(b, (lost) => lostAt.b.push(...lost));
  /** Each side sends the other what it lacks, as a reconnect does. */
  const sync = () => {
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, toB, 'remote');
    Y.applyUpdate(a, toA, 'remote');
  };
  return { a, b, card, lostAt, sync };
}

const titleOf = (doc: Y.Doc, id: string) => readSnapshot(doc).touchpoints.find((t) => t.id === id)?.title;

describe('merge notices', () => {
  it('tells the client whose concurrent rename lost what it had and who replaced it; the winner hears nothing', () => {
    const { a, b, card, lostAt, sync } = twoClients();
    updateTouchpoint(b, card, { title: 'Call me' }); // offline
    updateTouchpoint(a, card, { title: 'Ring me' }); // online, later
    sync();
    expect(titleOf(a, card)).toBe('Call me');
    expect(titleOf(b, card)).toBe('Call me');
    expect(lostAt.a).toEqual([
      { place: 'touchpoints', entityId: card, field: 'title', mine: 'Ring me', theirs: 'Call me', byClient: 20, touchpointId: card },
    ]);
    expect(lostAt.b).toEqual([]);
  });

  it('says nothing when the other person had seen my value before changing it', () => {
    const { a, b, card, lostAt, sync } = twoClients();
    updateTouchpoint(a, card, { title: 'Ring me' });
    sync();
    updateTouchpoint(b, card, { title: 'Ring me back' });
    sync();
    expect(titleOf(a, card)).toBe('Ring me back');
    expect(lostAt).toEqual({ a: [], b: [] });
  });

  it('says nothing when both set the same text, or edited different fields', () => {
    const { a, b, card, lostAt, sync } = twoClients();
    updateTouchpoint(a, card, { title: 'Same', owner: 'Olga' });
    updateTouchpoint(b, card, { title: 'Same', description: 'Slow' });
    sync();
    expect(lostAt).toEqual({ a: [], b: [] });
  });

  it('names the card of a lost note text, and the map for a lost map title', () => {
    const { a, b, card, lostAt, sync } = twoClients();
    const note = addNote(a, card, 'fix', 'Slow');
    sync();
    updateNote(a, note, { text: 'Too slow' });
    setMapTitle(a, 'Mine');
    updateNote(b, note, { text: 'Very slow' });
    setMapTitle(b, 'Theirs');
    sync();
    expect(lostAt.a.map((l) => [l.place, l.field, l.mine, l.theirs, l.touchpointId])).toEqual(
      expect.arrayContaining([
        ['notes', 'text', 'Too slow', 'Very slow', card],
        ['meta', 'title', 'Mine', 'Theirs', null],
      ]),
    );
    expect(lostAt.a).toHaveLength(2);
  });

  it('puts mine back as a new edit that reaches the other client, is undoable, and is not reported again', () => {
    const { a, b, card, lostAt, sync } = twoClients();
    const undo = createUndoManager(a);
    updateTouchpoint(b, card, { title: 'Call me' });
    updateTouchpoint(a, card, { title: 'Ring me' });
    sync();
    undo.stopCapturing();
    putBack(a, lostAt.a[0]!);
    sync();
    expect(titleOf(a, card)).toBe('Ring me');
    expect(titleOf(b, card)).toBe('Ring me');
    expect(lostAt.a).toHaveLength(1);
    expect(lostAt.b).toEqual([]); // B had seen its own value replaced knowingly: no notice
    undo.undo();
    sync();
    expect(titleOf(b, card)).toBe('Call me');
  });

  it('remembers my writes across a reload while offline (saved records, a new client id)', () => {
    const { doc: a } = makeMapDoc();
    a.clientID = 10;
    const card = addTouchpointAt(a, 0, 0, { title: 'Call' });
    const b = new Y.Doc();
    b.clientID = 20;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
    let saved: SavedOwnWrite[] = [];
    const stop = watchMerges(a, () => undefined, { onSave: (writes) => (saved = writes) });
    updateTouchpoint(a, card, { title: 'Ring me' }); // offline, then the tab reloads
    stop();
    const kept = JSON.parse(JSON.stringify(saved)) as unknown;

    const reloaded = new Y.Doc(); // a new client id, the cached state
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(a), 'cache');
    const lost: LostWrite[] = [];
    watchMerges(reloaded, (l) => lost.push(...l), { saved: readSavedOwnWrites(kept) });
    updateTouchpoint(b, card, { title: 'Call me' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(reloaded, Y.encodeStateVector(b)), 'remote');
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(b, Y.encodeStateVector(reloaded)), 'remote');
    expect(titleOf(reloaded, card)).toBe('Call me');
    expect(lost.map((l) => [l.mine, l.theirs, l.byClient])).toEqual([['Ring me', 'Call me', 20]]);
  });

  it('drops malformed saved records instead of trusting them', () => {
    expect(readSavedOwnWrites([{ key: 'k', value: 'v', client: 1, clock: 2 }, { key: 'k' }, null, 'x'])).toEqual([
      { key: 'k', value: 'v', client: 1, clock: 2 },
    ]);
    expect(readSavedOwnWrites({ not: 'a list' })).toEqual([]);
  });
});
