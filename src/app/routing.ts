// Hash routing: two pages need no router library. `#/` is the map list, `#/map/<id>` a map;
// an access link adds `?token=…` inside the hash (never sent to the server with the page).
import { useSyncExternalStore } from 'react';
import { MAP_PREFIX, parseRoute, type Route } from './route';

export { parseRoute, type Route } from './route';

export const listHref = (): string => '#/';
export const mapHref = (mapId: string): string => `${MAP_PREFIX}${encodeURIComponent(mapId)}`;

export function navigate(href: string): void {
  window.location.hash = href;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const readHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash);
  return parseRoute(hash);
}
