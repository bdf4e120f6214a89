// One undo model for text fields: while a field holds typing not yet saved, Ctrl/⌘+Z is the
// browser's and takes back that typing; once the field holds what is stored (nothing typed, or
// just saved with Enter), the history keys undo and redo committed edits, as on the canvas.
// Otherwise the browser would bring back the text from before the save and leaving the field
// would store it as a new edit: the undo that flips back and forth.
import { useCallback, type KeyboardEvent } from 'react';
import { useOptionalMapSession } from '../store/context';

export type HistoryStep = 'undo' | 'redo';

interface HistoryKey {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const isLetter = (e: HistoryKey, l: string) => e.code === `Key${l.toUpperCase()}` || e.key.toLowerCase() === l;

/** Ctrl/⌘+Z undoes; Ctrl/⌘+Shift+Z and Ctrl+Y redo; anything else is not a history key. */
export function historyStepOf(e: HistoryKey): HistoryStep | null {
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && isLetter(e, 'z')) return e.shiftKey ? 'redo' : 'undo';
  if (e.ctrlKey && !e.shiftKey && isLetter(e, 'y')) return 'redo';
  return null;
}

/**
 * The browser keeps an input's own undo steps across a save; setting its value anew drops them,
 * so a later Ctrl+Z in the field cannot restore text from before what was saved.
 */
export function forgetTypingHistory(el: HTMLInputElement | HTMLTextAreaElement): void {
  const { value, selectionStart, selectionEnd } = el;
  el.value = '';
  el.value = value;
  if (document.activeElement === el && selectionStart !== null && selectionEnd !== null) {
    el.setSelectionRange(selectionStart, selectionEnd);
  }
}

/**
 * A keydown handler for a field: with nothing unsaved in it (`dirty` false), the history keys go
 * to the map's history instead of the browser. Outside a map (the map list) it does nothing.
 */
export function useFieldHistoryKeys(): (e: KeyboardEvent, dirty: boolean) => void {
  const session = useOptionalMapSession();
  return useCallback(
    (e: KeyboardEvent, dirty: boolean) => {
      if (!session || dirty || e.nativeEvent.isComposing) return;
      const step = historyStepOf(e);
      if (!step) return;
      e.preventDefault();
      // The canvas's own shortcut handler must not run the same step a second time.
      e.stopPropagation();
      session.history[step]();
    },
    [session],
  );
}
