// A comment box with @mention autocomplete: typing `@` offers the people of this map; Enter or
// a click picks one, Ctrl/⌘+Enter sends, Escape closes the list (or cancels an edit).
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { mentionQueryAt, suggestNames } from '../../domain/comments';
import { checkCommentText } from '../../domain/fields';
import { useT } from '../../locales/i18n';
import { useMentionNames } from './useComments';

interface Props {
  testId: string;
  placeholder: string;
  submitLabel: string;
  initial?: string;
  onSubmit: (text: string) => void;
  onCancel?: () => void;
}

export function CommentComposer({ testId, placeholder, submitLabel, initial = '', onSubmit, onCancel }: Props) {
  const t = useT();
  const names = useMentionNames();
  const [text, setText] = useState(initial);
  const [caret, setCaret] = useState(initial.length);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  // Where the caret goes once a picked name is in the textarea: set as React commits the new
  // text, before the browser handles the next key. (A frame later, a quick typist's next
  // letter landed at the end of the text and the rest after the name.)
  const caretAfterPick = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfterPick.current;
    if (at === null) return;
    caretAfterPick.current = null;
    area.current?.focus();
    area.current?.setSelectionRange(at, at);
  });

  const mention = mentionQueryAt(text, caret);
  const suggestions = mention && dismissed !== mention.start ? suggestNames(names, mention.query) : [];
  const valid = checkCommentText(text).ok;

  const pick = (name: string) => {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(caret)}`;
    const at = mention.start + name.length + 2;
    setText(next);
    setCaret(at);
    caretAfterPick.current = at;
  };
  const submit = () => {
    if (!valid) return;
    onSubmit(text);
    setText('');
    setCaret(0);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(suggestions[Math.min(active, suggestions.length - 1)]!);
        return;
      }
      if (e.key === 'Escape') {
        // The list closes; the panel (which closes on Escape) stays.
        e.preventDefault();
        setDismissed(mention!.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <div className="comment-composer">
      <textarea
        ref={area}
        className="comment-composer__text"
        data-testid={testId}
        placeholder={placeholder}
        aria-label={placeholder}
        value={text}
        rows={2}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <ul className="comment-composer__mentions" id={listId} role="listbox" aria-label={t('comments.mentionList')} data-testid="mention-list">
          {suggestions.map((name, i) => (
            <li
              key={name}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              data-testid="mention-option"
              // mousedown, not click: the textarea keeps its focus and caret.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(name);
              }}
            >
              {name}
            </li>
          ))}
        </ul>
      )}
      <div className="comment-composer__actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
        <button type="button" className="button button--primary" data-testid={`${testId}-submit`} disabled={!valid} onClick={submit}>
          {submitLabel}
        </button>
      </div>
    </div>
  );
}
