// The browser's sync layer (map session and server-backed map list) against the real server:
// what a person sees of the connection, and that edits made while it is down arrive later.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/doc/read';
import { CjmCacheDb } from '../../src/sync/localCache';
import { serverMapDirectory } from '../../src/sync/serverDirectory';
import { openMapSession, type MapSession } from '../../src/sync/session';
import type { RunningServer } from '../../server/server';
import {
  api,
  connectClient,
  createMap,
  removeTempDirs,
  startTestServer,
  tempDir,
  waitFor,
  waitSynced,
  wsUrlOf,
  WS_POLYFILL,
  type TestClient,
} from './helpers';

const identity = { id: 'anna-device', name: 'Anna', color: '#2563eb' };
const cleanups: (() => Promise<void> | void)[] = [];
let dbCount = 0;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  removeTempDirs();
});

function freshDb(): CjmCacheDb {
  const db = new CjmCacheDb(`client-session-${process.pid}-${++dbCount}`);
  cleanups.push(() => db.delete());
  return db;
}

async function server(options: { dataDir?: string; port?: number } = {}): Promise<RunningServer> {
  const running = await startTestServer(options);
  cleanups.push(() => running.close());
  return running;
}

function open(db: CjmCacheDb, mapId: string, url: string, announce?: () => Promise<void>): MapSession {
  const session = openMapSession({ db, mapId, identity, serverUrl: wsUrlOf(url), WebSocketPolyfill: WS_POLYFILL, announce });
  cleanups.push(() => session.dispose());
  return session;
}

function client(url: string, mapId: string): TestClient {
  const c = connectClient(url, mapId);
  cleanups.push(() => c.destroy());
  return c;
}

const status = (session: MapSession) => session.connection.getState();

describe('the map session against the server', () => {
  it('says synced once connected, and a colleague receives the edit', async () => {
    const running = await server();
    const mapId = await createMap(running.url, 'Home loan');
    const db = freshDb();
    await serverMapDirectory({ db, baseUrl: running.url }).list();
    const session = open(db, mapId, running.url);
    await session.ready;
    await waitFor(() => status(session).synced, 'the session to sync');
    expect(status(session)).toMatchObject({ status: 'connected', pendingChanges: 0, refusal: null });

    const colleague = client(running.url, mapId);
    await waitSynced(colleague);
    session.commands.setMapTitle('Home loan, Q3');
    await waitFor(() => readSnapshot(colleague.doc).meta.title === 'Home loan, Q3', 'the colleague to see the title');
  });

  it('shows offline (not "connecting" forever) while the server is down, counts the edits, and sends them when it is back', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const { url, port } = first;
    const mapId = await createMap(url, 'Home loan');
    const db = freshDb();
    await serverMapDirectory({ db, baseUrl: url }).list();
    // The map's content is in this browser's cache before the server goes away.
    const warmUp = open(db, mapId, url);
    await warmUp.ready;
    await waitFor(() => status(warmUp).synced, 'the first sync');
    await warmUp.dispose();
    await first.close();

    const session = open(db, mapId, url);
    await session.ready;
    await waitFor(() => status(session).status === 'offline', 'the session to say offline', 10_000);
    const { stages, channels } = session.store.getState();
    session.commands.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Branch visit' });
    session.commands.setMapTitle('Home loan, offline');
    expect(status(session)).toMatchObject({ status: 'offline', pendingChanges: 2 });
    // Retrying keeps saying offline rather than flickering to "connecting". Each attempt tells
    // the connection state twice (trying, then closed): wait for three attempts and look at
    // everything the header was told meanwhile.
    const shown: string[] = [];
    const unsubscribe = session.connection.subscribe((state) => shown.push(state.status));
    await waitFor(() => shown.length >= 6, 'three attempts to reconnect', 10_000);
    unsubscribe();
    expect(new Set(shown)).toEqual(new Set(['offline']));

    await server({ dataDir, port });
    await waitFor(() => status(session).synced, 'the session to reconnect and sync', 15_000);
    expect(status(session)).toMatchObject({ status: 'connected', pendingChanges: 0 });
    const colleague = client(url, mapId);
    await waitSynced(colleague);
    const seen = readSnapshot(colleague.doc);
    expect(seen.meta.title).toBe('Home loan, offline');
    expect(seen.touchpoints.map((t) => t.title)).toEqual(['Branch visit']);
  });

  it('announces a map created offline when its session is refused as unknown, then syncs it', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const { url, port } = first;
    await first.close();

    const db = freshDb();
    const directory = serverMapDirectory({ db, baseUrl: url });
    const mapId = await directory.create({ title: 'Made on the train', template: 'default', locale: 'en' });
    expect(directory.reachability.getState().reachable).toBe(false);

    await server({ dataDir, port });
    // Opened before the list had a chance to announce it: the server does not know it yet.
    const session = open(db, mapId, url, directory.announcePending);
    await session.ready;
    await waitFor(() => status(session).synced, 'the session to sync the offline map', 15_000);
    expect(status(session).refusal).toBeNull();
    expect(directory.reachability.getState().reachable).toBe(true);

    const listed = await api(url, 'GET', '/api/maps');
    expect(listed.body).toEqual([expect.objectContaining({ id: mapId, title: 'Made on the train' })]);
    const colleague = client(url, mapId);
    await waitSynced(colleague);
    expect(readSnapshot(colleague.doc).stages.length).toBe(session.store.getState().stages.length);
  });

  it('is refused, for good, on a map the server has deleted', async () => {
    const running = await server();
    const mapId = await createMap(running.url, 'Doomed');
    const db = freshDb();
    const directory = serverMapDirectory({ db, baseUrl: running.url });
    await directory.list();
    const session = open(db, mapId, running.url, directory.announcePending);
    await session.ready;
    await waitFor(() => status(session).synced, 'the session to sync');

    await api(running.url, 'DELETE', `/api/maps/${mapId}`);
    await waitFor(() => status(session).status === 'refused', 'the session to be refused');
    expect(status(session).refusal?.code).toBe(4404);
  });
});
