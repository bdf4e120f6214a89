// Import and replace jobs, run in one worker thread (server/fileWorker.ts) so a big file never
// stalls the event loop: other maps keep syncing and /healthz keeps answering while a 10 MB
// file is parsed, checked and turned into a doc. Jobs run one at a time, in order; the worker
// starts with the first job, and a worker that dies is replaced by the next one.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../src/domain/format';
import type { Review } from '../src/domain/types';
import type { ListEntry } from './storage/Storage';

export type FileJob =
  | { kind: 'import'; text: string; maxChars: number }
  /** A big map's stored rows merged into one snapshot (compaction). */
  | { kind: 'snapshot'; rows: Uint8Array[] }
  | {
      kind: 'replace';
      text: string;
      maxChars: number;
      /** The map's stored content (snapshot and updates), as storage loads it. */
      rows: Uint8Array[];
      backupTitle: string;
    };

/** A whole map's content, ready to store. */
export interface BuiltMap {
  state: Uint8Array;
  stateVector: Uint8Array;
  entry: ListEntry;
}

interface Checked {
  ok: true;
  warnings: Problem[];
  migratedFrom: number | null;
  reviews: Review[];
  /** The list's health figures of the new content (server/reviews.ts StoredHealth, as JSON). */
  healthJson: string;
}

export type FileJobResult =
  | { ok: false; status: 400 | 413; problems: Problem[]; warnings: Problem[] }
  | { ok: true; kind: 'snapshot'; state: Uint8Array; stateVector: Uint8Array }
  | (Checked & { kind: 'import'; map: BuiltMap })
  | (Checked & {
      kind: 'replace';
      /** The file as a fresh map: a rough bound on what the replace adds to storage. */
      addedBytes: number;
      entry: ListEntry;
      /** The current content under the backup title. */
      backup: BuiltMap;
      /** The replace as small updates against the rows given, to store and apply in order. */
      steps: Uint8Array[];
      /** The rows and the steps merged: the map's snapshot once the steps are stored. */
      compacted: { state: Uint8Array; stateVector: Uint8Array };
    });

export interface FileJobs {
  run(job: FileJob, now: number): Promise<FileJobResult>;
  /** Stored rows merged into one snapshot, off the event loop. */
  snapshot(rows: Uint8Array[]): Promise<{ state: Uint8Array; stateVector: Uint8Array }>;
  close(): Promise<void>;
}

// The server runs from TypeScript, and so must the worker. `--import tsx` in a worker's
// execArgv does not reach its module loader (Node 20), so a small bootstrap registers tsx's
// loader in the worker first, then imports the worker module. Both are resolved here, so
// the worker works whatever the current directory, under `npm start` and under Vitest.
const WORKER_URL = new URL('./fileWorker.ts', import.meta.url).href;
const TSX_API_URL = tsxEsmApiUrl();
const BOOTSTRAP = `
  import(${JSON.stringify(TSX_API_URL)})
    .then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(WORKER_URL)}); })
    .catch((error) => { console.error('CJM Studio file worker could not start', error); process.exit(1); });
`;

/** tsx's ESM `register` entry (its CommonJS twin cannot be imported from a worker). */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}

type Pending = { resolve: (result: FileJobResult) => void; reject: (error: Error) => void };

export function createFileJobs(): FileJobs {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** Jobs run one after another: two big files at once would only compete for the same core. */
  let queue: Promise<unknown> = Promise.resolve();

  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };

  function start(): Worker {
    const started = new Worker(BOOTSTRAP, { eval: true });
    started.on('message', (message: { id: number; result?: FileJobResult; error?: string }) => {
      const job = pending.get(message.id);
      if (!job) return;
      pending.delete(message.id);
      if (pending.size === 0) started.unref();
      if (message.error !== undefined) job.reject(new Error(`file job failed: ${message.error}`));
      else job.resolve(message.result!);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the file worker stopped (exit code ${code})`));
    });
    return started;
  }

  function send(job: FileJob, now: number): Promise<FileJobResult> {
    worker ??= start();
    const id = nextId++;
    const result = new Promise<FileJobResult>((resolve, reject) => pending.set(id, { resolve, reject }));
    // Kept alive while it works for someone; an idle worker must not keep the process alive.
    worker.ref();
    worker.postMessage({ id, job, now });
    return result;
  }

  function run(job: FileJob, now: number): Promise<FileJobResult> {
    const result = queue.then(() => send(job, now));
    queue = result.catch(() => {});
    return result;
  }

  return {
    run,
    async snapshot(rows) {
      const result = await run({ kind: 'snapshot', rows }, Date.now());
      if (!result.ok || result.kind !== 'snapshot') throw new Error('the file worker did not build a snapshot');
      return result;
    },
    async close() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}
