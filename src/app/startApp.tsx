// The app itself: services, the service worker and React. Loaded by main.tsx, the page's entry.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { accessClient } from '../sync/accessClient';
import { createCredentialStore } from '../sync/credentials';
import { setMapFileCredentials } from '../sync/mapFileClient';
import { CjmCacheDb } from '../sync/localCache';
import { serverReviewService } from '../sync/reviewsClient';
import { serverMapDirectory } from '../sync/serverDirectory';
import { startAppShell } from '../sync/appShell';
import { openMapSession } from '../sync/session';
import { takePrefetchedState } from '../sync/earlyState';
import { createAccessService } from './access/accessService';
import { App } from './App';
import type { AppServices } from './services';
import './app.css';
import '../panels/panels.css';

// One IndexedDB connection for the whole app: every map and the map list live in it, so
// maps stay readable and editable offline and their edits reach the server later.
const db = new CjmCacheDb();
// Access links opened in this tab and the administrator secret (a server with AUTH_SECRET).
const credentials = createCredentialStore();
// The app is served by the sync server itself: same origin for the API and the websocket.
const directory = serverMapDirectory({ db, baseUrl: '', headers: credentials.adminHeaders });
const access = createAccessService({ credentials, client: accessClient({ baseUrl: '', credentials }), directory });
setMapFileCredentials({ map: credentials.mapHeaders, admin: credentials.adminHeaders });
const serverUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

// Which build this page runs, for people reporting a problem and for the update test.
document.documentElement.dataset.build = __CJM_BUILD__;
// The dev server rebuilds on every change: only a production build keeps a service worker.
const shell = import.meta.env.PROD ? startAppShell() : undefined;

const services: AppServices = {
  shell,
  directory,
  openSession: (mapId) =>
    openMapSession({
      db,
      mapId,
      serverUrl,
      announce: directory.announcePending,
      // The map's link token, also when this tab replaces its links while the map is open.
      paramsSource: {
        current: () => credentials.syncParams(mapId),
        subscribe: (onChange) => credentials.state.subscribe(onChange),
      },
      readOnly: credentials.roleOf(mapId) === 'view',
      initialState: takePrefetchedState(mapId),
    }),
  reachability: directory.reachability,
  reviews: serverReviewService({ baseUrl: '', headers: credentials.mapHeaders }),
  access,
};

// Maps created offline are announced to the server once the network is back (loading the
// list does it too); until then only this browser knows them.
const announce = () => directory.announcePending().catch((error: unknown) => console.error(error));
window.addEventListener('online', () => void announce());
void announce();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
