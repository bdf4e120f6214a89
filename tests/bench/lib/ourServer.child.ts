// Child process running CJM Studio's server (server/server.ts) for the benchmarks, so its CPU
// and event loop are its own. Settings arrive in CJM_BENCH_SERVER (JSON); control messages
// (stats, gc, close) arrive over the fork IPC channel and are only sent outside measurement.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { silentLogger } from '../../../server/log';
import { startServer } from '../../../server/server';
import type { ChildSettings, ControlReply, ControlRequest } from './serverProcess';

const settings = JSON.parse(process.env.CJM_BENCH_SERVER ?? '{}') as ChildSettings;
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: settings.dataDir,
  staticDir: settings.staticDir,
  ...(settings.idleUnloadMs !== undefined && { idleUnloadMs: settings.idleUnloadMs }),
  ...(settings.compactAfter !== undefined && { compactAfter: settings.compactAfter }),
  ...(settings.databaseUrl !== undefined && { databaseUrl: settings.databaseUrl }),
  ...(settings.redisUrl !== undefined && { redisUrl: settings.redisUrl }),
  // The benchmarks measure throughput from one address (up to 2000 connections, 700 messages/s
  // per client); the abuse limits would cut them off, so they are lifted here.
  maxConnectionsPerIp: 1_000_000,
  maxConnectionsPerMap: 1_000_000,
  messagesPerSecond: 1_000_000,
  messageBurst: 1_000_000,
  log: silentLogger,
});

const reply = (message: ControlReply) => process.send!(message);
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

// Orphaned (the benchmark crashed or was interrupted): go, rather than linger on a port.
process.on('disconnect', () => process.exit(0));

process.on('message', (request: ControlRequest) => {
  if (request.type === 'stats') {
    const memory = process.memoryUsage();
    reply({ type: 'stats', rss: memory.rss, heapUsed: memory.heapUsed, rooms: server.loadedMapIds().length });
  } else if (request.type === 'loopDelay') {
    reply({ type: 'loopDelay', p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 });
    loopDelay.reset();
  } else if (request.type === 'gc') {
    globalThis.gc?.();
    reply({ type: 'gc' });
  } else if (request.type === 'close') {
    void server.close().then(() => process.exit(0));
  }
});

reply({ type: 'ready', url: server.url });
