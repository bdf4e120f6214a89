import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addConnection,
  addNote,
  addQuote,
  addTouchpoint,
  deleteTouchpoints,
  moveTouchpoint,
  moveTouchpoints,
  pasteTouchpoints,
  updateTouchpoint,
  voteNote,
} from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { copySelection } from '../../../src/domain/clipboard';
import { NAME_MAX, TEXT_MAX } from '../../../src/domain/limits';
import { addTouchpointAt, exchange, makeMapDoc, makeNote, makeQuote, makeReplica, makeTouchpoint } from '../../fixtures/factories';
import { expectRefused } from '../../fixtures/docAssertions';

const touchpoint = (doc: Y.Doc, id: string) => readSnapshot(doc).touchpoints.find((t) => t.id === id);

/** Titles of a cell's cards, top to bottom. */
const cell = (doc: Y.Doc, stageId: string, channelId: string) =>
  readSnapshot(doc)
    .touchpoints.filter((t) => t.stageId === stageId && t.channelId === channelId)
    .sort((a, b) => a.order - b.order)
    .map((t) => t.title);

const quoteFields = { text: 'Too many forms', source: 'survey', sentiment: 'negative', who: 'Ivan', date: '2026-02-01', link: '' } as const;

describe('addTouchpoint', () => {
  it('adds a new, unrated card at the bottom of its cell', () => {
    const { doc, stages, channels } = makeMapDoc();
    const first = addTouchpoint(doc, { stageId: stages[2]!.id, channelId: channels[0]!.id, title: ' Pay online ' });
    addTouchpoint(doc, { stageId: stages[2]!.id, channelId: channels[0]!.id, title: 'Receipt email' });
    expect(touchpoint(doc, first)).toMatchObject({
      id: first,
      title: 'Pay online',
      description: '',
      stageId: stages[2]!.id,
      channelId: channels[0]!.id,
      status: 'new',
      owner: '',
      expectation: null,
      perception: null,
    });
    expect(cell(doc, stages[2]!.id, channels[0]!.id)).toEqual(['Pay online', 'Receipt email']);
  });

  it('takes a given status', () => {
    const { doc } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0, { status: 'active' });
    expect(touchpoint(doc, id)!.status).toBe('active');
  });

  it('refuses a card without a title or with an unknown status', () => {
    const { doc, stages, channels } = makeMapDoc();
    const at = { stageId: stages[0]!.id, channelId: channels[0]!.id };
    expectRefused(doc, () => addTouchpoint(doc, { ...at, title: '   ' }), 'title', 'required');
    expectRefused(doc, () => addTouchpoint(doc, { ...at, title: 'X', status: 'gone' as never }), 'status', 'notAllowed');
  });

  it('refuses a cell whose stage or channel does not exist', () => {
    const { doc, stages, channels } = makeMapDoc();
    expect(() => addTouchpoint(doc, { stageId: 'nope', channelId: channels[0]!.id, title: 'X' })).toThrow(/stage/);
    expect(() => addTouchpoint(doc, { stageId: stages[0]!.id, channelId: 'nope', title: 'X' })).toThrow(/channel/);
    expect(readSnapshot(doc).touchpoints).toEqual([]);
  });
});

describe('updateTouchpoint', () => {
  it('changes the given fields only', () => {
    const { doc } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0, { title: 'Call centre' });
    updateTouchpoint(doc, id, { description: 'Waiting music', owner: ' Support lead ', expectation: 4, perception: 2 });
    updateTouchpoint(doc, id, { status: 'retired' });
    expect(touchpoint(doc, id)).toMatchObject({
      title: 'Call centre',
      description: 'Waiting music',
      owner: 'Support lead',
      expectation: 4,
      perception: 2,
      status: 'retired',
    });
  });

  it('clears a rating back to "not rated"', () => {
    const { doc } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0);
    updateTouchpoint(doc, id, { expectation: 3 });
    updateTouchpoint(doc, id, { expectation: null });
    expect(touchpoint(doc, id)!.expectation).toBeNull();
  });

  it('writes nothing when nothing changes, so no empty undo step or sync message appears', () => {
    const { doc } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0, { title: 'Same' });
    let updates = 0;
    doc.on('update', () => (updates += 1));
    updateTouchpoint(doc, id, { title: 'Same', expectation: null });
    expect(updates).toBe(0);
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ description: 'x'.repeat(TEXT_MAX + 1) }, 'description'],
    [{ status: 'archived' as never }, 'status'],
    [{ owner: 'x'.repeat(NAME_MAX + 1) }, 'owner'],
    [{ expectation: 0 }, 'expectation'],
    [{ perception: 6 }, 'perception'],
    [{ perception: 2.5 }, 'perception'],
  ])('refuses %o as a whole', (patch, field) => {
    const { doc } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0);
    expectRefused(doc, () => updateTouchpoint(doc, id, { title: 'Valid change', ...patch }), field);
  });

  it('refuses a touchpoint that does not exist', () => {
    const { doc } = makeMapDoc();
    expect(() => updateTouchpoint(doc, 'missing', { title: 'X' })).toThrow(/does not exist/);
  });
});

describe('moveTouchpoints', () => {
  function cellWithThree() {
    const { doc, stages, channels } = makeMapDoc();
    const ids = ['A', 'B', 'C'].map((title) => addTouchpointAt(doc, 0, 0, { title }));
    return { doc, stages, channels, ids, s0: stages[0]!.id, c0: channels[0]!.id };
  }

  it('moves a card to another cell, last by default', () => {
    const { doc, ids, stages, channels, s0, c0 } = cellWithThree();
    addTouchpointAt(doc, 1, 2, { title: 'Z' });
    moveTouchpoint(doc, { id: ids[0]!, stageId: stages[1]!.id, channelId: channels[2]!.id });
    expect(touchpoint(doc, ids[0]!)).toMatchObject({ stageId: stages[1]!.id, channelId: channels[2]!.id });
    expect(cell(doc, stages[1]!.id, channels[2]!.id)).toEqual(['Z', 'A']);
    expect(cell(doc, s0, c0)).toEqual(['B', 'C']);
  });

  it('places a card at an index among the other cards of the cell', () => {
    const { doc, ids, s0, c0 } = cellWithThree();
    moveTouchpoint(doc, { id: ids[0]!, stageId: s0, channelId: c0, index: 1 });
    expect(cell(doc, s0, c0)).toEqual(['B', 'A', 'C']);
    moveTouchpoint(doc, { id: ids[2]!, stageId: s0, channelId: c0, index: 0 });
    expect(cell(doc, s0, c0)).toEqual(['C', 'B', 'A']);
    moveTouchpoint(doc, { id: ids[2]!, stageId: s0, channelId: c0, index: 2 });
    expect(cell(doc, s0, c0)).toEqual(['B', 'A', 'C']);
  });

  it('clamps an index past either end', () => {
    const { doc, ids, s0, c0 } = cellWithThree();
    moveTouchpoint(doc, { id: ids[0]!, stageId: s0, channelId: c0, index: 99 });
    expect(cell(doc, s0, c0)).toEqual(['B', 'C', 'A']);
    moveTouchpoint(doc, { id: ids[0]!, stageId: s0, channelId: c0, index: -3 });
    expect(cell(doc, s0, c0)).toEqual(['A', 'B', 'C']);
  });

  it('moves several cards into one cell in the given sequence, as one update', () => {
    const { doc, ids, stages, channels } = cellWithThree();
    const target = { stageId: stages[3]!.id, channelId: channels[3]!.id };
    addTouchpointAt(doc, 3, 3, { title: 'Z' });
    let updates = 0;
    doc.on('update', () => (updates += 1));
    moveTouchpoints(doc, [
      { id: ids[0]!, ...target, index: 0 },
      { id: ids[1]!, ...target, index: 0 },
      { id: ids[2]!, ...target },
    ]);
    expect(updates).toBe(1);
    expect(cell(doc, target.stageId, target.channelId)).toEqual(['B', 'A', 'Z', 'C']);
  });

  it('refuses the whole move when one target cell does not exist', () => {
    const { doc, ids, stages, channels } = cellWithThree();
    const before = readSnapshot(doc);
    expect(() =>
      moveTouchpoints(doc, [
        { id: ids[0]!, stageId: stages[1]!.id, channelId: channels[1]!.id },
        { id: ids[1]!, stageId: 'gone', channelId: channels[1]!.id },
      ]),
    ).toThrow(/stage/);
    expect(readSnapshot(doc)).toEqual(before);
  });

  it('refuses to move a touchpoint that does not exist', () => {
    const { doc, s0, c0 } = cellWithThree();
    expect(() => moveTouchpoint(doc, { id: 'ghost', stageId: s0, channelId: c0 })).toThrow(/touchpoint/);
  });
});

describe('deleteTouchpoints', () => {
  it('deletes touchpoints with their notes, quotes and every connection touching them', () => {
    const { doc } = makeMapDoc();
    const a = addTouchpointAt(doc, 0, 0);
    const b = addTouchpointAt(doc, 1, 0);
    const c = addTouchpointAt(doc, 2, 0);
    addNote(doc, a, 'fix');
    addNote(doc, b, 'planB');
    addQuote(doc, a, quoteFields);
    addConnection(doc, a, b);
    addConnection(doc, c, a);
    const bc = addConnection(doc, b, c);

    deleteTouchpoints(doc, [a]);

    const snap = readSnapshot(doc);
    expect(snap.touchpoints.map((t) => t.id).sort()).toEqual([b, c].sort());
    expect(snap.notes.map((n) => n.touchpointId)).toEqual([b]);
    expect(snap.quotes).toEqual([]);
    expect(snap.connections.map((x) => x.id)).toEqual([bc]);
  });

  it('deletes several at once in one update', () => {
    const { doc } = makeMapDoc();
    const ids = [addTouchpointAt(doc, 0, 0), addTouchpointAt(doc, 0, 1), addTouchpointAt(doc, 0, 2)];
    let updates = 0;
    doc.on('update', () => (updates += 1));
    deleteTouchpoints(doc, ids.slice(0, 2));
    expect(updates).toBe(1);
    expect(readSnapshot(doc).touchpoints.map((t) => t.id)).toEqual([ids[2]]);
  });

  it('does nothing for an empty list', () => {
    const { doc } = makeMapDoc();
    let updates = 0;
    doc.on('update', () => (updates += 1));
    deleteTouchpoints(doc, []);
    expect(updates).toBe(0);
  });
});

describe('pasteTouchpoints', () => {
  it('copies cards with new ids, their notes, quotes and inner connections', () => {
    const { doc } = makeMapDoc();
    const a = addTouchpointAt(doc, 0, 0, { title: 'Ad' });
    const b = addTouchpointAt(doc, 1, 0, { title: 'Site' });
    updateTouchpoint(doc, a, { expectation: 2, perception: 4, owner: 'Marketing' });
    const note = addNote(doc, a, 'wow', 'Free coffee');
    voteNote(doc, note, 'voter-1', 1);
    addQuote(doc, b, quoteFields);
    addConnection(doc, a, b);

    const payload = copySelection(new Set([a, b]), readSnapshot(doc));
    const pasted = pasteTouchpoints(doc, payload);

    expect(pasted).toHaveLength(2);
    expect(pasted).not.toContain(a);
    const snap = readSnapshot(doc);
    const copyOfA = snap.touchpoints.find((t) => t.id === pasted[0])!;
    expect(copyOfA).toMatchObject({ title: 'Ad', owner: 'Marketing', expectation: 2, perception: 4 });
    expect(cell(doc, copyOfA.stageId, copyOfA.channelId)).toEqual(['Ad', 'Ad']);
    expect(snap.notes.filter((n) => n.touchpointId === pasted[0])).toMatchObject([{ text: 'Free coffee', kind: 'wow', votes: 0 }]);
    expect(snap.quotes.filter((q) => q.touchpointId === pasted[1])).toMatchObject([{ text: 'Too many forms' }]);
    expect(snap.connections.filter((c) => c.sourceId === pasted[0] && c.targetId === pasted[1])).toHaveLength(1);
  });

  it('puts cards from another map whose lanes do not exist here into the first cell', () => {
    const { doc, stages, channels } = makeMapDoc();
    const foreign = makeTouchpoint({ stageId: 'other-map-stage', channelId: 'other-map-channel', title: 'Imported' });
    const [id] = pasteTouchpoints(doc, { touchpoints: [foreign], notes: [], quotes: [], connections: [] });
    expect(touchpoint(doc, id!)).toMatchObject({ stageId: stages[0]!.id, channelId: channels[0]!.id });
  });

  it('pastes nothing into a map without lanes', () => {
    const { doc } = makeMapDoc({ template: 'blank' });
    expect(pasteTouchpoints(doc, { touchpoints: [makeTouchpoint()], notes: [], quotes: [], connections: [] })).toEqual([]);
  });

  it('refuses a payload with one bad touchpoint and writes none of it', () => {
    // Regression: the paste validated inside its transaction, so cards before the bad one stayed.
    const { doc } = makeMapDoc();
    const payload = {
      touchpoints: [makeTouchpoint({ id: 'good', title: 'Fine' }), makeTouchpoint({ id: 'bad', title: '   ' })],
      notes: [],
      quotes: [],
      connections: [],
    };
    expectRefused(doc, () => pasteTouchpoints(doc, payload), 'title');
  });

  it('refuses a payload with a bad note or quote and writes none of it', () => {
    const { doc } = makeMapDoc();
    const tp = makeTouchpoint({ id: 'src' });
    expectRefused(
      doc,
      () =>
        pasteTouchpoints(doc, {
          touchpoints: [tp],
          notes: [makeNote({ touchpointId: 'src', kind: 'rant' as never })],
          quotes: [],
          connections: [],
        }),
      'kind',
    );
    expectRefused(
      doc,
      () =>
        pasteTouchpoints(doc, {
          touchpoints: [tp],
          notes: [],
          quotes: [makeQuote({ touchpointId: 'src', link: 'javascript:alert(1)' })],
          connections: [],
        }),
      'link',
    );
  });
});

describe('concurrent moves', () => {
  it('two people moving one card at once leaves it in a cell one of them chose', () => {
    // Regression: a move wrote only the fields that changed, so one person changing the
    // stage and another the channel merged into a cell neither of them picked.
    const { doc, stages, channels } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0);
    for (let attempt = 0; attempt < 10; attempt++) {
      const olga = makeReplica(doc);
      const ivan = makeReplica(doc);
      const olgasCell = { stageId: stages[3]!.id, channelId: channels[0]!.id };
      const ivansCell = { stageId: stages[0]!.id, channelId: channels[4]!.id };
      moveTouchpoint(olga, { id, ...olgasCell });
      moveTouchpoint(ivan, { id, ...ivansCell });
      exchange(olga, ivan);
      const a = touchpoint(olga, id)!;
      const b = touchpoint(ivan, id)!;
      expect(a).toEqual(b);
      expect([olgasCell, ivansCell]).toContainEqual({ stageId: a.stageId, channelId: a.channelId });
    }
  });
});
