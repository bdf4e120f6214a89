// One thread: its first comment, the replies, and what the viewer may do with them (reply,
// resolve or reopen; edit and delete their own). Text is rendered as text, mentions highlighted.
import { useState } from 'react';
import { isNewSince, splitMentions, type Thread } from '../../domain/comments';
import type { Comment } from '../../domain/types';
import { useLocaleStore, useT } from '../../locales/i18n';
import { useMapSession } from '../../store/context';
import { safely } from '../safely';
import { CommentComposer } from './CommentComposer';
import { useLastVisit, useMentionNames, useViewer } from './useComments';

export function ThreadView({ thread, heading, onOpen }: { thread: Thread; heading?: string; onOpen?: () => void }) {
  const t = useT();
  const { commands, readOnly } = useMapSession();
  const [replying, setReplying] = useState(false);
  const viewer = useViewer();
  const { root } = thread;
  return (
    <article className={`comment-thread${root.resolved ? ' comment-thread--resolved' : ''}`} data-testid="comment-thread" data-thread-id={root.id}>
      {heading !== undefined && (
        <button type="button" className="comment-thread__place" data-testid="comment-thread-place" onClick={onOpen} disabled={!onOpen}>
          {heading}
        </button>
      )}
      <CommentView comment={root} isRoot />
      {thread.replies.map((reply) => (
        <CommentView key={reply.id} comment={reply} isRoot={false} />
      ))}
      {!readOnly && (
        <div className="comment-thread__actions">
          {replying ? (
            <CommentComposer
              testId="comment-reply"
              placeholder={t('comments.replyPlaceholder')}
              submitLabel={t('comments.reply')}
              onSubmit={(text) => {
                safely(() => commands.replyToComment(viewer.name, root.id, text));
                setReplying(false);
              }}
              onCancel={() => setReplying(false)}
            />
          ) : (
            <>
              <button type="button" className="button button--small" data-testid="comment-reply-open" onClick={() => setReplying(true)}>
                {t('comments.reply')}
              </button>
              <button
                type="button"
                className="button button--small"
                data-testid={root.resolved ? 'comment-reopen' : 'comment-resolve'}
                onClick={() => safely(() => commands.setThreadResolved(root.id, !root.resolved))}
              >
                {t(root.resolved ? 'comments.reopen' : 'comments.resolve')}
              </button>
            </>
          )}
        </div>
      )}
    </article>
  );
}

function CommentView({ comment, isRoot }: { comment: Comment; isRoot: boolean }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { commands, readOnly } = useMapSession();
  const viewer = useViewer();
  const names = useMentionNames();
  const lastVisit = useLastVisit();
  const [editing, setEditing] = useState(false);
  const own = comment.author === viewer.id && !readOnly;
  const fresh = isNewSince(comment, viewer.id, lastVisit);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(comment.createdAt));
  return (
    <div className={`comment${isRoot ? '' : ' comment--reply'}${fresh ? ' comment--new' : ''}`} data-testid="comment" data-comment-id={comment.id}>
      <div className="comment__meta">
        <span className="comment__author" data-testid="comment-author">
          {comment.authorName}
        </span>
        <time className="comment__time" dateTime={comment.createdAt}>
          {when}
        </time>
        {comment.editedAt !== '' && <span className="comment__edited">({t('comments.edited')})</span>}
        {fresh && (
          <span className="comment__new" data-testid="comment-new">
            {t('comments.newMark')}
          </span>
        )}
        {isRoot && comment.resolved && <span className="comment__resolved">{t('comments.resolvedMark')}</span>}
      </div>
      {editing ? (
        <CommentComposer
          testId="comment-edit"
          placeholder={t('comments.placeholder')}
          submitLabel={t('comments.save')}
          initial={comment.text}
          onSubmit={(text) => {
            safely(() => commands.editComment(comment.id, text));
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="comment__text" data-testid="comment-text">
          {splitMentions(comment.text, names).map((part, i) =>
            part.mention ? (
              <mark key={i} className="comment__mention" data-testid="comment-mention">
                {part.text}
              </mark>
            ) : (
              part.text
            ),
          )}
        </p>
      )}
      {own && !editing && (
        <div className="comment__own">
          <button type="button" className="link-button" data-testid="comment-edit-open" onClick={() => setEditing(true)}>
            {t('comments.edit')}
          </button>
          <button type="button" className="link-button" data-testid="comment-delete" onClick={() => safely(() => commands.deleteComment(comment.id))}>
            {t(isRoot ? 'comments.deleteThread' : 'comments.delete')}
          </button>
        </div>
      )}
    </div>
  );
}
