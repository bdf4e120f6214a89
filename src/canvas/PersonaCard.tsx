// The persona, pinned at the start of the map: who walks this journey, their goal and a line
// in their own words, with a photo or initials. Each field is edited in place (Enter or leaving
// the field saves, Shift+Enter starts a new line, Escape cancels): one command, so one undo
// step and one update for colleagues. A read-only view shows the text only.
import { memo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { NodeProps } from '@xyflow/react';
import { PERSONA_CHECKS } from '../domain/entityFields';
import type { FieldProblem } from '../domain/fields';
import type { Persona } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapSession, useMapState } from '../store/context';
import { problemMessage } from '../ui/problemMessage';
import { canvasBridgeFor, showNotice } from './bridge';
import type { PersonaFlowNode } from './nodes';
import { photoFromFile } from './photoFile';

type TextField = 'name' | 'description' | 'goal' | 'quote';

/** "Анна Петрова, 34" → "АП": the first letters of the first and last words that start with one. */
export function personaInitials(name: string): string {
  const words = name.split(/[\s,;]+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length === 0) return '';
  const first = (w: string) => Array.from(w)[0]!;
  return (words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words.at(-1)!)).toLocaleUpperCase();
}

interface InlineTextProps {
  field: TextField;
  value: string;
  label: string;
  placeholder: string;
  readOnly: boolean;
  multiline: boolean;
  className: string;
  /** Saves; answers the problem when the text is refused (the editor then stays open). */
  onCommit: (value: string) => FieldProblem | null;
}

function InlineText({ field, value, label, placeholder, readOnly, multiline, className, onCommit }: InlineTextProps) {
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const done = useRef(false);
  const testId = `persona-${field}`;

  if (draft === null) {
    if (readOnly) {
      return value === '' ? null : (
        <div className={className} data-testid={testId}>
          {value}
        </div>
      );
    }
    const open = () => {
      done.current = false;
      setProblem(null);
      setDraft(value);
    };
    return (
      <div
        className={`${className} cjm-persona__editable${value === '' ? ' is-empty' : ''} nodrag nopan`}
        data-testid={testId}
        role="button"
        tabIndex={0}
        aria-label={t('canvas.persona.edit', { field: label })}
        title={t('canvas.persona.edit', { field: label })}
        onClick={open}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            open();
          }
        }}
      >
        {value === '' ? placeholder : value}
      </div>
    );
  }

  const finish = (save: boolean) => {
    if (done.current) return;
    if (save && draft !== value) {
      const refused = onCommit(draft);
      if (refused) {
        setProblem(refused);
        return;
      }
    }
    done.current = true;
    setDraft(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      finish(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // Escape cancels this edit only: the canvas must not clear its selection too.
      e.stopPropagation();
      finish(false);
    }
  };
  return (
    <div className="cjm-persona__edit nodrag nopan nowheel">
      <textarea
        className={`cjm-persona__input cjm-persona__input--${field}`}
        data-testid={`${testId}-input`}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        rows={multiline ? 4 : 1}
        value={draft}
        placeholder={placeholder}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => finish(true)}
      />
      {problem && (
        <div className="cjm-persona__error" data-testid="field-error" role="alert">
          {problemMessage(t, problem)}
        </div>
      )}
    </div>
  );
}

function PersonaCardView(_props: NodeProps<PersonaFlowNode>) {
  const t = useT();
  const session = useMapSession();
  const persona = useMapState((s) => s.meta.persona);
  const readOnly = session.readOnly === true;
  const fileInput = useRef<HTMLInputElement>(null);
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = (patch: Partial<Persona>): FieldProblem | null => {
    for (const [key, raw] of Object.entries(patch)) {
      const checked = PERSONA_CHECKS[key as keyof Persona](raw as string);
      if (!checked.ok) return checked.problem;
    }
    try {
      session.commands.setPersona(patch);
    } catch (error) {
      console.warn('Persona edit failed', error);
      showNotice(canvasBridgeFor(session), t('canvas.notice.failed'));
    }
    return null;
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setPhotoProblem(null);
    try {
      const photo = await photoFromFile(file);
      const refused = save({ photo });
      if (refused) setPhotoProblem(problemMessage(t, refused));
    } catch {
      setPhotoProblem(t('canvas.persona.photoUnreadable', { name: file.name }));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: TextField, multiline: boolean) => (
    <InlineText
      field={field}
      value={persona[field]}
      label={t(`canvas.persona.${field}`)}
      placeholder={t(`canvas.persona.${field}Placeholder`)}
      readOnly={readOnly}
      multiline={multiline}
      className={`cjm-persona__${field}`}
      onCommit={(value) => save({ [field]: value })}
    />
  );
  const initials = personaInitials(persona.name);

  return (
    <section className="cjm-persona" data-testid="persona-card" aria-label={t('canvas.persona.label')}>
      <div className="cjm-persona__kicker">{t('canvas.persona.label')}</div>
      <div className="cjm-persona__head">
        <div className="cjm-persona__avatar" data-testid="persona-avatar">
          {persona.photo ? (
            <img src={persona.photo} alt={t('canvas.persona.photoAlt', { name: persona.name })} data-testid="persona-photo" />
          ) : (
            <span aria-hidden="true">{initials || '?'}</span>
          )}
        </div>
        {text('name', false)}
      </div>
      {!readOnly && (
        <div className="cjm-persona__photo-tools nodrag nopan">
          <button type="button" className="cjm-persona__tool" data-testid="persona-photo-choose" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t(persona.photo ? 'canvas.persona.photoChange' : 'canvas.persona.photoChoose')}
          </button>
          {persona.photo && (
            <button type="button" className="cjm-persona__tool" data-testid="persona-photo-remove" onClick={() => save({ photo: '' })}>
              {t('canvas.persona.photoRemove')}
            </button>
          )}
          <input
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif,image/bmp,image/avif"
            hidden
            data-testid="persona-photo-file"
            onChange={(e) => void onFile(e)}
          />
        </div>
      )}
      {photoProblem && (
        <div className="cjm-persona__error" role="alert" data-testid="persona-photo-problem">
          {photoProblem}
        </div>
      )}
      <div className="cjm-persona__body nowheel">
        <div className="cjm-persona__label">{t('canvas.persona.description')}</div>
        {text('description', true)}
        <div className="cjm-persona__label">{t('canvas.persona.goal')}</div>
        {text('goal', true)}
        <div className="cjm-persona__label">{t('canvas.persona.quote')}</div>
        <blockquote className="cjm-persona__quote-block">{text('quote', true)}</blockquote>
      </div>
    </section>
  );
}

export const PersonaNode = memo(PersonaCardView);
