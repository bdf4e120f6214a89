// Asks before something destructive (deleting a map, a lane with its cards). Focus starts on
// Cancel so an accidental Enter keeps everything, and returns where it was on close.
import { useEffect, useId, useRef } from 'react';
import { useT } from '../locales/i18n';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  /** A second, quieter line (e.g. "Undo brings them back"). */
  detail?: string;
  /** Defaults to "OK" and "Cancel". */
  confirmLabel?: string;
  cancelLabel?: string;
  /** Destructive actions get a red button. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, detail, confirmLabel, cancelLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const t = useT();
  const titleId = useId();
  const messageId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  return (
    <Modal onDismiss={onCancel}>
      <div
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={messageId}
        data-testid="confirm-dialog"
      >
        <h2 id={titleId} className="confirm-dialog__title">
          {title}
        </h2>
        <p id={messageId} className="confirm-dialog__message" data-testid="confirm-message">
          {message}
        </p>
        {detail && <p className="confirm-dialog__detail">{detail}</p>}
        <div className="confirm-dialog__actions">
          <button ref={cancelRef} type="button" className="button" data-testid="confirm-cancel" onClick={onCancel}>
            {cancelLabel ?? t('ui.confirm.cancel')}
          </button>
          <button
            type="button"
            className={`button ${danger ? 'button--danger' : 'button--primary'}`}
            data-testid="confirm-ok"
            onClick={onConfirm}
          >
            {confirmLabel ?? t('ui.confirm.ok')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
