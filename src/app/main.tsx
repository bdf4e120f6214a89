import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CjmCacheDb } from '../sync/localCache';
import { serverMapDirectory } from '../sync/serverDirectory';
import { openMapSession } from '../sync/session';
import { App } from './App';
import type { AppServices } from './services';
import './app.css';
import '../panels/panels.css';

// One IndexedDB connection for the whole app: every map and the map list live in it, so
// maps stay readable and editable offline and their edits reach the server later.
const db = new CjmCacheDb();
// The app is served by the sync server itself: same origin for the API and the websocket.
const directory = serverMapDirectory({ db, baseUrl: '' });
const serverUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

const services: AppServices = {
  directory,
  openSession: (mapId) => openMapSession({ db, mapId, serverUrl, announce: directory.announcePending }),
  reachability: directory.reachability,
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
