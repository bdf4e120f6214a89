// The page's entry, a few KB on purpose. On a first visit to a map it asks for the map's state
// at once, then runs the app, whose code the page has been loading meanwhile (index.html
// preloads it, see build/preloadApp.ts). The state used to wait for all of the app's code to
// arrive and run, and for its socket to open (docs/PERFORMANCE.md, "State fetched early").
import { isMapId } from '../domain/ids';
import { CACHE_DB_NAME, mayHoldCopy } from '../sync/copyNote';
import { createCredentialStore } from '../sync/credentials';
import { prefetchMapState } from '../sync/earlyState';
import { parseRoute } from './route';

const route = parseRoute(location.hash);
// A returning browser has a copy in IndexedDB: its socket then asks only for what it lacks.
if (route.page === 'map' && isMapId(route.mapId) && !mayHoldCopy(CACHE_DB_NAME, route.mapId)) {
  prefetchMapState(route.mapId, createCredentialStore().mapHeaders(route.mapId, route.token));
}

void import('./startApp');
