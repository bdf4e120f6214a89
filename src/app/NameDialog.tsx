// Asks for the name colleagues see on your avatar, cursor and the cards you edit: once, on the
// first map opened in this browser, and again whenever you click your own avatar.
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../locales/i18n';
import { PRESENCE_NAME_MAX } from '../sync/presence';
import { Modal } from '../ui/Modal';

export interface NameDialogProps {
  /** The name so far ('' the first time). */
  initial: string;
  /** First time: "Not now" instead of "Cancel", and a line on why we ask. */
  firstTime: boolean;
  onSave: (name: string) => void;
  onDismiss: () => void;
}

export function NameDialog({ initial, firstTime, onSave, onDismiss }: NameDialogProps) {
  const t = useT();
  const titleId = useId();
  const inputId = useId();
  const [name, setName] = useState(initial);

  const trimmed = name.trim();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (trimmed) onSave(trimmed);
  };

  return (
    <Modal onDismiss={onDismiss}>
      <form
        className="confirm-dialog name-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="name-dialog"
        onSubmit={onSubmit}
      >
        <h2 id={titleId} className="confirm-dialog__title">
          {t(firstTime ? 'app.nameDialog.title' : 'app.nameDialog.editTitle')}
        </h2>
        {firstTime && <p className="confirm-dialog__message name-dialog__lead">{t('app.nameDialog.lead')}</p>}
        <label htmlFor={inputId} className="visually-hidden">
          {t('app.nameDialog.label')}
        </label>
        <input
          id={inputId}
          className="text-input name-dialog__input"
          data-testid="name-input"
          value={name}
          maxLength={PRESENCE_NAME_MAX}
          placeholder={t('app.nameDialog.placeholder')}
          autoComplete="name"
          autoFocus
          onChange={(e) => setName(e.target.value)}
        />
        <div className="confirm-dialog__actions">
          <button type="button" className="button" data-testid="name-cancel" onClick={onDismiss}>
            {t(firstTime ? 'app.nameDialog.later' : 'app.nameDialog.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="name-save" disabled={!trimmed}>
            {t('app.nameDialog.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
