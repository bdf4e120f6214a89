// Cluster mode keeps the limits of one process: connections per map and per address are counted
// across every instance (in Redis), a dead instance's places free within its heartbeats, a map
// that grew through one instance is refused growing past its size on another, and with Redis
// gone each instance counts alone instead of refusing everyone. Real PostgreSQL and Redis.
import type { ChildProcess } from 'node:child_process';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { addNote } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import type { HealthAnswer } from '../../src/domain/api';
import type { Logger } from '../../server/log';
import type { RunningServer, StartOptions } from '../../server/server';
import { describeWithEngines, freshDatabase, startPostgres, startRedis, type RunningEngine } from '../fixtures/engines';
import { spawnServer } from '../fixtures/serverProcess';
import {
  addCard,
  api,
  ClientPool,
  createMap,
  openRawPeer,
  removeTempDirs,
  startTestServer,
  tempDir,
  waitFor,
  waitSynced,
  wsUrlOf,
  type RawPeer,
} from './helpers';

const HEARTBEAT_MS = 200;
/** An instance silent for three heartbeats is taken for dead (server/relay/redis.ts). */
const DEAD_AFTER_MS = 3 * HEARTBEAT_MS;

const clients = new ClientPool();
const peers: RawPeer[] = [];
const children: ChildProcess[] = [];
const servers: RunningServer[] = [];

afterEach(async () => {
  clients.destroyAll();
  for (const peer of peers.splice(0)) peer.ws.terminate();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => removeTempDirs());

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

async function rawPeer(url: string): Promise<RawPeer> {
  const peer = await openRawPeer(url);
  peers.push(peer);
  return peer;
}

/** Opens a connection and reports how it went: 'open', or the close code it was refused with. */
function tryConnect(url: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    openRawPeer(url).then((peer) => {
      peers.push(peer);
      // A refused connection is closed right after its handshake; an admitted one gets the sync step 1.
      const timer = setInterval(() => {
        if (peer.received.length > 0) {
          clearInterval(timer);
          resolve('open');
        }
      }, 5);
      void peer.closed.then((code) => {
        clearInterval(timer);
        resolve(code);
      });
    }, reject);
  });
}

const updateFrame = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

/** Waits until an asynchronous check holds. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const health = async (url: string) => (await api(url, 'GET', '/healthz')).body as HealthAnswer;
const limitsScope = async (url: string) => {
  const { relay } = await health(url);
  return relay.kind === 'redis' ? relay.limits : 'none';
};

describeWithEngines('cluster: limits across instances', { postgres: true, redis: true }, () => {
  let postgres: RunningEngine;
  let redis: RunningEngine;
  let databases = 0;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  });
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  const database = () => freshDatabase(postgres, `limits${++databases}`);

  async function instances(databaseUrl: string, n: number, options: Partial<StartOptions>): Promise<RunningServer[]> {
    const started = await Promise.all(
      Array.from({ length: n }, () => startTestServer({ databaseUrl, redisUrl: redis.url, relayHeartbeatMs: HEARTBEAT_MS, ...options })),
    );
    servers.push(...started);
    return started;
  }

  it('holds the per-map limit over clients spread across two instances, one place to the first of two at once', async () => {
    const log = recordingLogger();
    const [a, b] = (await instances(await database(), 2, { maxConnectionsPerMap: 3, reservedForEditors: 0, log })) as [RunningServer, RunningServer];
    expect(await limitsScope(a.url)).toBe('cluster');
    const mapId = await createMap(a.url);
    const [onA, onB] = [`${wsUrlOf(a.url)}/${mapId}`, `${wsUrlOf(b.url)}/${mapId}`];
    await rawPeer(onA);
    await rawPeer(onB);
    // One place left: two people asking for it at once, one on each instance, get one place.
    const both = await Promise.all([tryConnect(onA), tryConnect(onB)]);
    expect(both.sort()).toEqual([4408, 'open']);
    expect(await tryConnect(onA)).toBe(4408);
    expect(await tryConnect(onB)).toBe(4408);
    expect(log.lines.some((line) => line.includes('too many connections to this map (4408)'))).toBe(true);
    expect(a.connectionCount() + b.connectionCount()).toBe(3);

    // A place freed on one instance can be taken on the other.
    const leaving = peers.find((peer) => peer.ws.readyState === peer.ws.OPEN)!;
    leaving.ws.close();
    await waitFor(() => a.connectionCount() + b.connectionCount() === 2, 'the closed connection to be counted out');
    await eventually(async () => (await tryConnect(onB)) === 'open', 'the freed place taken on the other instance');
  });

  it("frees a SIGKILLed instance's places within its heartbeats, per map and per address", async () => {
    const databaseUrl = await database();
    const limits = { maxConnectionsPerMap: 2, maxConnectionsPerIp: 3, reservedForEditors: 1 };
    const [b] = (await instances(databaseUrl, 1, limits)) as [RunningServer];
    const killed = await spawnServer({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: tempDir(),
        STATIC_DIR: tempDir('cjm-static-'),
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        RELAY_HEARTBEAT_MS: String(HEARTBEAT_MS),
        MAX_CONNECTIONS_PER_MAP: '2',
        MAX_CONNECTIONS_PER_IP: '3',
      },
      timeoutMs: 30_000,
    });
    children.push(killed.child);
    const [full, other] = [await createMap(b.url, 'Full'), await createMap(b.url, 'Other')];
    // The doomed instance holds the whole of one map; this address then has one place left.
    await rawPeer(`${wsUrlOf(killed.url)}/${full}`);
    await rawPeer(`${wsUrlOf(killed.url)}/${full}`);
    await rawPeer(`${wsUrlOf(b.url)}/${other}`);
    expect(await tryConnect(`${wsUrlOf(b.url)}/${full}`)).toBe(4408);
    expect(await tryConnect(`${wsUrlOf(b.url)}/${other}`)).toBe(4408);

    killed.child.kill('SIGKILL');
    const killedAt = Date.now();
    await eventually(async () => (await tryConnect(`${wsUrlOf(b.url)}/${full}`)) === 'open', 'a place on the map of the dead instance', 5000);
    const freedAfter = Date.now() - killedAt;
    // Its alive key expires after three missed heartbeats; the rest is the polling (each try opens
    // a connection through PostgreSQL, slow on a loaded machine). Without the expiry: never.
    expect(freedAfter).toBeLessThan(DEAD_AFTER_MS + 2500);
    expect(await tryConnect(`${wsUrlOf(b.url)}/${other}`)).toBe('open');
  });

  it('holds the per-address limit across instances', async () => {
    const log = recordingLogger();
    const [a, b] = (await instances(await database(), 2, { maxConnectionsPerIp: 2, log })) as [RunningServer, RunningServer];
    const [one, two, three] = [await createMap(a.url), await createMap(a.url), await createMap(a.url)];
    await rawPeer(`${wsUrlOf(a.url)}/${one}`);
    await rawPeer(`${wsUrlOf(b.url)}/${two}`);
    expect(await tryConnect(`${wsUrlOf(a.url)}/${three}`)).toBe(4408);
    expect(await tryConnect(`${wsUrlOf(b.url)}/${three}`)).toBe(4408);
    expect(log.lines.some((line) => line.includes('too many connections from this address (4408)'))).toBe(true);
    // Another address is counted on its own.
    const elsewhere = await openRawPeer(`${wsUrlOf(b.url)}/${three}`, {}, { localAddress: '127.0.0.2' });
    peers.push(elsewhere);
    expect(elsewhere.ws.readyState).toBe(elsewhere.ws.OPEN);
  });

  it('refuses an update on one instance when the map grew past its size limit through another', async () => {
    const log = recordingLogger();
    const [a, b] = (await instances(await database(), 2, { maxMapBytes: 48 * 1024, log })) as [RunningServer, RunningServer];
    const mapId = await createMap(a.url);
    const ann = clients.connect(a.url, mapId);
    const bob = clients.connect(b.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);

    // What Bob's instance would take on its own: 12 KB more.
    const forgeOn = (base: Y.Doc) => {
      const forger = new Y.Doc();
      Y.applyUpdate(forger, Y.encodeStateAsUpdate(base));
      const before = Y.encodeStateVector(forger);
      const card = addCard(forger, 'Big');
      for (let i = 0; i < 3; i++) addNote(forger, card, 'fix', `${i}`.padEnd(4000, 'y'));
      return Y.encodeStateAsUpdate(forger, before);
    };
    // The map grows to about 40 KB through instance a.
    const card = addCard(ann.doc, 'Long notes');
    for (let i = 0; i < 10; i++) addNote(ann.doc, card, 'fix', `${i}`.padEnd(4000, 'x'));
    await waitFor(() => readSnapshot(bob.doc).notes.length === 10, "Ann's notes at Bob");

    const peer = await rawPeer(`${wsUrlOf(b.url)}/${mapId}`);
    peer.ws.send(updateFrame(forgeOn(bob.doc)));
    const accepted = waitFor(() => readSnapshot(bob.doc).notes.length > 10, 'the forged notes at Bob', 10_000).then(
      () => 'accepted',
      () => 'never arrived',
    );
    expect(await Promise.race([peer.closed, accepted])).toBe(4413);
    expect(log.lines.some((line) => line.includes('the map would grow past 49152 bytes'))).toBe(true);
    // Nothing of it was stored: a fresh client on either instance lacks it.
    const late = clients.connect(a.url, mapId);
    await waitSynced(late);
    expect(readSnapshot(late.doc).touchpoints.map((t) => t.title)).not.toContain('Big');
    expect(readSnapshot(late.doc).notes).toHaveLength(10);
  });

  it('counts each instance alone while Redis is down, refusing nobody, and counts across them again when it is back', async () => {
    const [a, b] = (await instances(await database(), 2, { maxConnectionsPerMap: 3, reservedForEditors: 0 })) as [RunningServer, RunningServer];
    const mapId = await createMap(a.url);
    const [onA, onB] = [`${wsUrlOf(a.url)}/${mapId}`, `${wsUrlOf(b.url)}/${mapId}`];
    await rawPeer(onA);
    await rawPeer(onA);
    await rawPeer(onB);
    expect(await tryConnect(onB)).toBe(4408);

    await redis.down();
    try {
      await eventually(async () => (await limitsScope(b.url)) === 'instance', '/healthz to say limits are per instance', 5000);
      // Instance b holds one connection of its own: it admits up to its limit rather than nobody.
      expect(await tryConnect(onB)).toBe('open');
    } finally {
      await redis.up();
    }
    // Redis came back empty: each instance writes its counts back, and the map is full again.
    await eventually(async () => (await limitsScope(a.url)) === 'cluster' && (await limitsScope(b.url)) === 'cluster', 'limits across instances again', 10_000);
    await eventually(async () => (await tryConnect(onA)) === 4408, 'the map full across instances again', 5000);
    expect(a.connectionCount() + b.connectionCount()).toBe(4);
  });
});
