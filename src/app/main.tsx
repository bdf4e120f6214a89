import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CjmCacheDb } from '../sync/localCache';
import { localMapDirectory } from '../sync/mapDirectory';
import { openMapSession } from '../sync/session';
import { App } from './App';
import type { AppServices } from './services';
import './app.css';
import '../panels/panels.css';

// One IndexedDB connection for the whole app: every map and the map list live in it.
const db = new CjmCacheDb();
const services: AppServices = {
  directory: localMapDirectory(db),
  openSession: (mapId) => openMapSession({ db, mapId }),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
