// The server on PostgreSQL (DATABASE_URL), as people would notice it: maps made through the API
// and edited by stock clients survive a SIGKILL and restart; two instances may share one data
// folder (the folder lock is SQLite's); and while the database is down, edits are refused with
// 1011 and the API with 503, then everything the clients kept arrives once it is back.
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { setMapTitle } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import type { RunningServer } from '../../server/server';
import { describeWithEngines, freshDatabase, startPostgres, type RunningEngine } from '../fixtures/engines';
import { spawnServer } from '../fixtures/serverProcess';
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

const clients = new ClientPool();
const children: ChildProcess[] = [];
const servers: RunningServer[] = [];

afterEach(async () => {
  clients.destroyAll();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const server of servers.splice(0)) await server.close();
});
afterAll(() => removeTempDirs());

describeWithEngines('server on PostgreSQL', { postgres: true }, () => {
  let engine: RunningEngine;
  let databases = 0;
  beforeAll(async () => {
    engine = await startPostgres();
  });
  afterAll(async () => {
    await engine?.stop();
  });

  const spawn = async (env: Record<string, string>) => {
    const started = await spawnServer({ env: { PORT: '0', HOST: '127.0.0.1', STATIC_DIR: tempDir('cjm-static-'), ...env }, timeoutMs: 20_000 });
    children.push(started.child);
    return started;
  };

  it('keeps maps and edits across a SIGKILL; instances share one data folder', async () => {
    const databaseUrl = await freshDatabase(engine, `server${++databases}`);
    const dataDir = tempDir();
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
    const first = await spawn(env);
    expect(first.output()).toMatch(/data in PostgreSQL 127\.0\.0\.1:\d+\/server\d/);
    // A second instance on the same folder starts: only SQLite holds the folder.
    const second = await spawn(env);

    const mapId = await createMap(first.url, 'On PostgreSQL');
    expect(((await api(second.url, 'GET', '/api/maps')).body as { id: string }[]).map((m) => m.id)).toEqual([mapId]);
    const ann = clients.connect(first.url, mapId);
    const watcher = clients.connect(first.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(watcher)]);
    for (let i = 0; i < 30; i++) addCard(ann.doc, `Card ${i}`);
    setMapTitle(ann.doc, 'Renamed');
    await waitFor(
      () => cardTitles(watcher.doc).length === 30 && readSnapshot(watcher.doc).meta.title === 'Renamed',
      'the edits to be relayed',
    );
    const expected = canonicalSnapshot(watcher.doc);
    clients.destroyAll();

    first.child.kill('SIGKILL');
    const restarted = await spawn(env);
    const fresh = clients.connect(restarted.url, mapId);
    await waitSynced(fresh);
    expect(canonicalSnapshot(fresh.doc)).toEqual(expected);
    const health = await api(restarted.url, 'GET', '/healthz');
    expect(health.body).toMatchObject({ ok: true, storage: { kind: 'postgres', reachable: true } });
  });

  it('refuses edits with 1011 and the API with 503 while the database is down; loses nothing', async () => {
    const databaseUrl = await freshDatabase(engine, `server${++databases}`);
    const server = await startTestServer({ databaseUrl, storageRetryMs: 100 });
    servers.push(server);
    const mapId = await createMap(server.url, 'Outage');
    const ann = clients.connect(server.url, mapId);
    const bob = clients.connect(server.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);
    addCard(ann.doc, 'Before');
    await waitFor(() => cardTitles(bob.doc).length === 1, 'the first card at Bob');

    await engine.down();
    try {
      const closed = new Promise<number | undefined>((resolve) =>
        ann.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code)),
      );
      addCard(ann.doc, 'During');
      expect(await closed).toBe(1011);
      expect(cardTitles(bob.doc)).toEqual(['Before']);
      const created = await api(server.url, 'POST', '/api/maps', { title: 'Refused' });
      expect(created).toEqual({ status: 503, body: { error: 'the server cannot store changes right now' } });
      expect((await api(server.url, 'GET', '/healthz')).body).toMatchObject({ ok: false, storage: { kind: 'postgres', reachable: false } });
    } finally {
      await engine.up();
    }
    // Ann's client kept the card and sends it again once a reconnect is accepted.
    await waitFor(() => cardTitles(bob.doc).length === 2, 'the kept card at Bob', 20_000);
    addCard(bob.doc, 'After');
    await waitFor(() => cardTitles(ann.doc).length === 3, 'the last card at Ann');
    const expected = canonicalSnapshot(ann.doc);
    clients.destroyAll();
    await server.close();
    servers.splice(0);

    const again = await startTestServer({ databaseUrl });
    servers.push(again);
    const fresh = clients.connect(again.url, mapId);
    await waitSynced(fresh);
    expect(canonicalSnapshot(fresh.doc)).toEqual(expected);
  });
});
