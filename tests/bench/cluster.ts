// Cluster mode figures (not in CI): relay throughput of one instance on SQLite and on
// PostgreSQL, and how long an edit takes to reach a client on the same instance and on another
// instance (PostgreSQL + Redis). Private engines from tests/fixtures/engines.ts.
//   node --import tsx tests/bench/cluster.ts
import * as Y from 'yjs';
import { silentLogger } from '../../server/log';
import { encodeSyncUpdate } from '../../server/protocol';
import { startServer, type RunningServer, type StartOptions } from '../../server/server';
import { freshDatabase, startPostgres, startRedis } from '../fixtures/engines';
import { addCard, connectClient, createMap, openRawPeer, tempDir, waitFor, waitSynced, wsUrlOf, type TestClient } from '../server/helpers';

const WRITERS = 10;
const EDITS_PER_WRITER = 500;
const LATENCY_SAMPLES = 200;

const start = (options: Partial<StartOptions>) =>
  startServer({ port: 0, host: '127.0.0.1', dataDir: tempDir(), staticDir: tempDir('cjm-static-'), log: silentLogger, ...options });

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/**
 * The server's own share: raw peers send prepared updates (no client-side Yjs work), one raw
 * watcher counts what is relayed to it. Each update is stored before it is relayed.
 */
async function throughput(server: RunningServer): Promise<number> {
  const mapId = await createMap(server.url, 'Throughput');
  const url = `${wsUrlOf(server.url)}/${mapId}`;
  const batches = Array.from({ length: WRITERS }, (_, w) => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(encodeSyncUpdate(update)));
    for (let i = 0; i < EDITS_PER_WRITER; i++) doc.getMap('bench').set(`w${w}-${i}`, i);
    return updates;
  });
  const writers = await Promise.all(batches.map(() => openRawPeer(url)));
  const watcher = await openRawPeer(url);
  const relayed = () => watcher.received.filter((m) => m[0] === 0 && m[1] === 2).length;
  const t0 = performance.now();
  for (let i = 0; i < EDITS_PER_WRITER; i++) {
    for (const [w, writer] of writers.entries()) writer.ws.send(batches[w]![i]!);
    if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await waitFor(() => relayed() >= WRITERS * EDITS_PER_WRITER, 'every update at the watcher', 120_000);
  const seconds = (performance.now() - t0) / 1000;
  for (const peer of [...writers, watcher]) peer.ws.close();
  return (WRITERS * EDITS_PER_WRITER) / seconds;
}

/** Edit on `from`, time until `to` has it: median and 95th percentile in ms. */
async function latency(from: TestClient, to: TestClient): Promise<{ median: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const arrived = new Promise<number>((resolve) => {
      const onUpdate = (_update: Uint8Array, origin: unknown) => {
        if (origin === null || origin === undefined) return;
        to.doc.off('update', onUpdate);
        resolve(performance.now());
      };
      to.doc.on('update', onUpdate);
    });
    const t0 = performance.now();
    addCard(from.doc, `Latency ${i}`);
    samples.push((await arrived) - t0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  try {
    const sqlite = await start({});
    const sqliteThroughput = await throughput(sqlite);
    const sqliteMap = await createMap(sqlite.url, 'Latency');
    const [s1, s2] = [connectClient(sqlite.url, sqliteMap), connectClient(sqlite.url, sqliteMap)];
    await Promise.all([waitSynced(s1), waitSynced(s2)]);
    const sqliteLatency = await latency(s1, s2);
    s1.destroy();
    s2.destroy();
    await sqlite.close();

    const databaseUrl = await freshDatabase(postgres, 'bench');
    const pgOnly = await start({ databaseUrl });
    const pgThroughput = await throughput(pgOnly);
    await pgOnly.close();

    const [a, b] = await Promise.all([start({ databaseUrl, redisUrl: redis.url }), start({ databaseUrl, redisUrl: redis.url })]);
    const mapId = await createMap(a.url, 'Latency');
    const ann = connectClient(a.url, mapId);
    const carl = connectClient(a.url, mapId);
    const bob = connectClient(b.url, mapId);
    await Promise.all([ann, carl, bob].map((c) => waitSynced(c)));
    const sameInstance = await latency(ann, carl);
    const otherInstance = await latency(ann, bob);
    const clusterThroughput = await throughput(a);
    for (const c of [ann, carl, bob]) c.destroy();
    await Promise.all([a.close(), b.close()]);

    console.log(`relay throughput, one instance, ${WRITERS} raw writers x ${EDITS_PER_WRITER} updates, one watcher:`);
    console.log(`  SQLite                      ${Math.round(sqliteThroughput)} updates/s`);
    console.log(`  PostgreSQL                  ${Math.round(pgThroughput)} updates/s`);
    console.log(`  PostgreSQL + Redis relay    ${Math.round(clusterThroughput)} updates/s`);
    console.log(`edit -> other client latency (${LATENCY_SAMPLES} edits, median / p95 ms):`);
    console.log(`  SQLite, same instance       ${round(sqliteLatency.median)} / ${round(sqliteLatency.p95)}`);
    console.log(`  PostgreSQL, same instance   ${round(sameInstance.median)} / ${round(sameInstance.p95)}`);
    console.log(`  PostgreSQL, other instance  ${round(otherInstance.median)} / ${round(otherInstance.p95)} (through Redis)`);
  } finally {
    await Promise.all([postgres.stop(), redis.stop()]);
  }
  process.exit(0);
}

await main();
