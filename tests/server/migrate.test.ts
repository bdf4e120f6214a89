// `npm run migrate -- --to "$DATABASE_URL"`: a SQLite data folder copied into PostgreSQL, as a
// team moving to cluster mode would notice it: the same maps (deleted ones still restorable),
// the same content and reviews, and running it again changes nothing, even after edits.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { describeWithEngines, freshDatabase, startPostgres, type RunningEngine } from '../fixtures/engines';
import { PROJECT_ROOT } from '../fixtures/serverProcess';
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
const servers: RunningServer[] = [];

afterEach(async () => {
  clients.destroyAll();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => removeTempDirs());

const migrate = async (from: string, to: string) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/migrateMain.ts', '--from', from, '--to', to], {
    cwd: PROJECT_ROOT,
  });
  return stdout;
};

describeWithEngines('migrate a SQLite data folder into PostgreSQL', { postgres: true }, () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await startPostgres();
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it('copies every map with its content and reviews, verified, and a second run adds only what is new', async () => {
    const dataDir = tempDir();
    const sqlite = await startTestServer({ dataDir });
    servers.push(sqlite);
    const kept = await createMap(sqlite.url, 'Kept');
    const deleted = await createMap(sqlite.url, 'Deleted');
    const ann = clients.connect(sqlite.url, kept);
    await waitSynced(ann);
    for (let i = 0; i < 20; i++) addCard(ann.doc, `Card ${i}`);
    const watcher = clients.connect(sqlite.url, kept);
    await waitFor(() => cardTitles(watcher.doc).length === 20, 'the cards on the server');
    expect((await api(sqlite.url, 'POST', `/api/maps/${kept}/reviews`, { name: '2026 Q4' })).status).toBe(201);
    expect((await api(sqlite.url, 'DELETE', `/api/maps/${deleted}`)).status).toBe(200);
    const expected = canonicalSnapshot(ann.doc);
    clients.destroyAll();
    await sqlite.close();
    servers.splice(0);

    const databaseUrl = await freshDatabase(engine, 'migrate');
    const first = await migrate(dataDir, databaseUrl);
    expect(first).toContain('2 copied, 0 merged into maps already there, 0 already complete, 0 failed');

    // Someone keeps editing on the old server after the copy.
    const late = await startTestServer({ dataDir });
    servers.push(late);
    const eve = clients.connect(late.url, kept);
    await waitSynced(eve);
    addCard(eve.doc, 'Late on SQLite');
    const lateWatcher = clients.connect(late.url, kept);
    await waitFor(() => cardTitles(lateWatcher.doc).length === 21, 'the late card on the SQLite server');
    clients.destroyAll();
    await late.close();
    servers.splice(0);

    const onPostgres = await startTestServer({ databaseUrl });
    servers.push(onPostgres);
    expect((await api(onPostgres.url, 'GET', '/api/maps')).body).toEqual([
      expect.objectContaining({ id: kept, title: 'Kept', touchpointCount: 20 }),
    ]);
    expect(((await api(onPostgres.url, 'GET', `/api/maps/${kept}/reviews`)).body as { name: string }[]).map((r) => r.name)).toEqual([
      '2026 Q4',
    ]);
    const bob = clients.connect(onPostgres.url, kept);
    await waitSynced(bob);
    expect(canonicalSnapshot(bob.doc)).toEqual(expected);
    // Edited on PostgreSQL after the copy: a second run must neither undo nor duplicate anything.
    addCard(bob.doc, 'Made on PostgreSQL');
    const carl = clients.connect(onPostgres.url, kept);
    await waitFor(() => cardTitles(carl.doc).length === 21, 'the new card on the server');
    clients.destroyAll();
    await onPostgres.close();
    servers.splice(0);

    const second = await migrate(dataDir, databaseUrl);
    expect(second).toContain('0 copied, 1 merged into maps already there, 1 already complete, 0 failed');
    expect(await migrate(dataDir, databaseUrl)).toContain('0 copied, 0 merged into maps already there, 2 already complete, 0 failed');
    const again = await startTestServer({ databaseUrl });
    servers.push(again);
    const dora = clients.connect(again.url, kept);
    await waitSynced(dora);
    expect(cardTitles(dora.doc)).toEqual([...expected.touchpoints.map((t) => t.title), 'Late on SQLite', 'Made on PostgreSQL'].sort());
    expect((await api(again.url, 'POST', `/api/maps/${deleted}/restore`)).status).toBe(200);
    expect(((await api(again.url, 'GET', `/api/maps/${kept}/reviews`)).body as unknown[]).length).toBe(1);
  });
});
