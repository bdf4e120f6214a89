// Comment threads on touchpoints and layer cells (issue 16). A thread is its first comment
// (parentId '') plus replies naming it; `resolved` lives on the first comment. Every comment is
// its own Y.Map in `comments`, so two people replying at once both land, and edits are undone
// with the rest of this person's edits (LOCAL_ORIGIN).
import type * as Y from 'yjs';
import { COMMENT_CHECKS } from '../domain/entityFields';
import { checkName, unwrap } from '../domain/fields';
import { newEntityId } from '../domain/ids';
import { COMMENT } from '../domain/schema';
import type { Id } from '../domain/types';
import { cellsOf, commentsOf, isEntity, newEntityOf, peopleOf, touchpointsOf, type EntityMap } from './layout';
import { change } from './mutations';

/** What a thread is about: a card, or one layer's cell at one stage. */
export type CommentTarget = { touchpointId: Id } | { cellId: Id };

/** Refused: a comment written by someone else (only its author may edit or delete it). */
export class NotYourCommentError extends Error {
  constructor(readonly commentId: Id) {
    super(`comment ${commentId} was written by someone else; only its author may change it`);
    this.name = 'NotYourCommentError';
  }
}

const nowIso = () => new Date().toISOString();

function requireComment(doc: Y.Doc, id: Id): EntityMap {
  const m = commentsOf(doc).get(id);
  if (!isEntity(id, m)) throw new Error(`comment ${id} does not exist`);
  return m;
}

function requireOwn(doc: Y.Doc, id: Id, author: string): EntityMap {
  const m = requireComment(doc, id);
  if (m.get('author') !== author) throw new NotYourCommentError(id);
  return m;
}

const checkedText = (text: string) => unwrap(COMMENT_CHECKS.text(text), 'comment.text');
const checkedName = (name: string) => unwrap(checkName(name), 'comment.authorName');

/** Starts a thread on a touchpoint or a cell; returns the new comment's id. */
export function addComment(doc: Y.Doc, author: string, authorName: string, target: CommentTarget, text: string): Id {
  const values = { text: checkedText(text), authorName: checkedName(authorName) };
  const touchpointId = 'touchpointId' in target ? target.touchpointId : '';
  const cellId = 'cellId' in target ? target.cellId : '';
  if (touchpointId !== '' && !isEntity(touchpointId, touchpointsOf(doc).get(touchpointId))) throw new Error(`touchpoint ${touchpointId} does not exist`);
  if (cellId !== '' && !isEntity(cellId, cellsOf(doc).get(cellId))) throw new Error(`cell ${cellId} does not exist`);
  if ((touchpointId === '') === (cellId === '')) throw new Error('a comment is on a touchpoint or on a cell');
  const id = newEntityId();
  change(doc, () =>
    commentsOf(doc).set(id, newEntityOf(COMMENT, { id, touchpointId, cellId, parentId: '', author, ...values, createdAt: nowIso() })),
  );
  return id;
}

/**
 * Replies to a thread. Replying to a reply answers its thread (one level, as in Google Docs);
 * replying reopens a resolved thread, as there is something to talk about again.
 */
export function replyToComment(doc: Y.Doc, author: string, authorName: string, commentId: Id, text: string): Id {
  const values = { text: checkedText(text), authorName: checkedName(authorName) };
  const asked = requireComment(doc, commentId);
  const parentId = (asked.get('parentId') as string) || commentId;
  const thread = requireComment(doc, parentId);
  const id = newEntityId();
  change(doc, () => {
    commentsOf(doc).set(
      id,
      newEntityOf(COMMENT, {
        id,
        touchpointId: thread.get('touchpointId') as string,
        cellId: thread.get('cellId') as string,
        parentId,
        author,
        ...values,
        createdAt: nowIso(),
      }),
    );
    if (thread.get('resolved') === true) thread.set('resolved', false);
  });
  return id;
}

/** Changes the text of one's own comment. */
export function editComment(doc: Y.Doc, author: string, id: Id, text: string): void {
  const checked = checkedText(text);
  const m = requireOwn(doc, id, author);
  if (m.get('text') === checked) return;
  change(doc, () => {
    m.set('text', checked);
    m.set('editedAt', nowIso());
  });
}

/** Deletes one's own comment; a thread's first comment takes its replies with it. */
export function deleteComment(doc: Y.Doc, author: string, id: Id): void {
  const m = requireOwn(doc, id, author);
  change(doc, () => {
    if (m.get('parentId') === '') {
      for (const [replyId, reply] of [...commentsOf(doc).entries()]) if (reply.get('parentId') === id) commentsOf(doc).delete(replyId);
    }
    commentsOf(doc).delete(id);
  });
}

/** Resolves or reopens a thread (anyone who may edit the map may, as in Google Docs). */
export function setThreadResolved(doc: Y.Doc, id: Id, resolved: boolean): void {
  const m = requireComment(doc, id);
  const thread = m.get('parentId') === '' ? m : requireComment(doc, m.get('parentId') as string);
  if (thread.get('resolved') === resolved) return;
  change(doc, () => thread.set('resolved', resolved));
}

/**
 * Remembers that this person has been on the map, under the name they go by, so others can
 * @mention them later. Not an edit of the map: kept out of undo (not LOCAL_ORIGIN).
 */
export function notePerson(doc: Y.Doc, id: string, name: string): void {
  const checked = checkName(name);
  if (!checked.ok || checked.value === '' || peopleOf(doc).get(id) === checked.value) return;
  doc.transact(() => peopleOf(doc).set(id, checked.value));
}

/** The comment commands, bound to a doc and to the person writing (their identity id). */
export function bindCommentCommands(doc: Y.Doc, author: string) {
  return {
    addComment: (authorName: string, target: CommentTarget, text: string) => addComment(doc, author, authorName, target, text),
    replyToComment: (authorName: string, commentId: Id, text: string) => replyToComment(doc, author, authorName, commentId, text),
    editComment: (id: Id, text: string) => editComment(doc, author, id, text),
    deleteComment: (id: Id) => deleteComment(doc, author, id),
    setThreadResolved: (id: Id, resolved: boolean) => setThreadResolved(doc, id, resolved),
    notePerson: (name: string) => notePerson(doc, author, name),
  };
}

export type CommentCommands = ReturnType<typeof bindCommentCommands>;
