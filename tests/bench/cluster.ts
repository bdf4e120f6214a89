// Benchmark: cluster mode (PostgreSQL + Redis) side by side with one SQLite process.
//  1. relay throughput of one instance on PostgreSQL vs one on SQLite (raw writers, one watcher);
//  2. one map, 20 editors and 500 viewers over 3 instances: edit → viewer latency, also to
//     viewers on other instances (through Redis);
//  3. 2,000 maps × 5 clients over 3 instances: every map syncs, server RSS per instance.
// Servers run in child processes (CPU and RSS their own); clients are raw sockets in this
// process sending prepared updates, so client-side Yjs work does not count. Private engines
// from tests/fixtures/engines.ts; without PostgreSQL or Redis the rows say so instead.
import * as Y from 'yjs';
import WebSocket from 'ws';
import { encodeSyncUpdate } from '../../server/protocol';
import { freshDatabase, hasPostgres, hasRedis, startPostgres, startRedis, type RunningEngine } from '../fixtures/engines';
import { startServerProcess, type ChildSettings, type ServerProcess } from './lib/serverProcess';
import { percentile, round, sleep, waitFor } from './lib/stats';
import { createMapOverHttp, tempDir } from './lib/workspace';
import type { Benchmark, BenchOptions, Figure } from './types';

const MB = 1024 * 1024;
/** A sync step 1 from a peer that has nothing: the server answers with the whole map (step 2). */
const SYNC_STEP_1_EMPTY = new Uint8Array([0, 0, 1, 0]);
const isUpdate = (m: Uint8Array) => m[0] === 0 && m[1] === 2;
const isStep2 = (m: Uint8Array) => m[0] === 0 && m[1] === 1;

interface Peer {
  ws: WebSocket;
  onMessage: (data: Uint8Array) => void;
}

/** A raw y-websocket peer: no Yjs work, just frames. */
function openPeer(url: string, onMessage: (data: Uint8Array) => void = () => {}): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const peer: Peer = { ws, onMessage };
    ws.on('message', (data: Buffer) => peer.onMessage(data));
    ws.once('open', () => resolve(peer));
    ws.once('error', reject);
  });
}

/** Opens peers `concurrency` at a time, so the handshakes do not all queue at once. */
async function openPeers(urls: string[], concurrency: number, onMessage: (index: number) => (data: Uint8Array) => void): Promise<Peer[]> {
  const peers: Peer[] = new Array<Peer>(urls.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const i = next++;
        peers[i] = await openPeer(urls[i]!, onMessage(i));
      }
    }),
  );
  return peers;
}

const closeAll = (peers: readonly (Peer | undefined)[]) => {
  for (const peer of peers) peer?.ws.terminate();
};

async function startInstance(settings: Partial<ChildSettings>): Promise<ServerProcess> {
  return startServerProcess('ours', { dataDir: tempDir('cluster'), staticDir: tempDir('static'), ...settings });
}

// ---- 1. relay throughput -------------------------------------------------------------------

interface Throughput {
  perSecond: number;
  cpuPercent: number;
}

/**
 * `writers` raw peers send prepared updates as fast as the server takes them; one raw watcher
 * counts what is relayed to it. Each update is stored before it is relayed.
 */
async function throughput(server: ServerProcess, writers: number, perWriter: number): Promise<Throughput> {
  const mapId = await createMapOverHttp(server.url, 'Throughput');
  const url = `${server.wsUrl}/${mapId}`;
  const batches = Array.from({ length: writers }, (_, w) => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(encodeSyncUpdate(update)));
    for (let i = 0; i < perWriter; i++) doc.getMap('bench').set(`w${w}-${i}`, i);
    return updates;
  });
  let relayed = 0;
  const peers = await Promise.all(batches.map(() => openPeer(url)));
  const watcher = await openPeer(url, (m) => {
    if (isUpdate(m)) relayed++;
  });
  const cpuBefore = server.cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < perWriter; i++) {
    for (const [w, peer] of peers.entries()) peer.ws.send(batches[w]![i]!);
    if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await waitFor(() => relayed >= writers * perWriter, 'every update at the watcher', 180_000, 2);
  const ms = performance.now() - t0;
  const cpuPercent = ((server.cpuMs() - cpuBefore) / ms) * 100;
  closeAll([...peers, watcher]);
  return { perSecond: (writers * perWriter) / (ms / 1000), cpuPercent };
}

// ---- where the time goes: one edit at a time, nothing else running -------------------------

/**
 * One raw writer sends an edit, waits until a raw watcher (on `toWsUrl`, the same or another
 * instance) has it, pauses, sends the next: the storage commit and the relay hop alone.
 */
async function oneEditAtATime(fromUrl: string, toWsUrl: string, mapId: string, edits: number): Promise<number[]> {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(encodeSyncUpdate(update)));
  for (let i = 0; i < edits; i++) doc.getMap('bench').set('k', i);
  let arrived = 0;
  const writer = await openPeer(`${fromUrl}/${mapId}`);
  const watcher = await openPeer(`${toWsUrl}/${mapId}`, (m) => {
    if (isUpdate(m)) arrived++;
  });
  await sleep(200);
  const samples: number[] = [];
  for (let i = 0; i < edits; i++) {
    const before = arrived;
    const t0 = performance.now();
    writer.ws.send(updates[i]!);
    await waitFor(() => arrived > before, 'the edit at the watcher', 10_000, 0);
    samples.push(performance.now() - t0);
    await sleep(5);
  }
  closeAll([writer, watcher]);
  return samples;
}

const p50p99 = (samples: number[]) => `p50 ${round(percentile(samples, 50), 2)} ms, p99 ${round(percentile(samples, 99), 2)} ms`;

// ---- 2. one map, many viewers over 3 instances ----------------------------------------------

interface Fanout {
  all: number[];
  other: number[];
  same: number[];
  /** Per edit: its last viewer's arrival − its first viewer's (the fan-out's own spread). */
  spread: number[];
  /** This (measuring) process's CPU while editing, % of one core: the viewers are all here. */
  clientCpuPercent: number;
  expected: number;
  received: number;
  sent: number;
}

/**
 * Editor e's k-th edit sets the key `L<id>Q` (id = a global edit number). The key travels as
 * UTF-8 in whatever update the server relays, so a viewer finds it in the frame's bytes without
 * decoding. Latency = arrival at the viewer − send, per viewer.
 */
async function fanout(
  instances: ServerProcess[],
  mapId: string,
  editors: number,
  viewers: number,
  seconds: number,
  editsPerSecond: number,
  log: BenchOptions['log'],
): Promise<Fanout> {
  const urlOf = (i: number) => `${instances[i % instances.length]!.wsUrl}/${mapId}`;
  const sentAt = new Map<number, { t: number; instance: number }>();
  const result: Fanout = { all: [], other: [], same: [], spread: [], clientCpuPercent: 0, expected: 0, received: 0, sent: 0 };
  const firstLast = new Map<number, [number, number]>();
  const viewerInstance = (v: number) => v % instances.length;
  let measuring = false;
  const onViewerMessage = (v: number) => (m: Uint8Array) => {
    if (!measuring || !isUpdate(m)) return;
    const now = performance.now();
    const text = Buffer.from(m.buffer, m.byteOffset, m.byteLength).toString('latin1');
    for (const match of text.matchAll(/L(\d+)Q/g)) {
      const sent = sentAt.get(Number(match[1]));
      if (!sent) continue;
      const ms = now - sent.t;
      const span = firstLast.get(Number(match[1]));
      if (span) span[1] = ms;
      else firstLast.set(Number(match[1]), [ms, ms]);
      result.received++;
      result.all.push(ms);
      (sent.instance === viewerInstance(v) ? result.same : result.other).push(ms);
    }
  };
  const connectStart = performance.now();
  const viewerPeers = await openPeers(
    Array.from({ length: viewers }, (_, v) => urlOf(v)),
    20,
    onViewerMessage,
  );
  // Viewers ask for the map like any client would, and get it.
  let step2 = 0;
  for (const peer of viewerPeers) {
    const read = peer.onMessage;
    peer.onMessage = (m) => {
      if (isStep2(m)) step2++;
      read(m);
    };
    peer.ws.send(SYNC_STEP_1_EMPTY);
  }
  await waitFor(() => step2 >= viewers, 'every viewer synced', 120_000);
  const editorPeers = await openPeers(
    Array.from({ length: editors }, (_, e) => urlOf(e)),
    20,
    () => () => {},
  );
  log(`  ${viewers} viewers and ${editors} editors on ${instances.length} instances in ${round((performance.now() - connectStart) / 1000)} s`);

  const perEditor = Math.ceil((seconds * editsPerSecond) / editors);
  const prepared = Array.from({ length: editors }, (_, e) => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(encodeSyncUpdate(update)));
    for (let k = 0; k < perEditor; k++) doc.getMap('benchProbe').set(`e${e}`, `L${k * editors + e}Q`);
    return updates;
  });
  measuring = true;
  const cpuBefore = process.cpuUsage();
  const intervalMs = 1000 / editsPerSecond;
  const t0 = performance.now();
  for (let n = 0; n < perEditor * editors; n++) {
    const wait = t0 + n * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    const e = n % editors;
    const k = Math.floor(n / editors);
    sentAt.set(n, { t: performance.now(), instance: e % instances.length });
    editorPeers[e]!.ws.send(prepared[e]![k]!);
    result.sent++;
  }
  result.expected = result.sent * viewers;
  const drainUntil = Date.now() + 10_000;
  while (result.received < result.expected && Date.now() < drainUntil) await sleep(20);
  const cpu = process.cpuUsage(cpuBefore);
  result.clientCpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
  measuring = false;
  result.spread = [...firstLast.values()].map(([first, last]) => last - first);
  closeAll([...viewerPeers, ...editorPeers]);
  return result;
}

// ---- 3. many maps over 3 instances ----------------------------------------------------------

async function manyMaps(instances: ServerProcess[], maps: number, perMap: number, log: BenchOptions['log']) {
  const createStart = performance.now();
  const mapIds: string[] = new Array<string>(maps);
  let nextMap = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (nextMap < maps) {
        const i = nextMap++;
        mapIds[i] = await createMapOverHttp(instances[i % instances.length]!.url, `Map ${i}`);
      }
    }),
  );
  log(`  ${maps} maps created in ${round((performance.now() - createStart) / 1000)} s`);
  for (const instance of instances) await instance.gc();
  const rssBefore = instances.map((i) => i.rssBytes());

  // Client c of map m goes to instance (m + c) % 3: every map is open on every instance.
  const urls: string[] = [];
  for (let m = 0; m < maps; m++) for (let c = 0; c < perMap; c++) urls.push(`${instances[(m + c) % instances.length]!.wsUrl}/${mapIds[m]}`);
  const synced = new Uint8Array(urls.length);
  let syncedCount = 0;
  const t0 = performance.now();
  const peers = await openPeers(urls, 50, (i) => (m) => {
    if (isStep2(m) && !synced[i]) {
      synced[i] = 1;
      syncedCount++;
    }
  });
  const connectedMs = performance.now() - t0;
  // Each one asks for its map as soon as it is open.
  for (const peer of peers) peer.ws.send(SYNC_STEP_1_EMPTY);
  let timedOut = false;
  try {
    await waitFor(() => syncedCount >= urls.length, 'every client synced', 300_000, 20);
  } catch {
    timedOut = true;
  }
  const allSyncedMs = performance.now() - t0;
  const mapsSynced = mapIds.filter((_, m) => {
    for (let c = 0; c < perMap; c++) if (!synced[m * perMap + c]) return false;
    return true;
  }).length;
  await sleep(1000);
  const rssLoaded = instances.map((i) => i.rssBytes());
  const stats = await Promise.all(instances.map((i) => i.stats()));
  log(
    `  ${urls.length} sockets: connected in ${round(connectedMs / 1000)} s, ${syncedCount} synced after ${round(allSyncedMs / 1000)} s; ` +
      `RSS ${rssLoaded.map((r) => round(r / MB)).join(' / ')} MB; rooms ${stats.map((s) => s.rooms).join(' / ')}`,
  );
  closeAll(peers);
  return { connectedMs, allSyncedMs, timedOut, mapsSynced, syncedCount, sockets: urls.length, rssBefore, rssLoaded, heap: stats.map((s) => s.heapUsed) };
}

// ---- the benchmark --------------------------------------------------------------------------

function skipped(note: string): Figure[] {
  return [
    { key: 'cluster.relay.ratio', name: 'cluster: relay throughput PostgreSQL ÷ SQLite', value: null, unit: '×', target: { op: '>=', value: 0.5 }, text: 'skipped', note },
    { key: 'cluster.fanout.p99Ms', name: 'cluster: edit → viewer p99', value: null, unit: 'ms', target: { op: '<', value: 100 }, text: 'skipped', note },
    { key: 'cluster.maps.mapsSynced', name: 'cluster: maps synced', value: null, unit: '%', target: { op: '=', value: 100 }, text: 'skipped', note },
  ];
}

export const clusterBenchmark: Benchmark = {
  name: 'cluster',
  description: 'Cluster mode (PostgreSQL + Redis, 3 instances) beside one SQLite process',
  async run(options) {
    const { quick, log } = options;
    if (!hasPostgres || !hasRedis) {
      const missing = [!hasPostgres && 'PostgreSQL', !hasRedis && 'Redis'].filter(Boolean).join(' and ');
      log(`  ${missing} not installed: cluster rows skipped (.ci/run installs them)`);
      return skipped(`${missing} not installed`);
    }
    const writers = 10;
    const perWriter = quick ? 100 : 500;
    const editors = quick ? 5 : 20;
    const viewers = quick ? 50 : 500;
    const seconds = quick ? 3 : 10;
    const editsPerSecond = 20;
    const maps = quick ? 200 : 2000;
    const perMap = 5;
    const singleEdits = quick ? 50 : 300;
    const figures: Figure[] = [];
    const engines: RunningEngine[] = [];
    const servers: ServerProcess[] = [];
    const stopAll = async () => {
      await Promise.all(servers.splice(0).map((s) => s.stop()));
    };
    try {
      const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
      engines.push(postgres, redis);

      // 1. One SQLite process, then one PostgreSQL instance (no Redis: one instance relays to itself).
      const sqlite = await startInstance({});
      servers.push(sqlite);
      const sqliteRelay = await throughput(sqlite, writers, perWriter);
      const sqliteOne = await oneEditAtATime(sqlite.wsUrl, sqlite.wsUrl, await createMapOverHttp(sqlite.url, 'One'), singleEdits);
      await stopAll();
      const pgOnly = await startInstance({ databaseUrl: await freshDatabase(postgres, 'relay') });
      servers.push(pgOnly);
      const pgRelay = await throughput(pgOnly, writers, perWriter);
      const pgOne = await oneEditAtATime(pgOnly.wsUrl, pgOnly.wsUrl, await createMapOverHttp(pgOnly.url, 'One'), singleEdits);
      await stopAll();
      log(
        `  relay: SQLite ${Math.round(sqliteRelay.perSecond)} updates/s (server CPU ${round(sqliteRelay.cpuPercent)}%), ` +
          `PostgreSQL ${Math.round(pgRelay.perSecond)} updates/s (server CPU ${round(pgRelay.cpuPercent)}%)`,
      );
      const relayLabel = `${writers} raw writers × ${perWriter} updates, one watcher`;
      figures.push(
        {
          key: 'cluster.relay.sqlitePerS',
          name: 'cluster: relay, one SQLite process',
          value: Math.round(sqliteRelay.perSecond),
          unit: 'updates/s',
          note: `${relayLabel}; server CPU ${round(sqliteRelay.cpuPercent)}%`,
        },
        {
          key: 'cluster.relay.postgresPerS',
          name: 'cluster: relay, one PostgreSQL instance',
          value: Math.round(pgRelay.perSecond),
          unit: 'updates/s',
          note: `${relayLabel}; server CPU ${round(pgRelay.cpuPercent)}%`,
        },
        {
          key: 'cluster.relay.ratio',
          name: 'cluster: relay PostgreSQL ÷ SQLite',
          value: round(pgRelay.perSecond / sqliteRelay.perSecond, 2),
          unit: '×',
          target: { op: '>=', value: 0.5 },
        },
      );

      // 2 and 3. Three instances on one PostgreSQL database and one Redis.
      const databaseUrl = await freshDatabase(postgres, 'cluster');
      for (let i = 0; i < 3; i++) servers.push(await startInstance({ databaseUrl, redisUrl: redis.url }));
      const oneMap = await createMapOverHttp(servers[0]!.url, 'One');
      const sameOne = await oneEditAtATime(servers[0]!.wsUrl, servers[0]!.wsUrl, oneMap, singleEdits);
      const otherOne = await oneEditAtATime(servers[0]!.wsUrl, servers[1]!.wsUrl, oneMap, singleEdits);
      log(`  one edit at a time: SQLite ${p50p99(sqliteOne)}; PostgreSQL ${p50p99(pgOne)}; cluster same instance ${p50p99(sameOne)}; other instance ${p50p99(otherOne)}`);
      const oneLabel = `${singleEdits} edits one at a time, raw writer → raw watcher`;
      figures.push(
        { key: 'cluster.one.sqliteP50Ms', name: 'cluster: one edit, idle, SQLite', value: round(percentile(sqliteOne, 50), 2), unit: 'ms', note: `p99 ${round(percentile(sqliteOne, 99), 2)} ms; ${oneLabel}` },
        { key: 'cluster.one.postgresP50Ms', name: 'cluster: one edit, idle, PostgreSQL', value: round(percentile(pgOne, 50), 2), unit: 'ms', note: `p99 ${round(percentile(pgOne, 99), 2)} ms; one instance, no Redis` },
        { key: 'cluster.one.sameInstanceP50Ms', name: 'cluster: one edit, idle, PG + Redis, same instance', value: round(percentile(sameOne, 50), 2), unit: 'ms', note: `p99 ${round(percentile(sameOne, 99), 2)} ms` },
        { key: 'cluster.one.otherInstanceP50Ms', name: 'cluster: one edit, idle, PG + Redis, other instance', value: round(percentile(otherOne, 50), 2), unit: 'ms', note: `p99 ${round(percentile(otherOne, 99), 2)} ms; through Redis` },
      );
      const mapId = await createMapOverHttp(servers[0]!.url, 'Fan-out');
      const cpuBefore = servers.map((s) => s.cpuMs());
      const wallBefore = performance.now();
      const fan = await fanout(servers, mapId, editors, viewers, seconds, editsPerSecond, log);
      const cpu = servers.map((s, i) => round(((s.cpuMs() - cpuBefore[i]!) / (performance.now() - wallBefore)) * 100));
      const delivered = fan.expected === 0 ? 1 : fan.received / fan.expected;
      const fanLabel = `1 map, ${editors} editors + ${viewers} viewers / 3`;
      log(
        `  fan-out: p50 ${round(percentile(fan.all, 50))} ms, p99 ${round(percentile(fan.all, 99))} ms ` +
          `(same instance p99 ${round(percentile(fan.same, 99))}, other ${round(percentile(fan.other, 99))}); ` +
          `delivered ${round(delivered * 100, 2)}%; server CPU ${cpu.join(' / ')}%; ` +
          `first → last viewer of one edit p50 ${round(percentile(fan.spread, 50))} ms; measuring process CPU ${round(fan.clientCpuPercent)}%`,
      );
      const fanNote = `${fan.sent} edits at ${editsPerSecond}/s, ${viewers} viewers each; delivered ${round(delivered * 100, 2)}%; server CPU ${cpu.join(' / ')}%`;
      figures.push(
        {
          key: 'cluster.fanout.p99Ms',
          name: `cluster ${fanLabel}: edit → viewer p99`,
          value: round(percentile(fan.all, 99)),
          unit: 'ms',
          target: { op: '<', value: 100 },
          note: fanNote,
        },
        {
          key: 'cluster.fanout.p50Ms',
          name: `cluster ${fanLabel}: edit → viewer p50`,
          value: round(percentile(fan.all, 50)),
          unit: 'ms',
          note: `first → last viewer of one edit: p50 ${round(percentile(fan.spread, 50))} ms; the ${viewers} viewers share this process (CPU ${round(fan.clientCpuPercent)}%)`,
        },
        {
          key: 'cluster.fanout.otherInstanceP99Ms',
          name: `cluster ${fanLabel}: p99 to viewers on other instances`,
          value: round(percentile(fan.other, 99)),
          unit: 'ms',
          target: { op: '<', value: 100 },
          note: `p50 ${round(percentile(fan.other, 50))} ms; same instance p50 ${round(percentile(fan.same, 50))} ms, p99 ${round(percentile(fan.same, 99))} ms`,
        },
      );

      const many = await manyMaps(servers, maps, perMap, log);
      const label = `${maps} maps × ${perMap} / 3`;
      const sizeNote = quick ? `--quick: ${maps} maps (the full run has 2000)` : `raw sockets (sync step 1 → step 2), ${many.sockets} in all`;
      figures.push(
        {
          key: 'cluster.maps.mapsSynced',
          name: `cluster ${label}: maps synced`,
          value: round((many.mapsSynced / maps) * 100, 2),
          unit: '%',
          target: { op: '=', value: 100 },
          note: `${many.syncedCount} of ${many.sockets} sockets${many.timedOut ? ' (gave up after 300 s)' : ''}; ${sizeNote}`,
        },
        {
          key: 'cluster.maps.allSyncedMs',
          name: `cluster ${label}: time to all synced`,
          value: many.timedOut ? null : Math.round(many.allSyncedMs),
          unit: 'ms',
          note: `sockets opened 50 at a time in ${round(many.connectedMs / 1000)} s`,
        },
        {
          key: 'cluster.maps.rssMaxMb',
          name: `cluster ${label}: server RSS per instance (max)`,
          value: round(Math.max(...many.rssLoaded) / MB),
          unit: 'MB',
          note: `each ${many.rssLoaded.map((r) => round(r / MB)).join(' / ')} MB (before ${many.rssBefore.map((r) => round(r / MB)).join(' / ')}); JS heap ${many.heap.map((h) => round(h / MB)).join(' / ')} MB`,
        },
      );
      return figures;
    } finally {
      await stopAll();
      await Promise.all(engines.map((e) => e.stop()));
    }
  },
};
