// A first visit's map state, asked for over HTTP the moment the page's code starts, before the
// app has rendered or opened its socket: the server loads the map and sends it while the rest
// of the code is still evaluated (measured: the state used to arrive ~1.7 s into a 2,000
// touchpoint load, half of it waiting for the app to start and the socket to open). The
// session applies it before connecting, so the socket's first sync only exchanges what changed
// meanwhile. Any failure (offline, refused, gone) just leaves the socket to bring the map.
import type { DocState } from '../domain/api';

const early = new Map<string, Promise<DocState | null>>();

/**
 * The session waits for this before its socket connects: a server that has not begun to answer
 * by then is left to the socket (a big map may still take longer to download, once it answers).
 */
const EARLY_STATE_ANSWER_MS = 4000;

export function prefetchMapState(mapId: string, headers: Record<string, string>, baseUrl = ''): void {
  if (early.has(mapId)) return;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), EARLY_STATE_ANSWER_MS);
  const state = fetch(`${baseUrl}/api/maps/${encodeURIComponent(mapId)}/state`, { headers, cache: 'no-store', signal: abort.signal })
    .then(async (response) => {
      clearTimeout(timer);
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
    })
    .catch(() => null)
    .finally(() => clearTimeout(timer));
  early.set(mapId, state);
}

/** The state fetched early for this map, once (a later visit syncs as usual); undefined if none was. */
export function takePrefetchedState(mapId: string): Promise<DocState | null> | undefined {
  const state = early.get(mapId);
  early.delete(mapId);
  return state;
}
