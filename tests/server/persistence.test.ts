import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setMapTitle } from '../../src/doc/mutations';
import { openSqliteStorage } from '../../server/storage/sqlite';
import {
  addCard,
  api,
  canonicalSnapshot,
  cardTitles,
  ClientPool,
  createMap,
  removeTempDirs,
  startTestServer,
  tempDir,
  waitFor,
  waitSynced,
} from './helpers';
import { spawnServer } from '../fixtures/serverProcess';

const clients = new ClientPool();
const children: ChildProcess[] = [];

afterEach(() => {
  clients.destroyAll();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => removeTempDirs());

describe('persistence', () => {
  it('keeps every edit and the map list across a graceful restart', async () => {
    const dataDir = tempDir();
    let server = await startTestServer({ dataDir });
    const mapId = await createMap(server.url, 'Before restart');
    const ann = clients.connect(server.url, mapId);
    const bob = clients.connect(server.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);
    for (let i = 0; i < 10; i++) addCard(ann.doc, `Card ${i}`);
    setMapTitle(ann.doc, 'After restart');
    await waitFor(() => cardTitles(bob.doc).length === 10, 'the edits to reach the server');
    const expected = canonicalSnapshot(ann.doc);
    // Closed with both still connected: they are told goodbye and everything is on disk.
    const goodbye = new Promise<{ code: number } | null>((resolve) => bob.provider.once('connection-close', resolve));
    await server.close();
    expect((await goodbye)?.code).toBe(1001);
    clients.destroyAll();

    server = await startTestServer({ dataDir });
    try {
      const list = await api(server.url, 'GET', '/api/maps');
      expect(list.body).toEqual([expect.objectContaining({ id: mapId, title: 'After restart', touchpointCount: 10 })]);
      const fresh = clients.connect(server.url, mapId);
      await waitSynced(fresh);
      expect(canonicalSnapshot(fresh.doc)).toEqual(expected);
    } finally {
      await server.close();
    }
  });

  it('upgrades a data directory written before link keys existed', async () => {
    const dataDir = tempDir();
    // Schema version 1, as the first release wrote it.
    const old = new Database(path.join(dataDir, 'cjm.sqlite'));
    old.exec(`
      CREATE TABLE maps (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        deleted_at INTEGER, title TEXT NOT NULL DEFAULT '', touchpoint_count INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
      CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id TEXT NOT NULL, bytes BLOB NOT NULL);
      CREATE TABLE snapshots (map_id TEXT PRIMARY KEY, bytes BLOB NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO maps (id, created_at, updated_at, title) VALUES ('${'A'.repeat(22)}', 1, 1, 'Old map');
      PRAGMA user_version = 1;
    `);
    old.close();
    const store = openSqliteStorage(dataDir);
    try {
      expect(await store.findMap('A'.repeat(22))).toMatchObject({ title: 'Old map', keyGeneration: 0 });
      expect(await store.rotateKey('A'.repeat(22))).toBe(1);
      expect((await store.findMap('A'.repeat(22)))?.keyGeneration).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('unloads an idle room and reloads it intact on demand', async () => {
    const server = await startTestServer({ idleUnloadMs: 30 });
    try {
      const mapId = await createMap(server.url);
      const ann = clients.connect(server.url, mapId);
      await waitSynced(ann);
      for (let i = 0; i < 5; i++) addCard(ann.doc, `Card ${i}`);
      const expected = canonicalSnapshot(ann.doc);
      await waitFor(() => server.loadedMapIds().includes(mapId), 'the room to load');
      // Still connected: the room stays however long we wait.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.loadedMapIds()).toContain(mapId);

      clients.destroyAll();
      await waitFor(() => !server.loadedMapIds().includes(mapId), 'the idle room to unload');

      const bob = clients.connect(server.url, mapId);
      await waitSynced(bob);
      expect(server.loadedMapIds()).toContain(mapId);
      expect(canonicalSnapshot(bob.doc)).toEqual(expected);
      const list = await api(server.url, 'GET', '/api/maps');
      expect(list.body).toEqual([expect.objectContaining({ id: mapId, touchpointCount: 5 })]);
    } finally {
      await server.close();
    }
  });

  it('compacts the update log into a snapshot without losing anything', async () => {
    const dataDir = tempDir();
    let server = await startTestServer({ dataDir, compactAfter: 5 });
    const mapId = await createMap(server.url);
    const ann = clients.connect(server.url, mapId);
    const bob = clients.connect(server.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);
    for (let i = 0; i < 40; i++) {
      addCard(ann.doc, `Card ${i}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => cardTitles(bob.doc).length === 40, 'every card at Bob');

    const db = new Database(path.join(dataDir, 'cjm.sqlite'), { readonly: true });
    const logLength = () =>
      (db.prepare('SELECT count(*) AS n FROM updates WHERE map_id = ?').get(mapId) as { n: number }).n;
    await waitFor(() => logLength() <= 6, 'compaction');
    db.close();

    const expected = canonicalSnapshot(ann.doc);
    clients.destroyAll();
    await server.close();
    server = await startTestServer({ dataDir });
    try {
      const fresh = clients.connect(server.url, mapId);
      await waitSynced(fresh);
      expect(canonicalSnapshot(fresh.doc)).toEqual(expected);
    } finally {
      await server.close();
    }
  });

  it('loses nothing it relayed when the process is killed mid-stream', async () => {
    const dataDir = tempDir();
    const staticDir = tempDir('cjm-static-');
    const start = async () => {
      const started = await spawnServer({ env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir } });
      children.push(started.child);
      expect(started.output()).toContain(`(data in ${dataDir})`);
      return started;
    };

    const first = await start();
    const mapId = await createMap(first.url, 'Crash test');
    const writer = clients.connect(first.url, mapId);
    const watcher = clients.connect(first.url, mapId);
    await Promise.all([waitSynced(writer), waitSynced(watcher)]);

    let n = 0;
    const stream = setInterval(() => {
      for (let i = 0; i < 3; i++) addCard(writer.doc, `Card ${n++}`);
    }, 2);
    await waitFor(() => cardTitles(watcher.doc).length >= 60, 'the watcher to receive a good part of the stream');
    const lost = new Promise((resolve) => watcher.provider.once('connection-close', resolve));
    first.child.kill('SIGKILL');
    await lost;
    clearInterval(stream);
    // Everything the server relayed before it died, as the watcher received it.
    const relayed = cardTitles(watcher.doc);
    clients.destroyAll();

    const second = await start();
    const fresh = clients.connect(second.url, mapId);
    await waitSynced(fresh);
    const restored = new Set(cardTitles(fresh.doc));
    expect(relayed.filter((title) => !restored.has(title))).toEqual([]);
    expect(restored.size).toBeGreaterThanOrEqual(relayed.length);

    // SIGTERM is a clean stop.
    const exitCode = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    expect(await exitCode).toBe(0);
  });
});
