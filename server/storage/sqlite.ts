// The Storage contract on SQLite (better-sqlite3, WAL). The only module that speaks SQL.
// better-sqlite3 is synchronous: each method does its work (and commits) inside the call and
// returns a settled Promise, so a write is on disk before the caller's `await` resumes.
//
//   maps        one row per map: timestamps, soft-delete mark, the list's title and touchpoint
//               count, the generation of its link key, and for a replace backup the map it
//               was taken from (backup_of)
//   updates     the Yjs updates received since the last snapshot, in arrival order (seq)
//   snapshots   one merged Yjs update per map (V1 encoding, so it can go to a client as it is);
//               with the state vector of the doc it was taken from, when known
//   reviews     saved reviews, frozen as JSON
//   map_health  what the map list needs for its health figures (JSON)
//
// One server per data directory: `cjm.lock` (an SQLite file holding an exclusive lock for the
// server's lifetime) refuses a second one. The OS drops the lock when the process dies, so a
// restart after a crash or SIGKILL is never blocked.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import type { Review } from '../../src/domain/types';
import {
  DataDirError,
  reviewFromRow,
  type BackupLimits,
  type BackupRow,
  type MapRow,
  type NewMap,
  type ReviewRow,
  type ReviewSummaryRow,
  type Storage,
  type StoredDoc,
} from './Storage';

/** How often the WAL is copied back into the database file, when something was written. */
const CHECKPOINT_EVERY_MS = 1000;
/**
 * SQLite's own checkpoint (by default every 1,000 pages) runs inside whichever commit crosses the
 * limit, stalling a relay for milliseconds. It stays only as a backstop for when the timer is late.
 */
const WAL_BACKSTOP_PAGES = 16_000;

/**
 * Schema versions, each reached from the one before by its step. Version 0 is an empty file.
 * Earlier servers created `reviews` and `map_health` outside the versioning (IF NOT EXISTS, with
 * a trigger on `maps`), so version 4 creates them only if missing and drops that trigger.
 */
interface Migration {
  version: number;
  sql: string;
  /** Columns added, each only if missing (a file copied back from a newer schema may have it). */
  columns?: readonly (readonly [table: string, column: string, type: string])[];
  /** Runs after the columns exist. */
  after?: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        title TEXT NOT NULL DEFAULT '',
        touchpoint_count INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TABLE updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        map_id TEXT NOT NULL,
        bytes BLOB NOT NULL
      );
      CREATE INDEX updates_by_map ON updates (map_id, seq);
      CREATE TABLE snapshots (
        map_id TEXT PRIMARY KEY,
        bytes BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;`,
  },
  // Link keys: every existing map starts at generation 0.
  { version: 2, sql: 'ALTER TABLE maps ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 0' },
  // State vectors: a room records one the first time it loads a map stored without.
  { version: 3, sql: 'ALTER TABLE snapshots ADD COLUMN state_vector BLOB' },
  {
    version: 4,
    sql: `
      CREATE TABLE IF NOT EXISTS reviews (
        map_id TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        snapshot_json TEXT NOT NULL,
        checklist_json TEXT NOT NULL,
        PRIMARY KEY (map_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS reviews_by_map ON reviews (map_id, created_at);
      CREATE TABLE IF NOT EXISTS map_health (
        map_id TEXT PRIMARY KEY,
        health_json TEXT NOT NULL
      ) WITHOUT ROWID;
      DROP TRIGGER IF EXISTS reviews_follow_purged_map;`,
    columns: [['maps', 'backup_of', 'TEXT']],
    after: 'CREATE INDEX IF NOT EXISTS maps_backups ON maps (backup_of, created_at) WHERE backup_of IS NOT NULL',
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

interface RawMapRow {
  id: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  title: string;
  touchpoint_count: number;
  key_generation: number;
}

const toMapRow = (r: RawMapRow): MapRow => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
  title: r.title,
  touchpointCount: r.touchpoint_count,
  keyGeneration: r.key_generation,
});

interface RawReview {
  id: string;
  name: string;
  summary: string;
  created_at: number;
}

type RawFullReview = RawReview & ReviewRow;

// better-sqlite3 binds Buffers as BLOBs; this wraps a Uint8Array view without copying.
const blob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const optionalBlob = (bytes: Uint8Array | null | undefined) => (bytes ? blob(bytes) : null);

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The folder exists (created if needed) and can be written, or one clear sentence why not. */
function prepareDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DataDirError(`cannot create the data folder ${dataDir} (${reason(error)})`, error);
  }
  try {
    fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.R_OK);
  } catch (error) {
    throw new DataDirError(`the data folder ${dataDir} is not writable (${reason(error)})`, error);
  }
}

/**
 * Takes the data directory for this process: an exclusive lock on `cjm.lock`, held open until
 * close. A second server (another process, or this one twice) gets SQLITE_BUSY at once.
 */
function lockDataDir(dataDir: string): Database.Database {
  const lockPath = path.join(dataDir, 'cjm.lock');
  let lock: Database.Database;
  try {
    lock = new Database(lockPath, { timeout: 0 });
  } catch (error) {
    throw new DataDirError(`cannot open ${lockPath} in the data folder ${dataDir} (${reason(error)})`, error);
  }
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // A write takes the exclusive lock; EXCLUSIVE locking mode keeps it after the commit.
    lock.exec('CREATE TABLE IF NOT EXISTS held (pid INTEGER); DELETE FROM held;');
    lock.prepare('INSERT INTO held (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    lock.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new DataDirError(`the data folder ${dataDir} is in use by another running CJM Studio server`, error);
    }
    throw new DataDirError(`cannot lock the data folder ${dataDir} (${reason(error)})`, error);
  }
  return lock;
}

function openDatabase(dataDir: string): Database.Database {
  const file = path.join(dataDir, 'cjm.sqlite');
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new DataDirError(`cannot open ${file} in the data folder ${dataDir} (${reason(error)})`, error);
  }
  // NORMAL in WAL mode: a commit survives a killed process; only a power cut may lose the last ones.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new DataDirError(`${file} has schema version ${version}; this server knows up to ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    for (const step of MIGRATIONS) {
      if (step.version <= version) continue;
      db.exec(step.sql);
      for (const [table, column, type] of step.columns ?? []) {
        const present = db.pragma(`table_info(${table})`) as { name: string }[];
        if (!present.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
      }
      if (step.after) db.exec(step.after);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  return db;
}

// Plain JavaScript (the worker needs no TypeScript loader): one connection, one checkpoint per
// message. The driver's path comes from the server, so it resolves wherever the server runs.
const CHECKPOINTER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const Database = require(workerData.driver);
  const db = new Database(workerData.file, { fileMustExist: true, timeout: 1000 });
  parentPort.on('message', () => {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* retried on the next message */ }
  });
`;

function startCheckpointer(file: string, gone: () => void): Worker | null {
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file } });
    worker.on('error', gone);
    worker.on('exit', gone);
    // Checkpoints are housekeeping: they never keep the process alive.
    worker.unref();
    return worker;
  } catch {
    return null;
  }
}

export function openSqliteStorage(dataDir: string): Storage {
  prepareDataDir(dataDir);
  const lock = lockDataDir(dataDir);
  let db: Database.Database;
  try {
    db = openDatabase(dataDir);
  } catch (error) {
    lock.close();
    throw error;
  }

  const q = {
    insertMap: db.prepare(
      'INSERT INTO maps (id, created_at, updated_at, deleted_at, title, touchpoint_count, backup_of) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    mapById: db.prepare<[string], RawMapRow>(
      'SELECT id, created_at, updated_at, deleted_at, title, touchpoint_count, key_generation FROM maps WHERE id = ?',
    ),
    liveMaps: db.prepare<[], RawMapRow>(
      'SELECT id, created_at, updated_at, deleted_at, title, touchpoint_count, key_generation FROM maps ' +
        'WHERE deleted_at IS NULL ORDER BY updated_at DESC, id',
    ),
    // A doc without a title (its content not synced yet) keeps the title the list already shows.
    setListEntry: db.prepare(
      "UPDATE maps SET title = coalesce(nullif(?, ''), title), touchpoint_count = ?, updated_at = ? WHERE id = ?",
    ),
    setDeletedAt: db.prepare('UPDATE maps SET deleted_at = ? WHERE id = ?'),
    rotateKey: db.prepare<[string], { key_generation: number }>(
      'UPDATE maps SET key_generation = key_generation + 1 WHERE id = ? RETURNING key_generation',
    ),
    appendUpdate: db.prepare('INSERT INTO updates (map_id, bytes) VALUES (?, ?)'),
    snapshotOf: db.prepare<[string], { bytes: Buffer; state_vector: Buffer | null }>(
      'SELECT bytes, state_vector FROM snapshots WHERE map_id = ?',
    ),
    updatesOf: db.prepare<[string], { seq: number; bytes: Buffer }>(
      'SELECT seq, bytes FROM updates WHERE map_id = ? ORDER BY seq',
    ),
    putSnapshot: db.prepare(
      'INSERT INTO snapshots (map_id, bytes, created_at, state_vector) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (map_id) DO UPDATE SET bytes = excluded.bytes, created_at = excluded.created_at, ' +
        'state_vector = excluded.state_vector',
    ),
    // Only while the snapshot is still the one that was loaded (same bytes, none recorded yet).
    setSnapshotStateVector: db.prepare(
      'UPDATE snapshots SET state_vector = ? WHERE map_id = ? AND state_vector IS NULL AND length(bytes) = ?',
    ),
    dropUpdatesUpTo: db.prepare('DELETE FROM updates WHERE map_id = ? AND seq <= ?'),
    expiredMaps: db.prepare<[number], { id: string }>('SELECT id FROM maps WHERE deleted_at IS NOT NULL AND deleted_at < ?'),
    dropMap: db.prepare('DELETE FROM maps WHERE id = ?'),
    dropUpdates: db.prepare('DELETE FROM updates WHERE map_id = ?'),
    dropSnapshot: db.prepare('DELETE FROM snapshots WHERE map_id = ?'),
    dropReviews: db.prepare('DELETE FROM reviews WHERE map_id = ?'),
    dropHealth: db.prepare('DELETE FROM map_health WHERE map_id = ?'),
    // Newest first; a backup is stored as one snapshot (it is never edited while it is one).
    // One brought back by the plain restore route is a live map: no longer counted or pruned.
    backupsOf: db.prepare<[string], { id: string; title: string; created_at: number; bytes: number }>(
      'SELECT m.id, m.title, m.created_at, coalesce(length(s.bytes), 0) AS bytes FROM maps m ' +
        'LEFT JOIN snapshots s ON s.map_id = m.id WHERE m.backup_of = ? AND m.deleted_at IS NOT NULL ' +
        'ORDER BY m.created_at DESC, m.id DESC',
    ),
    restoreBackup: db.prepare(
      'UPDATE maps SET backup_of = NULL, deleted_at = NULL WHERE id = ? AND backup_of = ? AND deleted_at IS NOT NULL',
    ),
    reviewList: db.prepare<[string], RawReview>(
      'SELECT id, name, summary, created_at FROM reviews WHERE map_id = ? ORDER BY created_at DESC, id DESC',
    ),
    review: db.prepare<[string, string], RawFullReview>('SELECT * FROM reviews WHERE map_id = ? AND id = ?'),
    allReviews: db.prepare<[string], RawFullReview>('SELECT * FROM reviews WHERE map_id = ? ORDER BY created_at, id'),
    reviewCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM reviews WHERE map_id = ?'),
    insertReview: db.prepare(
      'INSERT INTO reviews (map_id, id, name, summary, created_at, snapshot_json, checklist_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    removeReview: db.prepare('DELETE FROM reviews WHERE map_id = ? AND id = ?'),
    lastReviews: db.prepare<[], { map_id: string; last: number }>(
      'SELECT map_id, max(created_at) AS last FROM reviews GROUP BY map_id',
    ),
    putHealth: db.prepare(
      'INSERT INTO map_health (map_id, health_json) VALUES (?, ?) ON CONFLICT (map_id) DO UPDATE SET health_json = excluded.health_json',
    ),
    health: db.prepare<[string], { health_json: string }>('SELECT health_json FROM map_health WHERE map_id = ?'),
  };

  const insertReviews = (mapId: string, reviews: readonly Review[], fallbackTime: number) => {
    for (const review of reviews) {
      const createdAt = Date.parse(review.createdAt);
      q.insertReview.run(
        mapId,
        review.id,
        review.name,
        review.summary,
        Number.isFinite(createdAt) ? createdAt : fallbackTime,
        JSON.stringify(review.snapshot),
        JSON.stringify(review.checklist),
      );
    }
  };

  const insertMap = (map: NewMap, deletedAt: number | null, backupOf: string | null) => {
    q.insertMap.run(map.id, map.now, map.now, deletedAt, map.entry.title, map.entry.touchpointCount, backupOf);
    const stateVector = map.stateVector ?? Y.encodeStateVectorFromUpdate(map.state);
    q.putSnapshot.run(map.id, blob(map.state), map.now, optionalBlob(stateVector));
    if (map.reviews) insertReviews(map.id, map.reviews, map.now);
  };

  const dropForGood = (id: string) => {
    q.dropUpdates.run(id);
    q.dropSnapshot.run(id);
    q.dropReviews.run(id);
    q.dropHealth.run(id);
    q.dropMap.run(id);
  };

  const createMap = db.transaction((map: NewMap) => insertMap(map, null, null));

  const appendUpdates = db.transaction((id: string, updates: readonly Uint8Array[]) => {
    let seq = 0;
    for (const update of updates) seq = Number(q.appendUpdate.run(id, blob(update)).lastInsertRowid);
    return seq;
  });

  const compact = db.transaction(
    (id: string, state: Uint8Array, upToSeq: number, now: number, stateVector: Uint8Array | null) => {
      q.putSnapshot.run(id, blob(state), now, optionalBlob(stateVector));
      q.dropUpdatesUpTo.run(id, upToSeq);
    },
  );

  const createBackup = db.transaction((of: string, backup: NewMap, limits: BackupLimits) => {
    insertMap(backup, backup.now, of);
    // Newest first: keep while both bounds hold, drop the rest for good.
    const dropped: string[] = [];
    let count = 0;
    let bytes = 0;
    for (const row of q.backupsOf.all(of)) {
      count++;
      bytes += row.bytes;
      // The backup just taken always stays, even alone over the bytes bound.
      if (row.id !== backup.id && (count > limits.maxCount || bytes > limits.maxBytes)) {
        dropForGood(row.id);
        dropped.push(row.id);
      }
    }
    return dropped;
  });

  const purge = db.transaction((ids: string[]) => {
    for (const id of ids) dropForGood(id);
  });

  const insertReviewsAtomically = db.transaction((mapId: string, reviews: readonly Review[]) =>
    insertReviews(mapId, reviews, Date.now()),
  );

  // A timer checkpoint copies each changed page once, however many commits rewrote it since;
  // PASSIVE never waits for readers. A failure here is retried next time (the WAL keeps the data).
  // The copying (megabytes after a big import) runs on a connection of its own in a worker
  // thread, so it never stalls the event loop; on this thread only if that worker is gone.
  let checkpointer: Worker | null = startCheckpointer(path.join(dataDir, 'cjm.sqlite'), () => {
    checkpointer = null;
  });
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  let changesAtCheckpoint = 0;
  const checkpointTimer = setInterval(() => {
    if (!db.open) return;
    try {
      const changes = totalChanges.get() as number;
      if (changes === changesAtCheckpoint) return;
      if (checkpointer) checkpointer.postMessage('checkpoint');
      else db.pragma('wal_checkpoint(PASSIVE)');
      changesAtCheckpoint = changes;
    } catch {
      // Busy or refused: the WAL still holds everything; the next tick tries again.
    }
  }, CHECKPOINT_EVERY_MS);
  checkpointTimer.unref();

  // `async` methods run their body synchronously up to the first await (there is none here):
  // the commit happens inside the call, and a thrown driver error becomes a rejection.
  return {
    async createMap(map) {
      createMap(map);
    },
    async findMap(id) {
      const row = q.mapById.get(id);
      return row && toMapRow(row);
    },
    async liveMaps() {
      return q.liveMaps.all().map(toMapRow);
    },
    async setListEntry(id, entry, updatedAt) {
      q.setListEntry.run(entry.title, entry.touchpointCount, updatedAt, id);
    },
    async setDeletedAt(id, deletedAt) {
      q.setDeletedAt.run(deletedAt, id);
    },
    async rotateKey(id) {
      return q.rotateKey.get(id)?.key_generation;
    },
    async purgeDeletedBefore(cutoff) {
      const ids = q.expiredMaps.all(cutoff).map((r) => r.id);
      if (ids.length > 0) purge(ids);
      return ids.length;
    },

    async loadDoc(id): Promise<StoredDoc> {
      const updates: Uint8Array[] = [];
      const snapshot = q.snapshotOf.get(id);
      if (snapshot) updates.push(snapshot.bytes);
      let lastSeq = 0;
      let pendingCount = 0;
      for (const row of q.updatesOf.iterate(id)) {
        updates.push(row.bytes);
        lastSeq = row.seq;
        pendingCount++;
      }
      return { updates, pendingCount, lastSeq, snapshotStateVector: snapshot?.state_vector ?? null };
    },
    async appendUpdates(id, updates) {
      return appendUpdates(id, updates);
    },
    async compact(id, state, upToSeq, now, stateVector) {
      compact(id, state, upToSeq, now, stateVector);
    },
    async recordSnapshotStateVector(id, snapshotBytes, stateVector) {
      return q.setSnapshotStateVector.run(blob(stateVector), id, snapshotBytes).changes > 0;
    },

    async createBackup(of, backup, limits) {
      return createBackup(of, backup, limits);
    },
    async listBackups(of): Promise<BackupRow[]> {
      return q.backupsOf.all(of).map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at, bytes: r.bytes }));
    },
    async restoreBackup(of, backupId) {
      return q.restoreBackup.run(backupId, of).changes > 0;
    },

    async listReviews(mapId): Promise<ReviewSummaryRow[]> {
      return q.reviewList.all(mapId).map((r) => ({ id: r.id, name: r.name, summary: r.summary, createdAt: r.created_at }));
    },
    async getReview(mapId, reviewId) {
      const row = q.review.get(mapId, reviewId);
      return row && reviewFromRow(row);
    },
    async countReviews(mapId) {
      return q.reviewCount.get(mapId)?.n ?? 0;
    },
    async insertReviews(mapId, reviews) {
      insertReviewsAtomically(mapId, reviews);
    },
    async removeReview(mapId, reviewId) {
      return q.removeReview.run(mapId, reviewId).changes > 0;
    },
    async allReviews(mapId) {
      return q.allReviews.all(mapId).map(reviewFromRow);
    },
    async lastReviewTimes() {
      return new Map(q.lastReviews.all().map((r) => [r.map_id, r.last]));
    },

    async putHealth(mapId, healthJson) {
      q.putHealth.run(mapId, healthJson);
    },
    async getHealth(mapId) {
      return q.health.get(mapId)?.health_json;
    },

    async close() {
      clearInterval(checkpointTimer);
      const stopping = checkpointer;
      checkpointer = null;
      if (stopping) await stopping.terminate();
      if (db.open) db.close();
      // Last: the folder is free only once everything is on disk.
      if (lock.open) lock.close();
    },
  } satisfies Storage;
}
