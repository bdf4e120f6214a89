// Unsynced work is safe: a damaged cached copy never leaves a blank map, and the map list knows
// which maps hold work the server has not confirmed (issue 18).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import * as Y from 'yjs';
import { initMap } from '../../../src/doc/mutations';
import { readMeta } from '../../../src/doc/read';
import { CjmCacheDb, DocCache, readMapUpdates } from '../../../src/sync/localCache';
import { serverMapDirectory } from '../../../src/sync/serverDirectory';
import { TemplateNeedsServerError } from '../../../src/sync/mapDirectory';
import { openMapSession } from '../../../src/sync/session';

const dbs: CjmCacheDb[] = [];
let dbCount = 0;
function freshDb() {
  const db = new CjmCacheDb(`offline-test-${process.pid}-${++dbCount}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  Reflect.deleteProperty(globalThis, 'localStorage');
});

/** A browser's localStorage, for the length of one test (removed after each). */
function giveLocalStorage() {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
}

const MAP_ID = 'damagedCopy00000000001';

async function storeMap(db: CjmCacheDb, title: string) {
  const doc = new Y.Doc();
  initMap(doc, { title, template: 'default', locale: 'en' });
  await db.updates.add({ mapId: MAP_ID, update: Y.encodeStateAsUpdate(doc) });
}

describe('a cached copy that cannot be decoded', () => {
  it('still opens the map with what did decode, says so, and leaves a clean copy for next time', async () => {
    const db = freshDb();
    await storeMap(db, 'Claims journey');
    // Bytes cut short, as a crash in the middle of a write could leave them.
    await db.updates.add({ mapId: MAP_ID, update: new Uint8Array([1, 2, 3]) });

    const session = openMapSession({ db, mapId: MAP_ID });
    await session.ready;
    expect(session.connection.getState().cacheUnreadable).toBe(true);
    expect(session.store.getState().meta.title).toBe('Claims journey');
    await session.dispose();

    // The damaged rows are gone: every stored update decodes, and the next start is clean.
    const doc = new Y.Doc();
    for (const update of await readMapUpdates(db, MAP_ID)) Y.applyUpdate(doc, update);
    expect(readMeta(doc).title).toBe('Claims journey');
    const again = openMapSession({ db, mapId: MAP_ID });
    await again.ready;
    expect(again.connection.getState().cacheUnreadable).toBeUndefined();
    await again.dispose();
  });

  it('whose rows decode fine is not reported', async () => {
    const db = freshDb();
    await storeMap(db, 'Claims journey');
    const cache = new DocCache(db, MAP_ID, new Y.Doc());
    await cache.whenLoaded;
    expect(cache.unreadable).toBe(false);
    await cache.destroy();
  });
});

describe('a cached copy the browser cleared', () => {
  it('is reported when the map was noted as stored here, and not on a first visit', async () => {
    giveLocalStorage();
    const db = freshDb();
    const firstVisit = new DocCache(db, MAP_ID, new Y.Doc());
    await firstVisit.whenLoaded;
    expect(firstVisit.unreadable).toBe(false);
    await firstVisit.destroy();

    await storeMap(db, 'Claims journey');
    // Eviction takes IndexedDB's rows; the note in localStorage may outlive them.
    await db.updates.clear();
    const session = openMapSession({ db, mapId: MAP_ID });
    await session.ready;
    expect(session.connection.getState().cacheUnreadable).toBe(true);
    await session.dispose();
  });
});

describe('the map list knows which maps hold unsynced work', () => {
  it('marks a map created with no network as created offline, with its content still to send', async () => {
    giveLocalStorage();
    const db = freshDb();
    // What fetch does with no network: it rejects.
    const noNetwork: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const directory = serverMapDirectory({ db, baseUrl: '', fetchImpl: noNetwork });
    const id = await directory.create({ title: 'Workshop', template: 'default', locale: 'en' });
    expect(directory.reachability.getState().reachable).toBe(false);
    expect([...(await directory.unsynced())]).toEqual([[id, { changes: 1, createdOffline: true }]]);
    expect((await directory.list()).map((m) => m.title)).toEqual(['Workshop']);
  });

  it('refuses a gallery template with no network, keeping nothing half made', async () => {
    giveLocalStorage();
    const db = freshDb();
    const directory = serverMapDirectory({ db, baseUrl: '', fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')) });
    // The gallery's content lives on the server: offline there is nothing to build the map from.
    await expect(directory.create({ title: 'Bank', template: 'bank-card', locale: 'en' })).rejects.toBeInstanceOf(TemplateNeedsServerError);
    expect(await directory.list()).toEqual([]);
    expect(await directory.unsynced()).toEqual(new Map());
  });

  it('counts edits made while not synced until the server confirms them', async () => {
    giveLocalStorage();
    const db = freshDb();
    await storeMap(db, 'Claims journey');
    await db.maps.put({ id: MAP_ID, title: 'Claims journey', updatedAt: new Date().toISOString(), touchpointCount: 0 });
    const directory = serverMapDirectory({ db, baseUrl: '', fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await directory.unsynced()).toEqual(new Map());

    // A server nobody answers at: the session stays offline, and each edit waits.
    const session = openMapSession({
      db,
      mapId: MAP_ID,
      serverUrl: 'ws://127.0.0.1:9/ws',
      WebSocketPolyfill: NodeWebSocket as unknown as typeof WebSocket,
    });
    await session.ready;
    session.commands.setMapTitle('Claims journey 2026');
    await session.dispose();
    expect([...(await directory.unsynced())]).toEqual([[MAP_ID, { changes: 1, createdOffline: false }]]);
  });
});
