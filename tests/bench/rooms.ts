// Benchmark 3: many rooms. 200 maps with 10 clients each on one server, every client editing
// once every 5 s: the server's RSS and the edit-to-peer p99. Then everyone leaves: rooms must
// be unloaded after the (shortened) idle time and the RSS must come back down.
import type { Benchmark, Figure } from './types';
import { connectClients, LatencyProbe, type BenchClient } from './lib/clients';
import { startServerProcess } from './lib/serverProcess';
import { percentile, round, sleep } from './lib/stats';
import { createMapOverHttp, tempDir } from './lib/workspace';

const IDLE_UNLOAD_MS = 2000;
const EDIT_EVERY_MS = 5000;
const MB = 1024 * 1024;

export const roomsBenchmark: Benchmark = {
  name: 'rooms',
  description: 'Many rooms: 200 maps × 10 clients, server RSS and p99; rooms unload when idle',
  async run(options) {
    const roomCount = options.quick ? 20 : 200;
    const perRoom = options.quick ? 5 : 10;
    const seconds = options.quick ? 5 : 15;
    const server = await startServerProcess('ours', {
      dataDir: tempDir('rooms'),
      staticDir: tempDir('static'),
      idleUnloadMs: IDLE_UNLOAD_MS,
    });
    const clients: BenchClient[] = [];
    const probes: LatencyProbe[] = [];
    try {
      await server.gc();
      await sleep(200);
      const rssBefore = server.rssBytes();
      const heapBefore = (await server.stats()).heapUsed;

      const mapIds: string[] = [];
      for (let i = 0; i < roomCount; i++) mapIds.push(await createMapOverHttp(server.url, `Room ${i}`));
      const connectStart = performance.now();
      for (const mapId of mapIds) {
        const room = await connectClients(server.wsUrl, mapId, perRoom);
        clients.push(...room);
        probes.push(new LatencyProbe(room));
      }
      options.log(
        `  ${clients.length} clients in ${roomCount} rooms connected in ${round((performance.now() - connectStart) / 1000)} s; ` +
          `server RSS ${round(server.rssBytes() / MB)} MB`,
      );
      await sleep(1000);

      for (const probe of probes) probe.start();
      const timers: NodeJS.Timeout[] = [];
      clients.forEach((client, i) => {
        const probe = probes[Math.floor(i / perRoom)]!;
        timers.push(
          setTimeout(
            () => {
              probe.edit(client);
              timers.push(setInterval(() => probe.edit(client), EDIT_EVERY_MS));
            },
            Math.floor((i * EDIT_EVERY_MS) / clients.length),
          ),
        );
      });
      let rssLoaded = 0;
      const cpuBefore = server.cpuMs();
      const wallBefore = performance.now();
      for (let s = 0; s < seconds; s++) {
        await sleep(1000);
        rssLoaded = Math.max(rssLoaded, server.rssBytes());
      }
      for (const timer of timers) clearTimeout(timer);
      const serverCpu = ((server.cpuMs() - cpuBefore) / (performance.now() - wallBefore)) * 100;
      const expected = () => probes.reduce((sum, p) => sum + p.expected(), 0);
      const received = () => probes.reduce((sum, p) => sum + p.result().received, 0);
      const drainUntil = Date.now() + 2000;
      while (received() < expected() && Date.now() < drainUntil) await sleep(20);
      const samples = probes.flatMap((p) => p.result().samples);
      const delivered = expected() === 0 ? 1 : received() / expected();
      const p99 = percentile(samples, 99);
      const stats = await server.stats();
      options.log(
        `  loaded: RSS ${round(rssLoaded / MB)} MB, JS heap ${round(stats.heapUsed / MB)} MB, rooms in memory ${stats.rooms}, p50 ${round(percentile(samples, 50))} ms, ` +
          `p99 ${round(p99)} ms, delivered ${round(delivered * 100, 2)}%, server CPU ${round(serverCpu)}%`,
      );

      for (const probe of probes) probe.dispose();
      for (const client of clients.splice(0)) client.destroy();
      const leftAt = performance.now();
      let unloadedAfterMs: number | null = null;
      try {
        // Polled over IPC: nothing else is being measured now.
        for (;;) {
          if ((await server.stats()).rooms === 0) break;
          if (performance.now() - leftAt > IDLE_UNLOAD_MS + 30_000) throw new Error('rooms still loaded');
          await sleep(100);
        }
        unloadedAfterMs = performance.now() - leftAt;
      } catch {
        options.log(`  rooms did not unload within ${IDLE_UNLOAD_MS + 30_000} ms`);
      }
      await sleep(3000);
      const rssIdle = server.rssBytes();
      await server.gc();
      await sleep(500);
      const rssIdleGc = server.rssBytes();
      const { rooms: roomsLeft, heapUsed: heapIdle } = await server.stats();
      options.log(
        `  idle: RSS ${round(rssIdle / MB)} MB (${round(rssIdleGc / MB)} MB after a forced GC), JS heap ${round(heapIdle / MB)} MB ` +
          `(${round(heapBefore / MB)} MB before), rooms in memory ${roomsLeft}`,
      );

      const label = `${roomCount}×${perRoom}`;
      const figures: Figure[] = [
        {
          key: 'rooms.rssBeforeMb',
          name: `rooms ${label}: server RSS before`,
          value: round(rssBefore / MB),
          unit: 'MB',
          note: `JS heap ${round(heapBefore / MB)} MB`,
        },
        {
          key: 'rooms.rssLoadedMb',
          name: `rooms ${label}: server RSS loaded`,
          value: round(rssLoaded / MB),
          unit: 'MB',
          target: { op: '<', value: 400 },
          note: `JS heap ${round(stats.heapUsed / MB)} MB; server CPU ${round(serverCpu)}%`,
        },
        {
          key: 'rooms.p99Ms',
          name: `rooms ${label}: edit-to-peer p99`,
          value: round(p99),
          unit: 'ms',
          note: `p50 ${round(percentile(samples, 50))} ms; delivered ${round(delivered * 100, 2)}%; one edit per client every ${EDIT_EVERY_MS / 1000} s`,
        },
        {
          key: 'rooms.unloadedAfterMs',
          name: `rooms ${label}: all rooms unloaded after`,
          value: unloadedAfterMs === null ? null : Math.round(unloadedAfterMs),
          unit: 'ms',
          note: unloadedAfterMs === null ? `${roomsLeft} rooms still in memory` : `idle unload time set to ${IDLE_UNLOAD_MS} ms`,
        },
        {
          key: 'rooms.rssIdleMb',
          name: `rooms ${label}: server RSS after idle`,
          value: round(rssIdle / MB),
          unit: 'MB',
          note: `${round(rssIdleGc / MB)} MB after a forced GC; JS heap ${round(heapIdle / MB)} MB (${round(heapBefore / MB)} MB before)`,
        },
      ];
      return figures;
    } finally {
      for (const client of clients) client.destroy();
      await server.stop();
    }
  },
};

