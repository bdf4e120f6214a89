// The triple focus of a touchpoint: Fix / WOW / Plan B notes, each with status, owner and votes.
import { memo, useState } from 'react';
import { checkLongText, checkName } from '../domain/fields';
import { NOTE_KINDS, NOTE_STATUSES, type Id, type Note, type NoteKind, type NoteStatus } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapSession } from '../store/context';
import { DraftField } from './DraftField';
import { safely } from './safely';
import { SelectField } from './SelectField';

export function NotesSection({ touchpointId, notes }: { touchpointId: Id; notes: readonly Note[] }) {
  const { commands } = useMapSession();
  // The note just added gets the cursor, so one click is enough to start typing.
  const [addedId, setAddedId] = useState<Id | null>(null);
  const add = (kind: NoteKind) => safely(() => setAddedId(commands.addNote(touchpointId, kind)));

  return (
    <>
      {NOTE_KINDS.map((kind) => (
        <NoteGroup
          key={kind}
          kind={kind}
          notes={notes.filter((n) => n.kind === kind)}
          addedId={addedId}
          onAdd={() => add(kind)}
        />
      ))}
    </>
  );
}

function NoteGroup({
  kind,
  notes,
  addedId,
  onAdd,
}: {
  kind: NoteKind;
  notes: readonly Note[];
  addedId: Id | null;
  onAdd: () => void;
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
      {notes.length === 0 ? (
        <p className="note-group__empty">{t(`panels.notes.empty.${kind}`)}</p>
      ) : (
        <ul className="note-list">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} autoFocus={note.id === addedId} />
          ))}
        </ul>
      )}
    </section>
  );
}

const NoteItem = memo(function NoteItem({ note, autoFocus }: { note: Note; autoFocus: boolean }) {
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
        autoFocus={autoFocus}
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
