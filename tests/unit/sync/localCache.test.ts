import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_AFTER, CjmCacheDb, DocCache, compactMap, deleteMapData, readMapUpdates } from '../../../src/sync/localCache';
import { mayHoldCopy } from '../../../src/sync/copyNote';
import { updateTouchpoint } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';

const dbs: CjmCacheDb[] = [];
let dbCount = 0;
function freshDb() {
  const db = new CjmCacheDb(`cache-test-${process.pid}-${++dbCount}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const rowCount = (db: CjmCacheDb, mapId: string) => db.updates.where('mapId').equals(mapId).count();

/** Opens the cached map in a brand-new doc, as a reload does. */
async function reload(db: CjmCacheDb, mapId: string) {
  const doc = new Y.Doc();
  const cache = new DocCache(db, mapId, doc);
  await cache.whenLoaded;
  return { doc, cache };
}

/** A cache on an empty doc that then receives a whole map, as when a map is first opened. */
async function cachedMap(db: CjmCacheDb, mapId: string) {
  const doc = new Y.Doc();
  const cache = new DocCache(db, mapId, doc);
  await cache.whenLoaded;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(makeMapDoc({ title: mapId }).doc), 'remote');
  return { doc, cache };
}

describe('DocCache', () => {
  it('writes every edit and a new doc loads the same map', async () => {
    const db = freshDb();
    const { doc, cache } = await cachedMap(db, 'map-1');
    const tp = addTouchpointAt(doc, 0, 0, { title: 'Ad' });
    updateTouchpoint(doc, tp, { expectation: 4 });
    await cache.destroy();

    const { doc: reloaded, cache: second } = await reload(db, 'map-1');
    expect(readSnapshot(reloaded).touchpoints).toMatchObject([{ id: tp, title: 'Ad', expectation: 4 }]);
    await second.destroy();
  });

  it('stores edits made on an empty doc from the first one, nothing lost on reload', async () => {
    const db = freshDb();
    const doc = new Y.Doc();
    const cache = new DocCache(db, 'map-2', doc);
    await cache.whenLoaded;
    const source = makeMapDoc({ title: 'Whole map' }).doc;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), 'remote');
    addTouchpointAt(doc, 2, 2, { title: 'Phone call' });
    await cache.flush();
    const { doc: reloaded, cache: second } = await reload(db, 'map-2');
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(doc));
    expect(readSnapshot(reloaded)).toEqual(readSnapshot(doc));
    await Promise.all([cache.destroy(), second.destroy()]);
  });

  it('adopts a whole map fetched from the server, keeps those very bytes, and refuses bytes that do not decode', async () => {
    const db = freshDb();
    const doc = new Y.Doc();
    const cache = new DocCache(db, 'fetched', doc);
    await cache.whenLoaded;
    const state = Y.encodeStateAsUpdate(makeMapDoc({ title: 'Fetched map' }).doc);
    cache.adoptServerState(state, 'server');
    await cache.flush();
    expect(await readMapUpdates(db, 'fetched')).toEqual([state]);
    const tp = addTouchpointAt(doc, 0, 0, { title: 'Ad' });
    await cache.flush();
    const { doc: reloaded, cache: second } = await reload(db, 'fetched');
    expect(readSnapshot(reloaded)).toEqual(readSnapshot(doc));
    expect(readSnapshot(reloaded).touchpoints.map((t) => t.id)).toEqual([tp]);
    await Promise.all([cache.destroy(), second.destroy()]);

    // Bytes that do not decode are refused, and the cache still writes what happens next.
    const other = new Y.Doc();
    const otherCache = new DocCache(db, 'refused', other);
    await otherCache.whenLoaded;
    expect(() => otherCache.adoptServerState(new Uint8Array([9, 9, 9, 9, 9]), 'server')).toThrow();
    expect(readSnapshot(other).meta.title).toBe('');
    Y.applyUpdate(other, state, 'server');
    await otherCache.flush();
    expect(await rowCount(db, 'refused')).toBe(1);
    await otherCache.destroy();
  });

  it('does not write back what it loaded', async () => {
    const db = freshDb();
    const { doc: source } = makeMapDoc();
    await db.updates.add({ mapId: 'm', update: Y.encodeStateAsUpdate(source) });
    const { cache } = await reload(db, 'm');
    await cache.flush();
    expect(await rowCount(db, 'm')).toBe(1);
    await cache.destroy();
  });

  it('keeps maps apart', async () => {
    const db = freshDb();
    const one = new Y.Doc();
    const two = new Y.Doc();
    const c1 = new DocCache(db, 'one', one);
    const c2 = new DocCache(db, 'two', two);
    await Promise.all([c1.whenLoaded, c2.whenLoaded]);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(makeMapDoc({ title: 'One' }).doc));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(makeMapDoc({ title: 'Two' }).doc));
    await Promise.all([c1.destroy(), c2.destroy()]);
    const r1 = await reload(db, 'one');
    const r2 = await reload(db, 'two');
    expect(readSnapshot(r1.doc).meta.title).toBe('One');
    expect(readSnapshot(r2.doc).meta.title).toBe('Two');
    await deleteMapData(db, 'one');
    expect(await readMapUpdates(db, 'one')).toEqual([]);
    expect(await rowCount(db, 'two')).toBeGreaterThan(0);
  });

  it(`merges the stored updates into one row once ${COMPACT_AFTER} are stored, state unchanged`, async () => {
    const db = freshDb();
    const { doc, cache } = await cachedMap(db, 'busy');
    const tp = addTouchpointAt(doc, 0, 0);
    await cache.flush();
    const rows: number[] = [];
    for (let i = 0; i < COMPACT_AFTER + 10; i++) {
      updateTouchpoint(doc, tp, { title: `Edit ${i}` });
      await cache.flush();
      rows.push(await rowCount(db, 'busy'));
    }
    await cache.destroy();
    // Rows grow one per write up to the threshold, then collapse to one and grow again.
    expect(Math.max(...rows)).toBe(COMPACT_AFTER - 1);
    const collapsedAt = rows.findIndex((n, i) => i > 0 && n < rows[i - 1]!);
    expect(rows[collapsedAt]).toBe(1);
    expect(rows.at(-1)).toBeLessThanOrEqual(COMPACT_AFTER / 5);

    const { doc: reloaded, cache: second } = await reload(db, 'busy');
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(doc));
    expect(readSnapshot(reloaded)).toEqual(readSnapshot(doc));
    expect(readSnapshot(reloaded).touchpoints[0]!.title).toBe(`Edit ${COMPACT_AFTER + 9}`);
    await second.destroy();
  });

  it('a reload counts the rows already stored towards the next compaction', async () => {
    const db = freshDb();
    const { doc, cache } = await cachedMap(db, 'again');
    const tp = addTouchpointAt(doc, 0, 0);
    for (let i = 0; i < COMPACT_AFTER - 10; i++) {
      updateTouchpoint(doc, tp, { title: `First session ${i}` });
      await cache.flush();
    }
    await cache.destroy();
    const before = await rowCount(db, 'again');
    const { doc: reloaded, cache: second } = await reload(db, 'again');
    for (let i = 0; i < 15; i++) {
      updateTouchpoint(reloaded, tp, { title: `Second session ${i}` });
      await second.flush();
    }
    await second.destroy();
    // The map as it arrived is written with the first edit (it waits for an idle moment otherwise).
    expect(before).toBeGreaterThanOrEqual(COMPACT_AFTER - 10);
    expect(await rowCount(db, 'again')).toBeLessThan(15);
  });

  it('compactMap leaves exactly one row holding the whole state', async () => {
    const db = freshDb();
    const { doc, cache } = await cachedMap(db, 'c');
    for (let i = 0; i < 5; i++) {
      addTouchpointAt(doc, i, i);
      await cache.flush();
    }
    expect(await rowCount(db, 'c')).toBeGreaterThan(1);
    await compactMap(db, 'c');
    expect(await rowCount(db, 'c')).toBe(1);
    const { doc: reloaded, cache: second } = await reload(db, 'c');
    expect(readSnapshot(reloaded)).toEqual(readSnapshot(doc));
    await Promise.all([cache.destroy(), second.destroy()]);
  });
});

describe('knowing before IndexedDB opens whether this browser holds a copy of a map', () => {
  /** A browser's localStorage, for the length of one test. */
  function withLocalStorage() {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    return () => Reflect.deleteProperty(globalThis, 'localStorage');
  }

  it('says no for a map never cached here, yes once anything of it is stored, and no again after it is deleted', async () => {
    const restore = withLocalStorage();
    try {
      const db = freshDb();
      const mapId = 'mapNeverSeenHere0000001';
      expect(mayHoldCopy(db.name, mapId)).toBe(false);
      const doc = new Y.Doc();
      const cache = new DocCache(db, mapId, doc);
      await cache.whenLoaded;
      doc.getMap('meta').set('title', 'Claims journey');
      await cache.flush();
      expect(mayHoldCopy(db.name, mapId)).toBe(true);
      // Another cache database (another app on the same origin) holds nothing of it.
      expect(mayHoldCopy(freshDb().name, mapId)).toBe(false);
      await deleteMapData(db, mapId);
      expect(mayHoldCopy(db.name, mapId)).toBe(false);
    } finally {
      restore();
    }
  });

  it('answers yes when it cannot tell (no localStorage), so the cached copy is waited for', () => {
    expect(mayHoldCopy(freshDb().name, 'mapNeverSeenHere0000002')).toBe(true);
  });
});
