// Which maps this browser has stored a copy of, noted in localStorage where it can be read
// before IndexedDB opens, and before the app's code (and Dexie) has loaded (see main.tsx).

/** The app's one IndexedDB database. */
export const CACHE_DB_NAME = 'cjm-studio';

const copyKey = (dbName: string, mapId: string) => `cjm-studio.copy.${dbName}.${mapId}`;

export function noteCopy(dbName: string, mapId: string): void {
  try {
    globalThis.localStorage?.setItem(copyKey(dbName, mapId), '1');
  } catch {
    // Without the note the map is simply loaded as on a first visit (see mayHoldCopy).
  }
}

/** Whether the note is there; null when localStorage cannot be read (private modes, Node). */
function readNote(dbName: string, mapId: string): boolean | null {
  try {
    const storage = globalThis.localStorage;
    return storage ? storage.getItem(copyKey(dbName, mapId)) !== null : null;
  } catch {
    return null;
  }
}

/**
 * False only when this browser surely holds no copy of the map (nothing was ever cached under
 * this name): a first visit then need not wait for IndexedDB — opening it the first time costs
 * ~150 ms — before connecting. When it cannot tell, the answer is true, the careful one.
 */
export const mayHoldCopy = (dbName: string, mapId: string): boolean => readNote(dbName, mapId) ?? true;

/** True when this browser noted storing a copy of the map (so finding none means it was cleared). */
export const notedCopy = (dbName: string, mapId: string): boolean => readNote(dbName, mapId) ?? false;

export function forgetCopy(dbName: string, mapId: string): void {
  try {
    globalThis.localStorage?.removeItem(copyKey(dbName, mapId));
  } catch {
    // A stale note only makes the next visit wait for IndexedDB, as before.
  }
}
