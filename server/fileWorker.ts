// Runs in a worker thread (server/fileJobs.ts starts it): the slow part of an import or a
// replace, off the event loop that serves every map. Parsing and validating a 10 MB file and
// building its doc take seconds for a 20k-touchpoint map; here they hold up nothing else.
//
//   import   file text → checked → the new map's whole state, list entry and health figures
//   replace  file text + the map's stored rows → checked → the backup's state (the current
//            content under a backup title) and the replace as many small updates
//   snapshot a big map's stored rows → one snapshot (compaction)
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { parseMapJson } from '../src/domain/format';
import { setMapTitle } from '../src/doc/mutations';
import { touchpointsOf } from '../src/doc/layout';
import { readMeta } from '../src/doc/read';
import { replaceInSteps } from '../src/doc/replace';
import { applySnapshot } from '../src/doc/snapshot';
import type { FileJob, FileJobResult, BuiltMap } from './fileJobs';
import { healthBasis } from '../src/domain/review/summary';

/** Entities per replace step: each step's update applies on the server in well under 100 ms. */
const ENTITIES_PER_STEP = 500;

function built(doc: Y.Doc): BuiltMap {
  return {
    state: Y.encodeStateAsUpdate(doc),
    stateVector: Y.encodeStateVector(doc),
    entry: { title: readMeta(doc).title, touchpointCount: touchpointsOf(doc).size },
  };
}

function run(job: FileJob, now: number): FileJobResult {
  if (job.kind === 'snapshot') {
    const doc = new Y.Doc();
    try {
      // Applied, not merged: the doc drops deleted content as the room's own compaction would.
      doc.transact(() => {
        for (const row of job.rows) Y.applyUpdate(doc, row);
      });
      return { ok: true, kind: 'snapshot', state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
    } finally {
      doc.destroy();
    }
  }
  const parsed = parseMapJson(job.text, { maxChars: job.maxChars });
  if (!parsed.ok) return { ok: false, status: parsed.status, problems: parsed.problems, warnings: parsed.warnings };
  const { snapshot, reviews } = parsed.value;
  const fresh = new Y.Doc();
  try {
    applySnapshot(fresh, snapshot);
    const healthJson = JSON.stringify(healthBasis(snapshot, new Date(now)));
    const common = { ok: true as const, warnings: parsed.warnings, migratedFrom: parsed.migratedFrom, reviews, healthJson };
    if (job.kind === 'import') return { ...common, kind: 'import', map: built(fresh) };

    const backup = new Y.Doc();
    const live = new Y.Doc();
    try {
      for (const row of job.rows) Y.applyUpdate(backup, row);
      setMapTitle(backup, job.backupTitle);
      for (const row of job.rows) Y.applyUpdate(live, row);
      const steps: Uint8Array[] = [];
      live.on('update', (update: Uint8Array) => steps.push(update));
      replaceInSteps(live, snapshot, ENTITIES_PER_STEP);
      return {
        ...common,
        kind: 'replace',
        // The file's own size as a fresh map: a rough bound on what the replace adds to storage.
        addedBytes: Y.encodeStateAsUpdate(fresh).byteLength,
        entry: { title: readMeta(live).title, touchpointCount: touchpointsOf(live).size },
        backup: built(backup),
        steps,
        // The rows and the steps together, ready to become the map's snapshot.
        compacted: { state: Y.encodeStateAsUpdate(live), stateVector: Y.encodeStateVector(live) },
      };
    } finally {
      backup.destroy();
      live.destroy();
    }
  } finally {
    fresh.destroy();
  }
}

parentPort!.on('message', ({ id, job, now }: { id: number; job: FileJob; now: number }) => {
  try {
    parentPort!.postMessage({ id, result: run(job, now) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
