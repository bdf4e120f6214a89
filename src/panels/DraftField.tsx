// A text field that edits a local draft and commits on blur or Enter. A value failing its
// check shows an inline message and is not committed; while the field is not focused the
// draft follows the stored value, so a colleague's edit shows up at once.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldProblem, FieldResult } from '../domain/fields';
import { useT } from '../locales/i18n';
import { problemMessage } from '../ui/problemMessage';
import { forgetTypingHistory, useFieldHistoryKeys } from '../ui/fieldHistory';
import { safely } from './safely';

export interface DraftFieldProps<T> {
  /** The stored value, as text. */
  value: string;
  check: (raw: string) => FieldResult<T>;
  onCommit: (value: T) => void;
  testId: string;
  label?: string;
  /** Hide the label visually but keep it for screen readers. */
  hideLabel?: boolean;
  multiline?: boolean;
  type?: 'text' | 'number' | 'date' | 'url';
  placeholder?: string;
  autoFocus?: boolean;
  /** Select the text when focused, so typing replaces it (a new card's placeholder title). */
  selectOnFocus?: boolean;
  className?: string;
  /** Commit as soon as the value passes its check (date pickers have no natural "done"). */
  commitOnChange?: boolean;
  min?: number;
  max?: number;
}

export function DraftField<T>({
  value,
  check,
  onCommit,
  testId,
  label,
  hideLabel,
  multiline,
  type = 'text',
  placeholder,
  autoFocus,
  selectOnFocus,
  className,
  commitOnChange,
  min,
  max,
}: DraftFieldProps<T>) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [focused, setFocused] = useState(false);
  const [problem, setProblem] = useState<FieldProblem | null>(null);

  // Follow the stored value while nothing unsaved is typed here (adjusting state during render):
  // a colleague's edit, or an undo run from this very field.
  if (value !== shown && (!focused || draft === shown)) {
    setShown(value);
    setDraft(value);
    setProblem(null);
  }

  const commit = (raw: string): boolean => {
    const result = check(raw);
    if (!result.ok) {
      // Keep the rejected text and its message until the user fixes it or the stored value changes.
      setShown(value);
      setProblem(result.problem);
      return false;
    }
    setProblem(null);
    const text = String(result.value);
    setDraft(text);
    // If the command is refused the stored value stays as it was, and the draft follows it back.
    setShown(text);
    if (text !== value) safely(() => onCommit(result.value));
    return true;
  };

  // A panel can close (another card clicked) while this field is dirty and focused; keep the edit.
  const latest = useRef({ draft, value, check, onCommit });
  useLayoutEffect(() => {
    latest.current = { draft, value, check, onCommit };
  });
  useEffect(
    () => () => {
      const l = latest.current;
      if (l.draft === l.value) return;
      const result = l.check(l.draft);
      if (result.ok && String(result.value) !== l.value) safely(() => l.onCommit(result.value));
    },
    [],
  );

  // Escape blurs to cancel; that blur must not commit the abandoned draft.
  const cancelled = useRef(false);
  const historyKeys = useFieldHistoryKeys();
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    historyKeys(e, draft !== value || problem !== null);
    if (e.defaultPrevented) return;
    if (e.key === 'Escape') {
      // With a change typed, Escape takes it back and stays in the panel; with none, it leaves
      // the field and lets the panel close (the keydown bubbles to it).
      const changed = draft !== value || problem !== null;
      setDraft(value);
      setProblem(null);
      cancelled.current = true;
      e.currentTarget.blur();
      if (changed) e.stopPropagation();
      return;
    }
    const submits = multiline ? e.key === 'Enter' && (e.metaKey || e.ctrlKey) : e.key === 'Enter';
    if (submits && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (commit(draft)) forgetTypingHistory(e.currentTarget);
    }
  };

  const common = {
    id,
    'data-testid': testId,
    value: draft,
    placeholder,
    autoFocus,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-error` : undefined,
    className: `draft-field__control${multiline ? ' draft-field__control--multiline' : ''}`,
    onFocus: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      setFocused(true);
      if (selectOnFocus) e.currentTarget.select();
    },
    onBlur: () => {
      setFocused(false);
      if (cancelled.current) cancelled.current = false;
      else commit(draft);
    },
    onKeyDown,
  };
  const onChange = (next: string) => {
    setDraft(next);
    if (problem && check(next).ok) setProblem(null);
    if (commitOnChange && check(next).ok) commit(next);
  };

  return (
    <div className={`draft-field${problem ? ' draft-field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      {label && (
        <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
          {label}
        </label>
      )}
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} min={min} max={max} onChange={(e) => onChange(e.target.value)} />
      )}
      {problem && (
        <div id={`${id}-error`} className="field-error" data-testid="field-error" role="alert">
          {problemMessage(t, problem)}
        </div>
      )}
    </div>
  );
}
