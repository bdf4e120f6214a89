import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, updateNote, voteNote } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { NAME_MAX, TEXT_MAX } from '../../../src/domain/limits';
import { addTouchpointAt, exchange, makeMapDoc, makeReplica } from '../../fixtures/factories';
import { expectRefused } from '../../fixtures/docAssertions';

const note = (doc: Y.Doc, id: string) => readSnapshot(doc).notes.find((n) => n.id === id);

function cardWithNote() {
  const { doc } = makeMapDoc();
  const tp = addTouchpointAt(doc, 0, 0);
  const id = addNote(doc, tp, 'fix', '  Form loses input  ');
  return { doc, tp, id };
}

describe('addNote', () => {
  it.each(['fix', 'wow', 'planB'] as const)('adds a %s note as an idea without votes', (kind) => {
    const { doc } = makeMapDoc();
    const tp = addTouchpointAt(doc, 0, 0);
    const id = addNote(doc, tp, kind);
    expect(note(doc, id)).toMatchObject({ id, touchpointId: tp, kind, text: '', status: 'idea', owner: '', votes: 0 });
  });

  it('trims the text', () => {
    const { doc, id } = cardWithNote();
    expect(note(doc, id)!.text).toBe('Form loses input');
  });

  it('refuses an unknown kind, too long a text, or a missing touchpoint', () => {
    const { doc, tp } = cardWithNote();
    expectRefused(doc, () => addNote(doc, tp, 'idea' as never), 'kind', 'notAllowed');
    expectRefused(doc, () => addNote(doc, tp, 'wow', 'x'.repeat(TEXT_MAX + 1)), 'text', 'tooLong');
    expect(() => addNote(doc, 'ghost', 'fix')).toThrow(/touchpoint/);
  });
});

describe('updateNote', () => {
  it('changes text, status, owner and kind', () => {
    const { doc, id } = cardWithNote();
    updateNote(doc, id, { text: 'Keep the form on reload', status: 'inProgress', owner: 'Web team' });
    updateNote(doc, id, { kind: 'planB' });
    expect(note(doc, id)).toMatchObject({
      text: 'Keep the form on reload',
      status: 'inProgress',
      owner: 'Web team',
      kind: 'planB',
    });
  });

  it.each([
    [{ status: 'finished' as never }, 'status'],
    [{ kind: 'bug' as never }, 'kind'],
    [{ owner: 'x'.repeat(NAME_MAX + 1) }, 'owner'],
    [{ text: 'x'.repeat(TEXT_MAX + 1) }, 'text'],
  ])('refuses %o as a whole', (patch, field) => {
    const { doc, id } = cardWithNote();
    expectRefused(doc, () => updateNote(doc, id, { status: 'done', ...patch }), field);
  });

  it('refuses a note that does not exist', () => {
    const { doc } = cardWithNote();
    expect(() => updateNote(doc, 'ghost', { text: 'x' })).toThrow(/does not exist/);
  });
});

describe('voteNote', () => {
  it('adds up and down votes per voter into a net count', () => {
    const { doc, id } = cardWithNote();
    voteNote(doc, id, 'olga', 1);
    voteNote(doc, id, 'olga', 1);
    voteNote(doc, id, 'ivan', 1);
    voteNote(doc, id, 'petr', -1);
    expect(note(doc, id)!.votes).toBe(2);
  });

  it('adds up concurrent votes cast on two offline peers once they exchange updates', () => {
    const { doc, id } = cardWithNote();
    const olgasLaptop = makeReplica(doc);
    const ivansPhone = makeReplica(doc);
    voteNote(olgasLaptop, id, 'olga', 1);
    voteNote(olgasLaptop, id, 'olga', 1);
    voteNote(ivansPhone, id, 'ivan', 1);
    voteNote(ivansPhone, id, 'petr', -1);
    exchange(olgasLaptop, ivansPhone);
    expect(note(olgasLaptop, id)!.votes).toBe(2);
    expect(note(ivansPhone, id)!.votes).toBe(2);
  });

  it('adds up votes of the same person cast on two devices at once', () => {
    const { doc, id } = cardWithNote();
    const phone = makeReplica(doc);
    const laptop = makeReplica(doc);
    voteNote(phone, id, 'olga', 1);
    voteNote(laptop, id, 'olga', 1);
    exchange(phone, laptop);
    // Both devices wrote olga's tally as 1; the last writer wins, so she counts once, not twice or zero.
    expect(note(phone, id)!.votes).toBe(1);
    expect(note(laptop, id)!.votes).toBe(1);
  });

  it('repairs a note whose votes were lost, instead of failing', () => {
    const { doc, id } = cardWithNote();
    doc.getMap<Y.Map<unknown>>('notes').get(id)!.set('votes', 'oops');
    voteNote(doc, id, 'olga', 1);
    expect(note(doc, id)!.votes).toBe(1);
  });

  it('refuses a note that does not exist', () => {
    const { doc } = cardWithNote();
    expect(() => voteNote(doc, 'ghost', 'olga', 1)).toThrow(/does not exist/);
  });
});

describe('deleteNote', () => {
  it('deletes only that note', () => {
    const { doc, tp, id } = cardWithNote();
    const other = addNote(doc, tp, 'wow');
    deleteNote(doc, id);
    expect(readSnapshot(doc).notes.map((n) => n.id)).toEqual([other]);
    expect(readSnapshot(doc).touchpoints).toHaveLength(1);
  });
});
