// Renaming in place (a lane on the canvas, a map in the list): Enter or leaving the field saves,
// Escape cancels, and a title that fails its check stays open with its message.
import { useRef, useState, type KeyboardEvent } from 'react';
import { checkTitle, type FieldProblem, type FieldResult } from '../domain/fields';
import { useT } from '../locales/i18n';
import { problemMessage } from './problemMessage';

export interface TitleInputProps {
  initial: string;
  /** Called once: the checked title, or null when cancelled. */
  onDone: (title: string | null) => void;
  /** The input's accessible name. */
  label: string;
  testId: string;
  className?: string;
  inputClassName?: string;
  errorClassName?: string;
  /** Select the text on focus, so typing replaces it. */
  selectOnFocus?: boolean;
  /** The field's check; a title's unless given (a lane owner is a name: optional, shorter). */
  check?: (raw: string) => FieldResult<string>;
}

export function TitleInput({
  initial,
  onDone,
  label,
  testId,
  className,
  inputClassName,
  errorClassName,
  selectOnFocus,
  check = checkTitle,
}: TitleInputProps) {
  const t = useT();
  const [value, setValue] = useState(initial);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  // Enter or Escape closes the input, and the blur that follows must not finish a second time.
  const finished = useRef(false);
  const finish = (title: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(title);
  };

  const save = () => {
    const checked = check(value);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    finish(checked.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // Escape here cancels the rename only: the canvas or a dialog around must not see it.
      e.stopPropagation();
      finish(null);
    }
  };

  return (
    <div className={className}>
      <input
        className={inputClassName}
        data-testid={testId}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        value={value}
        autoFocus
        onFocus={selectOnFocus ? (e) => e.currentTarget.select() : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={save}
      />
      {problem && (
        <div className={errorClassName ?? 'field-error'} data-testid="field-error" role="alert">
          {problemMessage(t, problem)}
        </div>
      )}
    </div>
  );
}
