// SQLite storage (better-sqlite3, WAL). Calls are synchronous on purpose: an update is on
// disk before the caller goes on to apply and relay it, and rooms never race their own loads.
//
//   maps       one row per map: timestamps, soft-delete mark, the list's title and touchpoint count,
//              and the generation of its link key (rotating it revokes every link minted before)
//   updates    the Yjs updates received since the last snapshot, in arrival order (seq)
//   snapshots  one merged Yjs update per map (V1 encoding, so it can go to a client as it is);
//              compaction folds updates into it. With it, the state vector of the doc it was
//              taken from, when known: a room can then greet clients before decoding the map
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import Database from 'better-sqlite3';

const SCHEMA_VERSION = 3;

/** How often the WAL is copied back into the database file, when something was written. */
const CHECKPOINT_EVERY_MS = 1000;
/**
 * SQLite's own checkpoint (by default every 1,000 pages) runs inside whichever commit crosses the
 * limit, stalling a relay for milliseconds. It stays only as a backstop for when the timer is late.
 */
const WAL_BACKSTOP_PAGES = 4_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS maps (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    title TEXT NOT NULL DEFAULT '',
    touchpoint_count INTEGER NOT NULL DEFAULT 0,
    key_generation INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    map_id TEXT NOT NULL,
    bytes BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_map ON updates (map_id, seq);
  CREATE TABLE IF NOT EXISTS snapshots (
    map_id TEXT PRIMARY KEY,
    bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    state_vector BLOB
  ) WITHOUT ROWID;
`;

/** The disk said no (full, read-only, locked): not the client's fault, worth retrying later. */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super(`storage failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageError';
  }
}

/** SQLite errors that mean the disk refused (full, read-only, I/O), not a bug in the request. */
const DISK_ERRORS = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL)/;

export function isStorageFailure(error: unknown): boolean {
  if (error instanceof StorageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DISK_ERRORS.test(code);
}

export interface MapRow {
  id: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  title: string;
  touchpointCount: number;
  /** Links carry the generation they were minted in; only the current one is accepted. */
  keyGeneration: number;
}

export interface ListEntry {
  title: string;
  touchpointCount: number;
}

export interface StoredDoc {
  /** The snapshot first (if any), then every update after it, oldest first. All V1 updates. */
  updates: Uint8Array[];
  /** Updates stored since the snapshot. */
  pendingCount: number;
  lastSeq: number;
  /** The snapshot's state vector; null when there is no snapshot or it was stored without one. */
  snapshotStateVector: Uint8Array | null;
}

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

// better-sqlite3 binds Buffers as BLOBs; this wraps a Uint8Array view without copying.
const blob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export type Persistence = ReturnType<typeof openPersistence>;

export function openPersistence(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'cjm.sqlite'));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives a killed process; only a power cut may lose the last ones.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`cjm.sqlite has schema version ${version}; this server knows up to ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    // Version 1 had no link keys; every existing map starts at generation 0.
    if (version === 1) db.exec('ALTER TABLE maps ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 0');
    // Versions 1 and 2 kept no state vectors; a room records one the first time it loads the map.
    if (version === 1 || version === 2) db.exec('ALTER TABLE snapshots ADD COLUMN state_vector BLOB');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();

  const q = {
    insertMap: db.prepare(
      'INSERT INTO maps (id, created_at, updated_at, deleted_at, title, touchpoint_count) VALUES (?, ?, ?, NULL, ?, ?)',
    ),
    mapById: db.prepare<[string], RawMapRow>('SELECT * FROM maps WHERE id = ?'),
    liveMaps: db.prepare<[], RawMapRow>('SELECT * FROM maps WHERE deleted_at IS NULL ORDER BY updated_at DESC, id'),
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
  };

  const optionalBlob = (bytes: Uint8Array | null | undefined) => (bytes ? blob(bytes) : null);

  const createMap = db.transaction(
    (id: string, state: Uint8Array, entry: ListEntry, now: number, stateVector: Uint8Array | null) => {
      q.insertMap.run(id, now, now, entry.title, entry.touchpointCount);
      q.putSnapshot.run(id, blob(state), now, optionalBlob(stateVector));
    },
  );

  const compact = db.transaction(
    (id: string, state: Uint8Array, upToSeq: number, now: number, stateVector: Uint8Array | null) => {
      q.putSnapshot.run(id, blob(state), now, optionalBlob(stateVector));
      q.dropUpdatesUpTo.run(id, upToSeq);
    },
  );

  // Nested calls become savepoints (better-sqlite3), so callers may group calls that use transactions.
  const inTransaction = db.transaction((work: () => void) => work());

  const purge = db.transaction((ids: string[]) => {
    for (const id of ids) {
      q.dropUpdates.run(id);
      q.dropSnapshot.run(id);
      q.dropMap.run(id);
    }
  });

  // A timer checkpoint copies each changed page once, however many commits rewrote it since;
  // PASSIVE never waits for readers. A failure here is retried next time (the WAL keeps the data).
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  let changesAtCheckpoint = 0;
  const checkpointTimer = setInterval(() => {
    if (!db.open) return;
    try {
      const changes = totalChanges.get() as number;
      if (changes === changesAtCheckpoint) return;
      db.pragma('wal_checkpoint(PASSIVE)');
      changesAtCheckpoint = changes;
    } catch {
      // Busy or refused: the WAL still holds everything; the next tick tries again.
    }
  }, CHECKPOINT_EVERY_MS);
  checkpointTimer.unref();

  return {
    /** The open database, for feature modules that keep tables of their own (server/reviews.ts). */
    database: db,

    /**
     * A new map with its initial content as the snapshot. `stateVector` is
     * Y.encodeStateVector of the doc `state` was encoded from; without it, it is read off the bytes.
     */
    createMap(id: string, state: Uint8Array, entry: ListEntry, now: number, stateVector?: Uint8Array): void {
      createMap(id, state, entry, now, stateVector ?? Y.encodeStateVectorFromUpdate(state));
    },

    findMap(id: string): MapRow | undefined {
      const row = q.mapById.get(id);
      return row && toMapRow(row);
    },

    liveMaps(): MapRow[] {
      return q.liveMaps.all().map(toMapRow);
    },

    /** Runs `work` in one transaction: all of its writes are committed together, or none is. */
    transaction(work: () => void): void {
      inTransaction(work);
    },

    /** Appends one update and returns its seq; committed when this returns, or with the enclosing transaction. */
    appendUpdate(id: string, update: Uint8Array): number {
      return Number(q.appendUpdate.run(id, blob(update)).lastInsertRowid);
    },

    loadDoc(id: string): StoredDoc {
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

    /**
     * Replaces the snapshot and drops the updates it now contains, atomically. `stateVector` is
     * the doc's at the moment `state` was encoded (null: unknown).
     */
    compact(id: string, state: Uint8Array, upToSeq: number, now: number, stateVector: Uint8Array | null = null): void {
      compact(id, state, upToSeq, now, stateVector);
    },

    /**
     * Records the state vector of a snapshot stored without one (maps written before it was
     * kept), if that snapshot (`snapshotBytes` long) is still the map's; true when it was written.
     */
    recordSnapshotStateVector(id: string, snapshotBytes: number, stateVector: Uint8Array): boolean {
      return q.setSnapshotStateVector.run(blob(stateVector), id, snapshotBytes).changes > 0;
    },

    setListEntry(id: string, entry: ListEntry, updatedAt: number): void {
      q.setListEntry.run(entry.title, entry.touchpointCount, updatedAt, id);
    },

    setDeletedAt(id: string, deletedAt: number | null): void {
      q.setDeletedAt.run(deletedAt, id);
    },

    /** Moves the map's link key to a new generation and returns it; undefined for an unknown map. */
    rotateKey(id: string): number | undefined {
      return q.rotateKey.get(id)?.key_generation;
    },

    /** Removes maps deleted before `cutoff` for good; returns how many. */
    purgeDeletedBefore(cutoff: number): number {
      const ids = q.expiredMaps.all(cutoff).map((r) => r.id);
      if (ids.length > 0) purge(ids);
      return ids.length;
    },

    close(): void {
      clearInterval(checkpointTimer);
      db.close();
    },
  };
}
