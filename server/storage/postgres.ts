// The Storage contract on PostgreSQL (`DATABASE_URL=postgres://…`), for several server instances
// sharing one database. Same tables as sqlite.ts; every write is one autocommitted statement or
// one transaction, so a write's Promise resolves only once PostgreSQL has committed it.
//
// Differences from SQLite that matter with several writers:
// - `updates.seq` comes from a sequence: across instances seq order is not commit order, so a
//   compaction never trusts that the room's doc holds every row up to its seq. It deletes the
//   rows with RETURNING and merges exactly those (and the stored snapshot) into the new snapshot.
// - Compaction of one map runs under `pg_try_advisory_xact_lock`: if another instance holds it,
//   this one skips (the other is folding the same rows).
// - Migrations run under an advisory lock, so instances starting at once migrate once.
// - A database that cannot be reached (stopped, restarting, out of disk, read-only) surfaces as
//   StorageError: rooms refuse edits with 1011 for STORAGE_RETRY_MS and the API answers 503.
import pg from 'pg';
import * as Y from 'yjs';
import type { Review } from '../../src/domain/types';
import {
  DataDirError,
  StorageError,
  reviewFromRow,
  type BackupRow,
  type MapRow,
  type NewMap,
  type ReviewRow,
  type ReviewSummaryRow,
  type Storage,
  type StoredDoc,
} from './Storage';

/** Each step brings the schema from the version before to its own. */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        deleted_at BIGINT,
        title TEXT NOT NULL DEFAULT '',
        touchpoint_count INTEGER NOT NULL DEFAULT 0,
        key_generation INTEGER NOT NULL DEFAULT 0,
        backup_of TEXT
      );
      CREATE INDEX maps_backups ON maps (backup_of, created_at) WHERE backup_of IS NOT NULL;
      CREATE TABLE updates (
        seq BIGSERIAL PRIMARY KEY,
        map_id TEXT NOT NULL,
        bytes BYTEA NOT NULL
      );
      CREATE INDEX updates_by_map ON updates (map_id, seq);
      CREATE TABLE snapshots (
        map_id TEXT PRIMARY KEY,
        bytes BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        state_vector BYTEA
      );
      CREATE TABLE reviews (
        map_id TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        snapshot_json TEXT NOT NULL,
        checklist_json TEXT NOT NULL,
        PRIMARY KEY (map_id, id)
      );
      CREATE INDEX reviews_by_map ON reviews (map_id, created_at);
      CREATE TABLE map_health (
        map_id TEXT PRIMARY KEY,
        health_json TEXT NOT NULL
      );`,
  },
];

export const PG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Advisory lock keys: one for migrations, and a namespace for per-map compaction (hashtext of the id). */
const MIGRATION_LOCK = 0x636a6d; // "cjm"
const COMPACTION_LOCK_SPACE = 0x636a6d2;

/**
 * SQLSTATEs and socket errors that mean the database is unreachable or refusing writes (not a
 * bad request): connection exceptions (08), shutting down / cannot connect now (57P), out of
 * resources such as a full disk (53), I/O errors (58), a read-only standby (25006).
 */
const UNAVAILABLE_CODE = /^(08|57P0|53|58|25006$|ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)/;
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|connection is insecure|the database system is/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof StorageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODE.test(code)) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}

/** Where the database is, without the password, for log lines. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

interface RawMapRow {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  title: string;
  touchpoint_count: number;
  key_generation: number;
}

// BIGINT arrives as a string (it may exceed 2^53); epoch ms and seqs never do.
const toMapRow = (r: RawMapRow): MapRow => ({
  id: r.id,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  deletedAt: r.deleted_at === null ? null : Number(r.deleted_at),
  title: r.title,
  touchpointCount: r.touchpoint_count,
  keyGeneration: r.key_generation,
});

const bytea = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const MAP_COLUMNS = 'id, created_at, updated_at, deleted_at, title, touchpoint_count, key_generation';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PostgresOptions {
  /** Connections in the pool; each room's writes are serial, so a few serve many maps. */
  maxConnections?: number;
  onError?: (message: string, error: unknown) => void;
}

export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    // A database that does not answer must not hold a room's writes forever.
    connectionTimeoutMillis: 5000,
    query_timeout: 30_000,
    idleTimeoutMillis: 10_000,
  });
  // Idle connections broken by a database restart emit here; unhandled it would end the process.
  pool.on('error', (error) => options.onError?.('an idle PostgreSQL connection failed', error));

  /** Runs `work`, turning an unreachable database into StorageError (the retry-later path). */
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw isDatabaseUnavailable(error) && !(error instanceof StorageError) ? new StorageError(error) : error;
    }
  };

  const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    guarded(() => pool.query<R>(sql, params));

  /** One transaction on one connection; resolves once committed. */
  const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    guarded(async () => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = isDatabaseUnavailable(error);
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        // A connection that failed mid-transaction is dropped, not reused.
        client.release(broken);
      }
    });

  try {
    await transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
      const version = rows[0]?.v ?? 0;
      if (version > PG_SCHEMA_VERSION) {
        throw new DataDirError(
          `the database ${describeDatabaseUrl(url)} has schema version ${version}; this server knows up to ${PG_SCHEMA_VERSION}`,
        );
      }
      for (const step of MIGRATIONS) if (step.version > version) await client.query(step.sql);
      if (version < PG_SCHEMA_VERSION) {
        await client.query('DELETE FROM schema_version');
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
      }
    });
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof DataDirError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataDirError(`cannot use the database ${describeDatabaseUrl(url)} (${reason})`, error);
  }

  const insertReviews = async (db: Queryable, mapId: string, reviews: readonly Review[], fallbackTime: number) => {
    for (const review of reviews) {
      const createdAt = Date.parse(review.createdAt);
      await db.query(
        'INSERT INTO reviews (map_id, id, name, summary, created_at, snapshot_json, checklist_json) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          mapId,
          review.id,
          review.name,
          review.summary,
          Number.isFinite(createdAt) ? createdAt : fallbackTime,
          JSON.stringify(review.snapshot),
          JSON.stringify(review.checklist),
        ],
      );
    }
  };

  const insertMap = async (db: Queryable, map: NewMap, deletedAt: number | null, backupOf: string | null) => {
    await db.query(
      'INSERT INTO maps (id, created_at, updated_at, deleted_at, title, touchpoint_count, backup_of) VALUES ($1, $2, $2, $3, $4, $5, $6)',
      [map.id, map.now, deletedAt, map.entry.title, map.entry.touchpointCount, backupOf],
    );
    const stateVector = map.stateVector ?? Y.encodeStateVectorFromUpdate(map.state);
    await db.query('INSERT INTO snapshots (map_id, bytes, created_at, state_vector) VALUES ($1, $2, $3, $4)', [
      map.id,
      bytea(map.state),
      map.now,
      bytea(stateVector),
    ]);
    if (map.reviews) await insertReviews(db, map.id, map.reviews, map.now);
  };

  const dropForGood = async (db: Queryable, id: string) => {
    for (const table of ['updates', 'snapshots', 'reviews', 'map_health']) {
      await db.query(`DELETE FROM ${table} WHERE map_id = $1`, [id]);
    }
    await db.query('DELETE FROM maps WHERE id = $1', [id]);
  };

  const backupsOf = async (db: Queryable, of: string) =>
    (
      await db.query<{ id: string; title: string; created_at: string; bytes: number }>(
        'SELECT m.id, m.title, m.created_at, coalesce(octet_length(s.bytes), 0) AS bytes FROM maps m ' +
          'LEFT JOIN snapshots s ON s.map_id = m.id WHERE m.backup_of = $1 ORDER BY m.created_at DESC, m.id DESC',
        [of],
      )
    ).rows.map((r) => ({ id: r.id, title: r.title, createdAt: Number(r.created_at), bytes: r.bytes }));

  return {
    async createMap(map) {
      await transaction((client) => insertMap(client, map, null, null));
    },
    async findMap(id) {
      const { rows } = await query<RawMapRow>(`SELECT ${MAP_COLUMNS} FROM maps WHERE id = $1`, [id]);
      return rows[0] && toMapRow(rows[0]);
    },
    async liveMaps() {
      const { rows } = await query<RawMapRow>(
        `SELECT ${MAP_COLUMNS} FROM maps WHERE deleted_at IS NULL ORDER BY updated_at DESC, id`,
      );
      return rows.map(toMapRow);
    },
    async setListEntry(id, entry, updatedAt) {
      // A doc without a title (its content not synced yet) keeps the title the list already shows.
      await query("UPDATE maps SET title = coalesce(nullif($1, ''), title), touchpoint_count = $2, updated_at = $3 WHERE id = $4", [
        entry.title,
        entry.touchpointCount,
        updatedAt,
        id,
      ]);
    },
    async setDeletedAt(id, deletedAt) {
      await query('UPDATE maps SET deleted_at = $1 WHERE id = $2', [deletedAt, id]);
    },
    async rotateKey(id) {
      const { rows } = await query<{ key_generation: number }>(
        'UPDATE maps SET key_generation = key_generation + 1 WHERE id = $1 RETURNING key_generation',
        [id],
      );
      return rows[0]?.key_generation;
    },
    async purgeDeletedBefore(cutoff) {
      return transaction(async (client) => {
        const { rows } = await client.query<{ id: string }>(
          'SELECT id FROM maps WHERE deleted_at IS NOT NULL AND deleted_at < $1 FOR UPDATE',
          [cutoff],
        );
        for (const { id } of rows) await dropForGood(client, id);
        return rows.length;
      });
    },

    async loadDoc(id): Promise<StoredDoc> {
      // One statement sees one database state: a compaction committing meanwhile can neither
      // hide rows (snapshot old, updates already gone) nor show them twice.
      const { rows } = await query<{ seq: string; bytes: Buffer; state_vector: Buffer | null }>(
        'SELECT -1::bigint AS seq, bytes, state_vector FROM snapshots WHERE map_id = $1 ' +
          'UNION ALL SELECT seq, bytes, NULL FROM updates WHERE map_id = $1 ORDER BY seq',
        [id],
      );
      const updates: Uint8Array[] = [];
      let snapshotStateVector: Uint8Array | null = null;
      let lastSeq = 0;
      let pendingCount = 0;
      for (const row of rows) {
        updates.push(row.bytes);
        const seq = Number(row.seq);
        if (seq < 0) {
          snapshotStateVector = row.state_vector;
        } else {
          lastSeq = seq;
          pendingCount++;
        }
      }
      return { updates, pendingCount, lastSeq, snapshotStateVector };
    },
    async appendUpdates(id, updates) {
      if (updates.length === 0) return 0;
      // One statement, autocommitted: durable when it returns (synchronous_commit).
      const { rows } = await query<{ seq: string }>(
        'INSERT INTO updates (map_id, bytes) SELECT $1, u FROM unnest($2::bytea[]) WITH ORDINALITY AS t(u, n) ORDER BY n RETURNING seq',
        [id, updates.map(bytea)],
      );
      let last = 0;
      for (const row of rows) last = Math.max(last, Number(row.seq));
      return last;
    },
    async compact(id, state, upToSeq, now) {
      await transaction(async (client) => {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked',
          [COMPACTION_LOCK_SPACE, id],
        );
        // Another instance is compacting this map right now: it folds the same rows.
        if (!rows[0]?.locked) return;
        const snapshot = await client.query<{ bytes: Buffer }>('SELECT bytes FROM snapshots WHERE map_id = $1 FOR UPDATE', [id]);
        // Exactly the rows deleted go into the snapshot, whatever this room had seen of them:
        // another instance's row may carry a lower seq yet have reached this room late or never.
        const dropped = await client.query<{ bytes: Buffer }>(
          'DELETE FROM updates WHERE map_id = $1 AND seq <= $2 RETURNING bytes',
          [id, upToSeq],
        );
        const parts: Uint8Array[] = [];
        if (snapshot.rows[0]) parts.push(snapshot.rows[0].bytes);
        for (const row of dropped.rows) parts.push(row.bytes);
        parts.push(state);
        const merged = Y.mergeUpdates(parts);
        await client.query(
          'INSERT INTO snapshots (map_id, bytes, created_at, state_vector) VALUES ($1, $2, $3, $4) ' +
            'ON CONFLICT (map_id) DO UPDATE SET bytes = excluded.bytes, created_at = excluded.created_at, state_vector = excluded.state_vector',
          [id, bytea(merged), now, bytea(Y.encodeStateVectorFromUpdate(merged))],
        );
      });
    },
    async recordSnapshotStateVector(id, snapshotBytes, stateVector) {
      const { rowCount } = await query(
        'UPDATE snapshots SET state_vector = $1 WHERE map_id = $2 AND state_vector IS NULL AND octet_length(bytes) = $3',
        [bytea(stateVector), id, snapshotBytes],
      );
      return (rowCount ?? 0) > 0;
    },

    async createBackup(of, backup, limits) {
      return transaction(async (client) => {
        // Two replaces of one map at once must not both decide what to drop.
        await client.query('SELECT id FROM maps WHERE id = $1 FOR UPDATE', [of]);
        await insertMap(client, backup, backup.now, of);
        const dropped: string[] = [];
        let count = 0;
        let bytes = 0;
        for (const row of await backupsOf(client, of)) {
          count++;
          bytes += row.bytes;
          // The backup just taken always stays, even alone over the bytes bound.
          if (row.id !== backup.id && (count > limits.maxCount || bytes > limits.maxBytes)) {
            await dropForGood(client, row.id);
            dropped.push(row.id);
          }
        }
        return dropped;
      });
    },
    async listBackups(of): Promise<BackupRow[]> {
      return guarded(() => backupsOf(pool, of));
    },
    async restoreBackup(of, backupId) {
      const { rowCount } = await query('UPDATE maps SET backup_of = NULL, deleted_at = NULL WHERE id = $1 AND backup_of = $2', [
        backupId,
        of,
      ]);
      return (rowCount ?? 0) > 0;
    },

    async listReviews(mapId): Promise<ReviewSummaryRow[]> {
      const { rows } = await query<{ id: string; name: string; summary: string; created_at: string }>(
        'SELECT id, name, summary, created_at FROM reviews WHERE map_id = $1 ORDER BY created_at DESC, id DESC',
        [mapId],
      );
      return rows.map((r) => ({ id: r.id, name: r.name, summary: r.summary, createdAt: Number(r.created_at) }));
    },
    async getReview(mapId, reviewId) {
      const { rows } = await query<ReviewRow>('SELECT * FROM reviews WHERE map_id = $1 AND id = $2', [mapId, reviewId]);
      return rows[0] && reviewFromRow(rows[0]);
    },
    async countReviews(mapId) {
      const { rows } = await query<{ n: number }>('SELECT count(*)::int AS n FROM reviews WHERE map_id = $1', [mapId]);
      return rows[0]?.n ?? 0;
    },
    async insertReviews(mapId, reviews) {
      await transaction((client) => insertReviews(client, mapId, reviews, Date.now()));
    },
    async removeReview(mapId, reviewId) {
      const { rowCount } = await query('DELETE FROM reviews WHERE map_id = $1 AND id = $2', [mapId, reviewId]);
      return (rowCount ?? 0) > 0;
    },
    async allReviews(mapId) {
      const { rows } = await query<ReviewRow>('SELECT * FROM reviews WHERE map_id = $1 ORDER BY created_at, id', [mapId]);
      return rows.map(reviewFromRow);
    },
    async lastReviewTimes() {
      const { rows } = await query<{ map_id: string; last: string }>(
        'SELECT map_id, max(created_at) AS last FROM reviews GROUP BY map_id',
      );
      return new Map(rows.map((r) => [r.map_id, Number(r.last)]));
    },

    async putHealth(mapId, healthJson) {
      await query(
        'INSERT INTO map_health (map_id, health_json) VALUES ($1, $2) ON CONFLICT (map_id) DO UPDATE SET health_json = excluded.health_json',
        [mapId, healthJson],
      );
    },
    async getHealth(mapId) {
      const { rows } = await query<{ health_json: string }>('SELECT health_json FROM map_health WHERE map_id = $1', [mapId]);
      return rows[0]?.health_json;
    },

    async ping() {
      await query('SELECT 1');
    },

    async close() {
      await pool.end();
    },
  } satisfies Storage & { ping(): Promise<void> };
}
