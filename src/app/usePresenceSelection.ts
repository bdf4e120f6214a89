// Tells colleagues which touchpoints you have selected, so their canvas can outline them in
// your colour. Selection is local UI state; presence carries a copy, never the doc.
import { useEffect } from 'react';
import { useMapSession, useUiStore } from '../store/context';

export function usePresenceSelection(): void {
  const { presence } = useMapSession();
  const ui = useUiStore();

  useEffect(() => {
    let last = ui.getState().selectedTouchpointIds;
    presence.setSelection([...last]);
    const unsubscribe = ui.subscribe((state) => {
      if (state.selectedTouchpointIds === last) return;
      last = state.selectedTouchpointIds;
      presence.setSelection([...last]);
    });
    return () => {
      unsubscribe();
      presence.setSelection([]);
    };
  }, [presence, ui]);
}
