// Comment threads: commands on two replicas, the file round trip, @mentions and the panel's
// filters and "new since your last visit" marks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addComment,
  deleteComment,
  editComment,
  NotYourCommentError,
  replyToComment,
  setThreadResolved,
} from '../../../src/doc/comments';
import { setCell } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { applySnapshot } from '../../../src/doc/snapshot';
import { createUndoManager } from '../../../src/doc/undo';
import { filterThreads, isNewSince, mentionQueryAt, mentionsIn, splitMentions, threadsOf } from '../../../src/domain/comments';
import { exportMapJson, parseMapJson } from '../../../src/domain/format';
import type { Comment } from '../../../src/domain/types';
import * as Y from 'yjs';
import { addTouchpointAt, exchange, makeMapDoc, makeReplica } from '../../fixtures/factories';

const ANNA = 'anna-id';
const BORIS = 'boris-id';

const texts = (doc: Y.Doc) =>
  threadsOf(readSnapshot(doc).comments ?? []).map((t) => [t.root.text, t.root.resolved, t.replies.map((r) => r.text)]);

describe('comment commands', () => {
  afterEach(() => vi.useRealTimers());

  it('a thread and replies written on two offline replicas merge into one thread with both replies', () => {
    const { doc } = makeMapDoc();
    const card = addTouchpointAt(doc, 0, 0, { title: 'Checkout' });
    const thread = addComment(doc, ANNA, 'Anna', { touchpointId: card }, 'Why is this step slow?');
    const other = makeReplica(doc);
    replyToComment(doc, ANNA, 'Anna', thread, 'It loads three scripts');
    replyToComment(other, BORIS, 'Boris', thread, '@Anna we measured 4 s');
    exchange(doc, other);
    for (const d of [doc, other]) {
      const [t] = threadsOf(readSnapshot(d).comments ?? []);
      expect(t!.replies.map((r) => r.authorName).sort()).toEqual(['Anna', 'Boris']);
    }
    const byId = (d: Y.Doc) => [...(readSnapshot(d).comments ?? [])].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId(doc)).toEqual(byId(other));
  });

  it('only the author edits or deletes a comment; a reply to a reply answers the thread; replying reopens', () => {
    // Replies are ordered by when they were written: a second between them, not the same millisecond.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const later = () => vi.setSystemTime(Date.now() + 1000);
    const { doc } = makeMapDoc();
    const card = addTouchpointAt(doc, 0, 0);
    const thread = addComment(doc, ANNA, 'Anna', { touchpointId: card }, 'First');
    later();
    const reply = replyToComment(doc, BORIS, 'Boris', thread, 'Second');
    expect(() => editComment(doc, ANNA, reply, 'hijacked')).toThrow(NotYourCommentError);
    expect(() => deleteComment(doc, ANNA, reply)).toThrow(NotYourCommentError);
    later();
    editComment(doc, BORIS, reply, 'Second, edited');
    later();
    const nested = replyToComment(doc, ANNA, 'Anna', reply, 'Third');
    const comments = readSnapshot(doc).comments!;
    expect(comments.find((c) => c.id === nested)!.parentId).toBe(thread);
    expect(comments.find((c) => c.id === reply)!.editedAt).not.toBe('');
    setThreadResolved(doc, reply, true);
    expect(texts(doc)).toEqual([['First', true, ['Second, edited', 'Third']]]);
    replyToComment(doc, BORIS, 'Boris', thread, 'Not done yet');
    expect(texts(doc)[0]![1]).toBe(false);
    deleteComment(doc, ANNA, thread);
    expect(readSnapshot(doc).comments).toEqual([]);
  });

  it('refuses empty text, an unknown card, and undoes a comment as this person’s edit', () => {
    const { doc } = makeMapDoc();
    const card = addTouchpointAt(doc, 0, 0);
    expect(() => addComment(doc, ANNA, 'Anna', { touchpointId: card }, '   ')).toThrow(/comment.text/);
    expect(() => addComment(doc, ANNA, 'Anna', { touchpointId: 'nope' }, 'Hi')).toThrow(/does not exist/);
    expect(readSnapshot(doc).comments).toEqual([]);
    const undo = createUndoManager(doc);
    addComment(doc, ANNA, 'Anna', { touchpointId: card }, 'Hi');
    expect(readSnapshot(doc).comments).toHaveLength(1);
    undo.undo();
    expect(readSnapshot(doc).comments).toEqual([]);
  });
});

describe('comments in the file', () => {
  it('round-trips threads on a card and on a cell, and leaves the list out when there are none', () => {
    const { doc, stages } = makeMapDoc();
    const plain = exportMapJson(readSnapshot(doc), [], '2026-12-07T10:00:00.000Z');
    expect(JSON.parse(plain)).not.toHaveProperty('comments');

    const card = addTouchpointAt(doc, 0, 0);
    const layerId = readSnapshot(doc).layers[0]!.id;
    const cellId = setCell(doc, layerId, stages[1]!.id, {});
    const t1 = addComment(doc, ANNA, 'Anna', { touchpointId: card }, 'On the card <b>bold?</b>');
    replyToComment(doc, BORIS, 'Boris', t1, 'Reply');
    addComment(doc, BORIS, 'Boris', { cellId }, 'On the cell');
    const text = exportMapJson(readSnapshot(doc), [], '2026-12-07T10:00:00.000Z');
    expect(JSON.parse(text).comments).toHaveLength(3);

    const parsed = parseMapJson(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const copy = new Y.Doc();
    applySnapshot(copy, parsed.value.snapshot);
    expect(exportMapJson(readSnapshot(copy), [], '2026-12-07T10:00:00.000Z')).toBe(text);
  });

  it('refuses a comment on nothing, on a missing card, and a reply to a reply, saying where', () => {
    const { doc } = makeMapDoc();
    const card = addTouchpointAt(doc, 0, 0);
    const t1 = addComment(doc, ANNA, 'Anna', { touchpointId: card }, 'Root');
    replyToComment(doc, BORIS, 'Boris', t1, 'Reply');
    const file = JSON.parse(exportMapJson(readSnapshot(doc), [], '2026-12-07T10:00:00.000Z')) as { comments: Comment[] };
    const root = file.comments.find((c) => c.parentId === '')!;
    const reply = file.comments.find((c) => c.parentId !== '')!;
    const bad = {
      ...file,
      comments: [
        root,
        reply,
        { ...root, id: 'c-nowhere', touchpointId: '' },
        { ...root, id: 'c-missing', touchpointId: 'gone' },
        { ...reply, id: 'c-nested', parentId: reply!.id },
      ],
    };
    const result = parseMapJson(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.code])).toEqual([
      ['$.comments[2].touchpointId', 'commentPlace'],
      ['$.comments[3].touchpointId', 'unknownReference'],
      ['$.comments[4].parentId', 'replyToReply'],
    ]);
  });
});

describe('mentions and marks', () => {
  const names = ['Anna', 'Anna Petrova', 'Борис'];

  it('finds @mentions of known people, longest name first, not inside e-mail addresses', () => {
    expect(mentionsIn('@Anna Petrova and @борис, see anna@example.com', names).sort()).toEqual(['Anna Petrova', 'Борис']);
    expect(mentionsIn('ask @Anna.', names)).toEqual(['Anna']);
    expect(mentionsIn('@Annabel', names)).toEqual([]);
    expect(splitMentions('hi @Anna!', names)).toEqual([
      { text: 'hi ', mention: false },
      { text: '@Anna', mention: true },
      { text: '!', mention: false },
    ]);
    expect(mentionQueryAt('hello @An', 9)).toEqual({ start: 6, query: 'An' });
    expect(mentionQueryAt('mail a@b', 8)).toBeNull();
  });

  const comment = (over: Partial<Comment>): Comment => ({
    id: 'c1',
    touchpointId: 'tp',
    cellId: '',
    parentId: '',
    author: ANNA,
    authorName: 'Anna',
    text: 'text',
    createdAt: '2026-12-07T10:00:00.000Z',
    editedAt: '',
    resolved: false,
    ...over,
  });

  it('marks comments of others written after the last visit as new; nothing on a first visit', () => {
    const late = comment({ author: BORIS, createdAt: '2026-12-07T12:00:00.000Z' });
    expect(isNewSince(late, ANNA, '2026-12-07T11:00:00.000Z')).toBe(true);
    expect(isNewSince(late, ANNA, '2026-12-07T13:00:00.000Z')).toBe(false);
    expect(isNewSince(late, BORIS, '2026-12-07T11:00:00.000Z')).toBe(false);
    expect(isNewSince(late, ANNA, null)).toBe(false);
  });

  it('filters threads: all open, mine, mentioning me, resolved', () => {
    const threads = threadsOf([
      comment({ id: 'a', author: ANNA, text: 'mine' }),
      comment({ id: 'b', author: BORIS, authorName: 'Boris', text: 'for @Anna' }),
      comment({ id: 'c', author: BORIS, authorName: 'Boris', text: 'done', resolved: true }),
      comment({ id: 'd', author: BORIS, authorName: 'Boris', text: 'other' }),
      comment({ id: 'd1', parentId: 'd', author: ANNA, text: 'my reply' }),
    ]);
    const ids = (f: Parameters<typeof filterThreads>[1]) =>
      filterThreads(threads, f, { id: ANNA, name: 'Anna' }, ['Anna', 'Boris']).map((t) => t.root.id).sort();
    expect(ids('open')).toEqual(['a', 'b', 'd']);
    expect(ids('mine')).toEqual(['a', 'd']);
    expect(ids('mentions')).toEqual(['b']);
    expect(ids('resolved')).toEqual(['c']);
  });
});
