// What a location hash names, with no React and nothing else loaded: the page's entry reads
// it before the app's code arrives (main.tsx).
export type Route = { page: 'list' } | { page: 'map'; mapId: string; token?: string };

export const MAP_PREFIX = '#/map/';

/** Reads a location hash; anything unrecognised falls back to the list. */
export function parseRoute(hash: string): Route {
  if (hash.startsWith(MAP_PREFIX)) {
    const raw = hash.slice(MAP_PREFIX.length).split(/[/?]/)[0] ?? '';
    let mapId: string;
    try {
      mapId = decodeURIComponent(raw);
    } catch {
      // A malformed escape is still a map link, just one that cannot exist.
      mapId = raw;
    }
    if (mapId === '') return { page: 'list' };
    const token = tokenOfHash(hash);
    return token ? { page: 'map', mapId, token } : { page: 'map', mapId };
  }
  return { page: 'list' };
}

/** The `token` parameter of the query part inside a hash (`#/map/<id>?token=…`), if any. */
function tokenOfHash(hash: string): string | null {
  const query = hash.indexOf('?');
  if (query < 0) return null;
  const token = new URLSearchParams(hash.slice(query + 1)).get('token')?.trim();
  return token ? token : null;
}
