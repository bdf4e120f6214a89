// Escape closes the dialog or menu on top. Listened for in the capture phase and stopped
// there, so the canvas underneath does not also take it as "clear the selection".
import { useEffect, useLayoutEffect, useRef } from 'react';

export function useEscapeKey(onEscape: () => void): void {
  const latest = useRef(onEscape);
  useLayoutEffect(() => {
    latest.current = onEscape;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      latest.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
