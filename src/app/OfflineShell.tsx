// What the offline app shell shows: the "new version" prompt, what the browser promised about
// keeping this site's storage, and the warning before closing a tab with unconfirmed edits.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useT } from '../locales/i18n';
import type { AppShellState } from '../sync/appShell';
import type { MapSession } from '../store/session';
import { useServices } from './services';

const NO_SHELL = createStore<AppShellState>(() => ({ updateReady: false, persisted: null }));

function useShellState<T>(pick: (s: AppShellState) => T): T {
  const { shell } = useServices();
  return useStore(shell?.state ?? NO_SHELL, pick);
}

/** A newer build is installed: offer the reload rather than swapping the app under the user. */
export function UpdatePrompt() {
  const t = useT();
  const { shell } = useServices();
  const ready = useShellState((s) => s.updateReady);
  if (!shell || !ready) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>{t('app.shell.updateReady')}</span>
      <button type="button" className="button button--small button--primary" data-testid="update-reload" onClick={shell.applyUpdate}>
        {t('app.shell.updateReload')}
      </button>
    </div>
  );
}

/** Whether the browser may evict the maps kept here (nothing shown while it is not known). */
export function StorageNote() {
  const t = useT();
  const persisted = useShellState((s) => s.persisted);
  if (persisted === null) return null;
  return (
    <p className="storage-note" data-testid="storage-note" data-persisted={persisted}>
      {t(persisted ? 'app.shell.storagePersistent' : 'app.shell.storageBestEffort')}
    </p>
  );
}

/**
 * While the server has not confirmed this tab's edits, closing it asks first (the edits are in
 * IndexedDB, but a browser may evict that, and the user may not come back on this machine).
 * Opening a map asks the browser to keep our storage: now there is something to lose.
 */
export function useGuardUnsyncedWork(session: MapSession) {
  const { shell } = useServices();
  const pending = useStore(session.connection, (s) => s.pendingChanges > 0);
  useEffect(() => {
    void shell?.requestPersistence();
  }, [shell]);
  useEffect(() => {
    if (!pending) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers want returnValue set; the text itself is the browser's own.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [pending]);
}
