// When the data directory stops taking writes (full, read-only), the server must not relay
// what it could not store: the sender is told (1011, so the stock client keeps the edit and
// retries), the map turns read-only for a moment, and once the disk is back the kept edits
// arrive everywhere. The failure is injected into the storage layer, as SQLite reports it.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite';
import type { Storage } from '../../server/storage/Storage';
import type { RunningServer } from '../../server/server';
import {
  addCard,
  api,
  cardTitles,
  ClientPool,
  createMap,
  removeTempDirs,
  startTestServer,
  tempDir,
  waitFor,
  waitSynced,
  type TestClient,
} from './helpers';

const clients = new ClientPool();
let server: RunningServer | null = null;

/** Storage whose writes fail, the way better-sqlite3 reports a full or read-only disk, while `broken()`. */
function fragileDisk(dataDir: string, broken: () => 'full' | 'read-only' | null): Storage {
  const real = openSqliteStorage(dataDir);
  const failIfBroken = () => {
    const state = broken();
    if (state === 'full') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    if (state === 'read-only') {
      throw Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    }
  };
  return {
    ...real,
    async appendUpdates(id, updates) {
      failIfBroken();
      return real.appendUpdates(id, updates);
    },
    async compact(id, state, upToSeq, now, stateVector) {
      failIfBroken();
      return real.compact(id, state, upToSeq, now, stateVector);
    },
    async setListEntry(id, entry, updatedAt) {
      failIfBroken();
      return real.setListEntry(id, entry, updatedAt);
    },
  };
}

const closeCode = (c: TestClient) =>
  new Promise<number | undefined>((resolve) =>
    c.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code)),
  );

afterEach(async () => {
  clients.destroyAll();
  await server?.close();
  server = null;
});
afterAll(() => removeTempDirs());

describe('a failing disk', () => {
  for (const failure of ['full', 'read-only'] as const) {
    it(`relays nothing it could not store when the disk is ${failure}, and takes the kept edits once it is back`, async () => {
      const dataDir = tempDir();
      let disk: 'full' | 'read-only' | null = null;
      const errors: string[] = [];
      server = await startTestServer({
        dataDir,
        persistence: fragileDisk(dataDir, () => disk),
        storageRetryMs: 300,
        log: { info: () => {}, warn: () => {}, error: (message) => errors.push(message) },
      });
      const url = server.url;
      const mapId = await createMap(url);
      const ann = clients.connect(url, mapId);
      const bob = clients.connect(url, mapId);
      await Promise.all([waitSynced(ann), waitSynced(bob)]);
      addCard(ann.doc, 'Stored before');
      await waitFor(() => cardTitles(bob.doc).includes('Stored before'), 'the first card at Bob');

      disk = failure;
      const annTold = closeCode(ann);
      addCard(ann.doc, 'Written while the disk is ' + failure);
      expect(await annTold).toBe(1011);
      expect(errors.some((line) => line.includes('could not store an update'))).toBe(true);

      // While the map is read-only, Bob's edits are refused the same way, without a retry storm.
      const bobTold = closeCode(bob);
      addCard(bob.doc, "Bob's card while read-only");
      expect(await bobTold).toBe(1011);
      // Nobody received what was not stored; each keeps its own edit locally.
      expect(cardTitles(bob.doc)).toEqual(["Bob's card while read-only", 'Stored before']);
      expect(cardTitles(ann.doc)).toEqual(['Stored before', 'Written while the disk is ' + failure]);
      // The API says so too, in JSON and without details.
      const rename = await api(url, 'PATCH', `/api/maps/${mapId}`, { title: 'Renamed' });
      expect(rename).toEqual({ status: 503, body: { error: 'the server cannot store changes right now' } });

      // The disk comes back: the stock clients reconnect on their own and deliver what they kept.
      disk = null;
      const expected = ["Bob's card while read-only", 'Stored before', 'Written while the disk is ' + failure];
      await waitFor(() => cardTitles(ann.doc).length === 3 && cardTitles(bob.doc).length === 3, 'the kept edits everywhere', 10_000);
      expect(cardTitles(ann.doc)).toEqual(expected);
      const db = new Database(path.join(dataDir, 'cjm.sqlite'), { readonly: true });
      const stored = db.prepare('SELECT count(*) AS n FROM updates WHERE map_id = ?').get(mapId) as { n: number };
      db.close();
      expect(stored.n).toBeGreaterThanOrEqual(3);
      const late = clients.connect(url, mapId);
      await waitSynced(late);
      expect(cardTitles(late.doc)).toEqual(expected);
    });
  }
});
