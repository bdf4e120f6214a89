// Starts a sync server (ours or the reference) in a child process and watches it from outside:
// CPU time and RSS come from /proc, so measuring never adds work to the server's event loop.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ServerKind = 'ours' | 'reference';

export interface ChildSettings {
  dataDir: string;
  staticDir: string;
  idleUnloadMs?: number;
  compactAfter?: number;
  /** Cluster mode: PostgreSQL instead of SQLite, and Redis to relay between instances. */
  databaseUrl?: string;
  redisUrl?: string;
}

export type ControlRequest = { type: 'stats' } | { type: 'gc' } | { type: 'loopDelay' } | { type: 'close' };
export type ControlReply =
  | { type: 'ready'; url: string }
  | { type: 'stats'; rss: number; heapUsed: number; rooms: number }
  | { type: 'gc' }
  | { type: 'loopDelay'; p99: number; max: number };

/** How long the server's event loop was held up since the last reading, in ms. */
export interface LoopDelay {
  p99: number;
  max: number;
}

export interface ServerStats {
  rss: number;
  heapUsed: number;
  /** Rooms (maps) held in memory. */
  rooms: number;
}

export interface ServerProcess {
  kind: ServerKind;
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The y-websocket base URL: rooms are `${wsUrl}/${mapId}`. */
  wsUrl: string;
  /** Asks the server itself (over IPC); not during a measurement window. */
  stats(): Promise<ServerStats>;
  /** A full garbage collection in the server (it runs with --expose-gc). */
  gc(): Promise<void>;
  /** Event-loop delay since the previous call (a stalled loop delays every relay). */
  loopDelay(): Promise<LoopDelay>;
  /** User + system CPU time used so far, in ms (from /proc). */
  cpuMs(): number;
  /** Resident set size now, in bytes (from /proc). */
  rssBytes(): number;
  stop(): Promise<void>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../../..');
const ENTRY: Record<ServerKind, string> = {
  ours: path.join(HERE, 'ourServer.child.ts'),
  reference: path.join(HERE, 'referenceServer.child.ts'),
};
const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

export function readCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

export function readRssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/**
 * With CJM_BENCH_PROFILE=<folder>, every server child writes a V8 CPU profile there when it
 * stops; `node --import tsx tests/bench/lib/profileSummary.ts <file>` lists where the time went.
 */
const PROFILE_DIR = process.env.CJM_BENCH_PROFILE;

export async function startServerProcess(kind: ServerKind, settings: ChildSettings): Promise<ServerProcess> {
  const profiling = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
  const child: ChildProcess = fork(ENTRY[kind], [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--expose-gc', ...profiling],
    env: { ...process.env, CJM_BENCH_SERVER: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: { type: string; resolve: (reply: ControlReply) => void }[] = [];
  child.on('message', (reply: ControlReply) => {
    const index = waiting.findIndex((w) => w.type === reply.type);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(reply);
  });
  const next = <T extends ControlReply['type']>(type: T, timeoutMs = 60_000) =>
    new Promise<Extract<ControlReply, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} server: no "${type}" reply within ${timeoutMs} ms`)), timeoutMs);
      waiting.push({
        type,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply as Extract<ControlReply, { type: T }>);
        },
      });
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await Promise.race([
    next('ready'),
    exited.then(() => {
      throw new Error(`${kind} server exited before it was ready`);
    }),
  ]);
  const pid = child.pid!;
  return {
    kind,
    pid,
    url: ready.url,
    wsUrl: `${ready.url.replace(/^http/, 'ws')}/ws`,
    async stats() {
      const reply = next('stats');
      child.send({ type: 'stats' } satisfies ControlRequest);
      const { rss, heapUsed, rooms } = await reply;
      return { rss, heapUsed, rooms };
    },
    async gc() {
      const reply = next('gc');
      child.send({ type: 'gc' } satisfies ControlRequest);
      await reply;
    },
    async loopDelay() {
      const reply = next('loopDelay');
      child.send({ type: 'loopDelay' } satisfies ControlRequest);
      const { p99, max } = await reply;
      return { p99, max };
    },
    cpuMs: () => readCpuMs(pid),
    rssBytes: () => readRssBytes(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'close' } satisfies ControlRequest);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
