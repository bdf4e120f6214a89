// Which maps in this browser hold work the server has not confirmed, and sending it: a map
// edited offline and then closed has its edits only in IndexedDB until a session syncs it.
import type { MapSession } from '../store/session';
import type { CjmCacheDb } from './localCache';
import { readPending } from './session';

export interface UnsyncedMark {
  /** Edits not yet confirmed by the server. */
  changes: number;
  /** Created offline: the server does not know the map yet. */
  createdOffline: boolean;
}

export async function unsyncedMaps(db: CjmCacheDb): Promise<Map<string, UnsyncedMark>> {
  const marks = new Map<string, UnsyncedMark>();
  for (const entry of await db.maps.toArray().catch(() => [])) {
    const changes = readPending(entry.id);
    const createdOffline = entry.pendingCreate === true;
    if (changes > 0 || createdOffline) marks.set(entry.id, { changes, createdOffline });
  }
  return marks;
}

const PUSH_TIMEOUT_MS = 30_000;

/**
 * Opens each map's session until the server has confirmed a full sync (or refused, or the time
 * is up), one map at a time, then closes it. The session sends what the cache holds.
 */
export async function pushUnsynced(mapIds: readonly string[], open: (mapId: string) => MapSession): Promise<void> {
  for (const mapId of mapIds) {
    const session = open(mapId);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, PUSH_TIMEOUT_MS);
      const settled = () => {
        const { synced, status } = session.connection.getState();
        if (synced || status === 'refused' || status === 'local') done();
      };
      const unsubscribe = session.connection.subscribe(settled);
      settled();
    });
    await session.dispose();
  }
}
