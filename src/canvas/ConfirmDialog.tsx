// Asks before a destructive canvas edit (deleting a lane with its cards). Focus starts on
// Cancel so an accidental Enter keeps everything; Escape or a click outside cancels.
import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  detail?: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, detail, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  const messageId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const onCancelRef = useRef(onCancel);
  useEffect(() => {
    onCancelRef.current = onCancel;
  });

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Capture phase, stopped here: the canvas must not also clear its selection.
      e.preventDefault();
      e.stopPropagation();
      onCancelRef.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, []);

  return createPortal(
    <div
      className="cjm-dialog-backdrop"
      // A portal still bubbles through React's tree: the canvas under it must not react.
      onPointerDown={(e) => {
        e.stopPropagation();
        if (e.target === e.currentTarget) onCancel();
      }}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <div
        className="cjm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={messageId}
        data-testid="confirm-dialog"
      >
        <h2 id={titleId} className="cjm-dialog__title">
          {title}
        </h2>
        <p id={messageId} className="cjm-dialog__message" data-testid="confirm-message">
          {message}
        </p>
        {detail && <p className="cjm-dialog__detail">{detail}</p>}
        <div className="cjm-dialog__actions">
          <button ref={cancelRef} type="button" className="cjm-button" data-testid="confirm-cancel" onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="button" className="cjm-button cjm-button--danger" data-testid="confirm-ok" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
