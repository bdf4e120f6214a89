// The app shell in the browser: registers the service worker that keeps this build for offline
// starts (dist/sw.js, see build/appShell.ts), notices when a newer build is waiting, and asks
// for persistent storage so the browser does not evict maps with unsynced work.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface AppShellState {
  /** A newer build is installed and waits for this page to take it. */
  updateReady: boolean;
  /** Whether the browser promised to keep this site's storage (null: not known). */
  persisted: boolean | null;
}

export interface AppShell {
  state: StoreApi<AppShellState>;
  /** Switches every page of the site to the waiting build; this page reloads into it. */
  applyUpdate: () => void;
  /** Asks the server whether a newer build exists (the browser also does on every start). */
  checkForUpdate: () => Promise<void>;
  /** Asks the browser once to keep our storage; the answer lands in `state.persisted`. */
  requestPersistence: () => Promise<void>;
}

const UPDATE_CHECK_MS = 30 * 60_000;

export function startAppShell(): AppShell {
  const state = createStore<AppShellState>(() => ({ updateReady: false, persisted: null }));
  const sw = globalThis.navigator?.serviceWorker;
  let registration: ServiceWorkerRegistration | null = null;
  let reloadOnChange = false;

  const noteWaiting = (reg: ServiceWorkerRegistration) => {
    // A waiting worker with no controller is the first install: nothing old to replace.
    if (reg.waiting && sw?.controller) state.setState({ updateReady: true });
  };

  if (sw) {
    void sw
      // `updateViaCache: 'none'`: the browser always asks the server for sw.js itself.
      .register('/sw.js', { scope: '/', updateViaCache: 'none' })
      .then((reg) => {
        registration = reg;
        noteWaiting(reg);
        reg.addEventListener('updatefound', () => {
          const installing = reg.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed') noteWaiting(reg);
          });
        });
      })
      .catch((error: unknown) => console.error('The offline app shell could not be installed', error));
    // Only the page that asked reloads at once; other tabs of the old build keep their prompt.
    // A first install taking over a page that had no worker is no update.
    let hadController = sw.controller !== null;
    sw.addEventListener('controllerchange', () => {
      if (reloadOnChange) location.reload();
      else if (hadController) state.setState({ updateReady: true });
      hadController = true;
    });
    const check = () => void registration?.update().catch(() => undefined);
    window.addEventListener('online', check);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
    setInterval(check, UPDATE_CHECK_MS);
  }

  const storage = globalThis.navigator?.storage;
  void storage
    ?.persisted?.()
    .then((persisted) => state.setState({ persisted }))
    .catch(() => undefined);

  return {
    state,
    applyUpdate() {
      const waiting = registration?.waiting;
      reloadOnChange = true;
      if (waiting) waiting.postMessage({ type: 'cjm-apply-update' });
      // Already switched by another tab: this page only needs the reload.
      else location.reload();
    },
    async checkForUpdate() {
      await registration?.update().catch(() => undefined);
    },
    async requestPersistence() {
      if (!storage?.persist || state.getState().persisted) return;
      try {
        state.setState({ persisted: await storage.persist() });
      } catch {
        // Not granted, not known: the footer keeps saying what the browser may do.
      }
    },
  };
}
