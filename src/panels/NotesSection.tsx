// The triple focus of a touchpoint: Fix / WOW / Plan B notes, each with status, owner and votes.
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { checkLongText, checkName, type FieldProblem } from '../domain/fields';
import { NOTE_KINDS, NOTE_STATUSES, type Id, type Note, type NoteKind, type NoteStatus } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapSession } from '../store/context';
import { problemMessage } from '../ui/problemMessage';
import { DraftField } from './DraftField';
import { safely } from './safely';
import { SelectField } from './SelectField';

export function NotesSection({ touchpointId, notes }: { touchpointId: Id; notes: readonly Note[] }) {
  const { commands } = useMapSession();
  // "+ Add" opens a draft with the cursor in it; the note exists only once it has text, so a
  // note left empty leaves nothing behind: no blank card count, action plan row or undo step.
  const [draftKind, setDraftKind] = useState<NoteKind | null>(null);
  const finishDraft = (kind: NoteKind, text: string | null) => {
    setDraftKind((open) => (open === kind ? null : open));
    if (text) safely(() => commands.addNote(touchpointId, kind, text));
  };

  return (
    <>
      {NOTE_KINDS.map((kind) => (
        <NoteGroup
          key={kind}
          kind={kind}
          notes={notes.filter((n) => n.kind === kind)}
          drafting={draftKind === kind}
          onAdd={() => setDraftKind(kind)}
          onDraftDone={(text) => finishDraft(kind, text)}
        />
      ))}
    </>
  );
}

/**
 * A note being written, only in this browser until it has text: Ctrl/⌘+Enter or leaving the
 * field adds it; Escape drops it; an empty one vanishes with the panel.
 */
function NoteDraft({ kind, onDone }: { kind: NoteKind; onDone: (text: string | null) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    if (value !== null) {
      const checked = checkLongText(value);
      if (!checked.ok) return setProblem(checked.problem);
      // Left empty, the draft just stays put until the panel closes or another opens: closing
      // it on blur would shift the buttons below under the pointer mid-click.
      if (checked.value === '') return;
      value = checked.value;
    }
    done.current = true;
    onDone(value);
  };
  // The panel can close (another card clicked) while the draft has text: keep it.
  const latest = useRef({ text, finish });
  useLayoutEffect(() => {
    latest.current = { text, finish };
  });
  useEffect(
    () => () => {
      if (latest.current.text.trim() !== '') latest.current.finish(latest.current.text);
    },
    [],
  );
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      finish(null);
    } else if (e.key === 'Enter' && (e.metaKey || e.ctrlKey) && !e.nativeEvent.isComposing) {
      e.preventDefault();
      finish(text);
    }
  };
  return (
    <li className="note-item note-item--draft" data-testid="note-item" data-draft="true">
      <div className={`draft-field${problem ? ' draft-field--invalid' : ''}`}>
        <textarea
          className="draft-field__control draft-field__control--multiline"
          data-testid="note-text"
          aria-label={t('panels.notes.text')}
          aria-invalid={problem ? true : undefined}
          rows={2}
          autoFocus
          value={text}
          placeholder={t(`panels.notes.placeholder.${kind}`)}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => finish(text)}
        />
        {problem && (
          <div className="field-error" data-testid="field-error" role="alert">
            {problemMessage(t, problem)}
          </div>
        )}
      </div>
    </li>
  );
}

function NoteGroup({
  kind,
  notes,
  drafting,
  onAdd,
  onDraftDone,
}: {
  kind: NoteKind;
  notes: readonly Note[];
  drafting: boolean;
  onAdd: () => void;
  onDraftDone: (text: string | null) => void;
}) {
  const t = useT();
  return (
    <section className={`note-group note-group--${kind}`} data-testid={`notes-${kind}`}>
      <header className="note-group__header">
        <h3 className="note-group__title">
          <span className={`note-kind-dot note-kind-dot--${kind}`} aria-hidden="true" />
          {t(`domain.noteKind.${kind}`)}
          <span className="note-group__count">{notes.length}</span>
        </h3>
        <button type="button" className="button button--ghost button--small" data-testid="add-note" onClick={onAdd}>
          {t('panels.notes.add')}
        </button>
      </header>
      {notes.length === 0 && !drafting ? (
        <p className="note-group__empty">{t(`panels.notes.empty.${kind}`)}</p>
      ) : (
        <ul className="note-list">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} />
          ))}
          {drafting && <NoteDraft kind={kind} onDone={onDraftDone} />}
        </ul>
      )}
    </section>
  );
}

const NoteItem = memo(function NoteItem({ note }: { note: Note }) {
  const t = useT();
  const { commands } = useMapSession();
  const vote = (delta: 1 | -1) => safely(() => commands.voteNote(note.id, delta));
  const statusOptions = NOTE_STATUSES.map((s) => ({ value: s, label: t(`domain.noteStatus.${s}`) }));

  return (
    <li className={`note-item note-item--${note.status}`} data-testid="note-item" data-note-id={note.id}>
      <DraftField
        testId="note-text"
        label={t('panels.notes.text')}
        hideLabel
        multiline
        value={note.text}
        check={checkLongText}
        onCommit={(text) => commands.updateNote(note.id, { text })}
        placeholder={t(`panels.notes.placeholder.${note.kind}`)}
      />
      <div className="note-item__meta">
        <SelectField
          testId="note-status"
          label={t('panels.notes.status')}
          hideLabel
          className="note-item__status"
          value={note.status}
          options={statusOptions}
          onChange={(status) => safely(() => commands.updateNote(note.id, { status: status as NoteStatus }))}
        />
        <DraftField
          testId="note-owner"
          label={t('panels.notes.owner')}
          hideLabel
          className="note-item__owner"
          value={note.owner}
          check={checkName}
          onCommit={(owner) => commands.updateNote(note.id, { owner })}
          placeholder={t('panels.notes.ownerPlaceholder')}
        />
        <div className="note-votes" role="group" aria-label={t('panels.notes.votes')}>
          <button
            type="button"
            className="icon-button"
            data-testid="note-vote-up"
            title={t('panels.notes.voteUp')}
            aria-label={t('panels.notes.voteUp')}
            onClick={() => vote(1)}
          >
            ▲
          </button>
          <span className="note-votes__count" data-testid="note-votes">
            {note.votes}
          </span>
          <button
            type="button"
            className="icon-button"
            data-testid="note-vote-down"
            title={t('panels.notes.voteDown')}
            aria-label={t('panels.notes.voteDown')}
            onClick={() => vote(-1)}
          >
            ▼
          </button>
        </div>
        <button
          type="button"
          className="icon-button icon-button--danger"
          data-testid="note-delete"
          title={t('panels.notes.delete')}
          aria-label={t('panels.notes.delete')}
          onClick={() => safely(() => commands.deleteNote(note.id))}
        >
          ×
        </button>
      </div>
    </li>
  );
});
