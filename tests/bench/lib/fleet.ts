// Many y-websocket clients of one map, spread over worker threads so the clients themselves
// do not become the bottleneck: 200 clients each receiving 199 relayed edits a second is
// ~40,000 applied updates a second, more than one event loop handles.
import { Worker } from 'node:worker_threads';
import { epochNow } from './clients';

export type FleetRequest =
  | { type: 'connect'; wsUrl: string; mapId: string; count: number }
  | { type: 'everyClientPerPeriod'; since: number; periodMs: number; first: number; total: number }
  | { type: 'rate'; since: number; rate: number; seconds: number }
  | { type: 'stop' }
  | { type: 'collect' }
  | { type: 'close' };

export type FleetReply =
  | { type: 'connected' }
  | { type: 'started' }
  | { type: 'stopped'; sent: number }
  | { type: 'collected'; samples: ArrayBuffer; received: number; sent: number; busy: number }
  | { type: 'closed' };

const WORKER_FILE = new URL('./fleet.worker.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');
// Worker threads do not inherit --import tsx: the worker registers it, then loads the TypeScript file.
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_FILE)}); })`;

class FleetThread {
  private readonly worker = new Worker(BOOT, { eval: true });
  private readonly waiting: ((reply: FleetReply) => void)[] = [];
  private failure: Error | null = null;

  constructor(readonly count: number) {
    this.worker.on('message', (reply: FleetReply) => this.waiting.shift()?.(reply));
    this.worker.on('error', (error) => {
      this.failure = error;
    });
  }

  ask<T extends FleetReply['type']>(request: FleetRequest, expect: T, timeoutMs = 180_000): Promise<Extract<FleetReply, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fleet worker: no "${expect}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((reply) => {
        clearTimeout(timer);
        if (reply.type === expect) resolve(reply as Extract<FleetReply, { type: T }>);
        else reject(new Error(`fleet worker answered "${reply.type}", expected "${expect}"`));
      });
      this.worker.postMessage(request);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface FleetResult {
  samples: number[];
  received: number;
  sent: number;
  /** Every edit should reach every other client once. */
  expected: number;
  /** The busiest client thread's event-loop utilisation (0–1) while editing. */
  clientBusy: number;
}

export class ClientFleet {
  private constructor(
    private readonly threads: FleetThread[],
    readonly count: number,
  ) {}

  static async open(wsUrl: string, mapId: string, count: number, threadCount = 2): Promise<ClientFleet> {
    const shares = Array.from({ length: Math.min(threadCount, count) }, (_, i) =>
      Math.floor(count / threadCount) + (i < count % threadCount ? 1 : 0),
    );
    const threads = shares.map((share) => new FleetThread(share));
    // One thread at a time: the server sees the same orderly stream of joins either way.
    for (const thread of threads) await thread.ask({ type: 'connect', wsUrl, mapId, count: thread.count }, 'connected');
    return new ClientFleet(threads, count);
  }

  /** Every client edits once per period, their phases spread evenly over it. */
  async everyClientPerPeriod(periodMs: number): Promise<number> {
    const since = epochNow();
    let first = 0;
    for (const thread of this.threads) {
      await thread.ask({ type: 'everyClientPerPeriod', since, periodMs, first, total: this.count }, 'started');
      first += thread.count;
    }
    return since;
  }

  /** A total edit rate for `seconds`, shared by the threads in proportion to their clients. */
  async rate(rate: number, seconds: number): Promise<number> {
    const since = epochNow();
    await Promise.all(
      this.threads.map((thread) => thread.ask({ type: 'rate', since, rate: (rate * thread.count) / this.count, seconds }, 'started')),
    );
    return since;
  }

  async stop(): Promise<number> {
    const replies = await Promise.all(this.threads.map((thread) => thread.ask({ type: 'stop' }, 'stopped')));
    return replies.reduce((sum, r) => sum + r.sent, 0);
  }

  async collect(): Promise<FleetResult> {
    const replies = await Promise.all(this.threads.map((thread) => thread.ask({ type: 'collect' }, 'collected')));
    const samples = replies.flatMap((r) => Array.from(new Float64Array(r.samples)));
    const sent = replies.reduce((sum, r) => sum + r.sent, 0);
    return {
      samples,
      received: replies.reduce((sum, r) => sum + r.received, 0),
      sent,
      expected: sent * (this.count - 1),
      clientBusy: Math.max(...replies.map((r) => r.busy)),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.ask({ type: 'close' }, 'closed', 30_000).catch(() => undefined)));
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }
}
