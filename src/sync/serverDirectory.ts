// The map list as the server keeps it, with the browser's cached list as the fallback:
// online it asks the server (and refreshes the cache); offline it shows the cache, and a map
// created offline is created locally first and announced to the server once it is back.
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, ApiResponse } from '../domain/api';
import { newMapId } from '../domain/ids';
import { initMap } from '../doc/mutations';
import { touchpointsOf } from '../doc/layout';
import { readMeta } from '../doc/read';
import type { CjmCacheDb, CachedMapEntry } from './localCache';
import { deleteMapData } from './localCache';
import { localMapDirectory, localTemplate, type MapDirectory, type NewMapInput } from './mapDirectory';
import { unsyncedMaps, type UnsyncedMark } from './unsynced';
import { notePending } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A network failure (offline, server down) as opposed to the server saying no. */
export const isOffline = (error: unknown) => !(error instanceof ApiError);

export interface ServerDirectoryOptions {
  db: CjmCacheDb;
  /** Origin of the server, e.g. http://127.0.0.1:4321 (empty string = same origin). */
  baseUrl: string;
  /** Adds the access token to API calls when links carry one. */
  headers?: () => Record<string, string>;
  fetchImpl?: typeof fetch;
}

export interface ServerReachability {
  /** The last call reached the server (null: not asked yet). */
  reachable: boolean | null;
}

export interface ServerMapDirectory extends MapDirectory {
  announcePending(): Promise<void>;
  /** Whether the server answered the last call, so the list can say it shows the cached copy. */
  reachability: StoreApi<ServerReachability>;
  /** Maps of this browser with work the server has not confirmed, by id. */
  unsynced(): Promise<Map<string, UnsyncedMark>>;
}

export function serverMapDirectory(options: ServerDirectoryOptions): ServerMapDirectory {
  const { db, baseUrl } = options;
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const local = localMapDirectory(db);
  const reachability = createStore<ServerReachability>(() => ({ reachable: null }));
  const setReachable = (reachable: boolean) => {
    if (reachability.getState().reachable !== reachable) reachability.setState({ reachable });
  };

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    let json: unknown;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...options.headers?.() },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      // Not JSON (a proxy's error page): the server itself was not reached.
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch (error) {
      setReachable(false);
      throw error;
    }
    setReachable(true);
    if (!response.ok) {
      const message = (json as Partial<ApiErrorBody> | null)?.error ?? `HTTP ${response.status}`;
      throw new ApiError(response.status, message);
    }
    return json as T;
  }

  // One announcement at a time: the list, the "online" event and a refused map page may all
  // ask at once, and a second POST of the same map would only earn a 409.
  let announcing: Promise<void> | null = null;
  function announcePending(): Promise<void> {
    announcing ??= announceNow().finally(() => {
      announcing = null;
    });
    return announcing;
  }

  async function announceNow(): Promise<void> {
    const pending = (await db.maps.toArray()).filter((m) => m.pendingCreate);
    for (const entry of pending) {
      try {
        // `template: none`: the server makes an empty doc; the content follows over sync.
        await api('POST', '/api/maps', { id: entry.id, title: entry.title, template: 'none' });
      } catch (error) {
        if (isOffline(error)) return;
        if (!(error instanceof ApiError && error.status === 409)) throw error;
      }
      await db.maps.update(entry.id, { pendingCreate: false });
    }
  }

  return {
    announcePending,
    reachability,
    unsynced: () => unsyncedMaps(db),
    async list() {
      try {
        await announcePending();
        const maps = await api<ApiResponse<'GET /api/maps'>>('GET', '/api/maps');
        await db.transaction('rw', db.maps, async () => {
          const known = new Set(maps.map((m) => m.id));
          for (const cached of await db.maps.toArray()) {
            if (!known.has(cached.id) && !cached.pendingCreate) await db.maps.delete(cached.id);
          }
          await db.maps.bulkPut(maps.map((m): CachedMapEntry => ({ ...m, pendingCreate: false })));
        });
        return maps;
      } catch (error) {
        if (!isOffline(error)) throw error;
        return local.list();
      }
    },
    async create(input: NewMapInput) {
      try {
        const { id } = await api<ApiResponse<'POST /api/maps'>>('POST', '/api/maps', input);
        return id;
      } catch (error) {
        if (!isOffline(error)) throw error;
        const local = localTemplate(input);
        const id = newMapId();
        const doc = new Y.Doc();
        initMap(doc, local);
        await db.transaction('rw', db.updates, db.maps, async () => {
          await db.updates.add({ mapId: id, update: Y.encodeStateAsUpdate(doc) });
          await db.maps.put({
            id,
            title: readMeta(doc).title,
            updatedAt: new Date().toISOString(),
            touchpointCount: touchpointsOf(doc).size,
            pendingCreate: true,
          });
        });
        doc.destroy();
        // Its content reaches the server only through a sync: until then it is unsynced work.
        notePending(id, 1);
        return id;
      }
    },
    async rename(id, title) {
      await api('PATCH', `/api/maps/${encodeURIComponent(id)}`, { title });
      await db.maps.update(id, { title });
    },
    templates(locale) {
      return api<ApiResponse<'GET /api/templates'>>('GET', `/api/templates?locale=${encodeURIComponent(locale)}`);
    },
    async duplicate(id, title) {
      const { id: copyId } = await api<ApiResponse<'POST /api/maps/:id/duplicate'>>('POST', `/api/maps/${encodeURIComponent(id)}/duplicate`, { title });
      return copyId;
    },
    async remove(id) {
      await api('DELETE', `/api/maps/${encodeURIComponent(id)}`);
      await deleteMapData(db, id);
    },
  };
}
