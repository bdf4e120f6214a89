// The dimmed layer a dialog sits on, rendered into <body>. Escape or a press outside the
// dialog dismisses it.
import './dialog.css';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useEscapeKey } from './useEscapeKey';

export function Modal({ onDismiss, children }: { onDismiss: () => void; children: ReactNode }) {
  useEscapeKey(onDismiss);
  return createPortal(
    <div
      className="confirm-backdrop"
      // A portal still bubbles through React's tree: whatever opened it (the canvas) must not react.
      onPointerDown={(e) => {
        e.stopPropagation();
        if (e.target === e.currentTarget) onDismiss();
      }}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {children}
    </div>,
    document.body,
  );
}
