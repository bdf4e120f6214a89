// Copies a SQLite data folder into PostgreSQL (`npm run migrate -- --to "$DATABASE_URL"`):
// every map (deleted ones and replace backups included, with their timestamps and link key
// generations, so existing links keep working), its content, saved reviews and health figures.
// Each map is verified after it is written: its content read back from PostgreSQL must be what
// SQLite held. Safe to run twice: a map already in PostgreSQL gets only what it lacks (Yjs merges
// the content; reviews already there are kept), then it is verified to contain the SQLite map.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { readSnapshot } from '../../src/doc/read';
import { openPostgresStorage } from './postgres';
import { openSqliteStorage } from './sqlite';

interface SourceMap {
  id: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  title: string;
  touchpoint_count: number;
  key_generation: number;
  backup_of: string | null;
}

interface SourceReview {
  id: string;
  name: string;
  summary: string;
  created_at: number;
  snapshot_json: string;
  checklist_json: string;
}

export interface CopyReport {
  copied: number;
  merged: number;
  unchanged: number;
  failed: string[];
}

const bytea = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** What people see of a map: the same for two docs that hold the same content. */
const contentOf = (doc: Y.Doc) => {
  const snap = readSnapshot(doc);
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
  return JSON.stringify({
    ...snap,
    stages: byId(snap.stages),
    channels: byId(snap.channels),
    touchpoints: byId(snap.touchpoints),
    connections: byId(snap.connections),
    notes: byId(snap.notes),
    quotes: byId(snap.quotes),
    layers: byId(snap.layers),
    cells: byId(snap.cells),
  });
};

const docOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
};

export async function copySqliteToPostgres(
  dataDir: string,
  databaseUrl: string,
  say: (line: string) => void = () => {},
): Promise<CopyReport> {
  // Takes the folder's lock (no server may write meanwhile) and brings the file to the current schema.
  const source = openSqliteStorage(dataDir);
  const raw = new Database(path.join(dataDir, 'cjm.sqlite'), { readonly: true });
  // Creates or migrates the PostgreSQL schema.
  const target = await openPostgresStorage(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const report: CopyReport = { copied: 0, merged: 0, unchanged: 0, failed: [] };
  try {
    const maps = raw
      .prepare<[], SourceMap>(
        'SELECT id, created_at, updated_at, deleted_at, title, touchpoint_count, key_generation, backup_of FROM maps ORDER BY created_at, id',
      )
      .all();
    const reviewsOf = raw.prepare<[string], SourceReview>('SELECT * FROM reviews WHERE map_id = ? ORDER BY created_at, id');
    const healthOf = raw.prepare<[string], { health_json: string }>('SELECT health_json FROM map_health WHERE map_id = ?');
    for (const map of maps) {
      const sourceDoc = docOf((await source.loadDoc(map.id)).updates);
      const state = Y.encodeStateAsUpdate(sourceDoc);
      const reviews = reviewsOf.all(map.id);
      const health = healthOf.get(map.id)?.health_json;
      const existing = await target.findMap(map.id);
      let outcome: 'copied' | 'merged' | 'unchanged';
      await client.query('BEGIN');
      try {
        if (!existing) {
          await client.query(
            'INSERT INTO maps (id, created_at, updated_at, deleted_at, title, touchpoint_count, key_generation, backup_of) ' +
              'VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
            [map.id, map.created_at, map.updated_at, map.deleted_at, map.title, map.touchpoint_count, map.key_generation, map.backup_of],
          );
          await client.query('INSERT INTO snapshots (map_id, bytes, created_at, state_vector) VALUES ($1, $2, $3, $4)', [
            map.id,
            bytea(state),
            map.updated_at,
            bytea(Y.encodeStateVector(sourceDoc)),
          ]);
          outcome = 'copied';
        } else {
          // Already copied, and maybe edited since: add only what PostgreSQL lacks.
          const targetDoc = docOf((await target.loadDoc(map.id)).updates);
          const missing = Y.diffUpdate(state, Y.encodeStateVector(targetDoc));
          const vectorBefore = Buffer.from(Y.encodeStateVector(targetDoc));
          const contentBefore = contentOf(targetDoc);
          Y.applyUpdate(targetDoc, missing);
          // New structs move the state vector; deletions alone show in the content.
          const adds = !vectorBefore.equals(Buffer.from(Y.encodeStateVector(targetDoc))) || contentOf(targetDoc) !== contentBefore;
          if (adds) await client.query('INSERT INTO updates (map_id, bytes) VALUES ($1, $2)', [map.id, bytea(missing)]);
          // A rotation on either side stays in force.
          await client.query('UPDATE maps SET key_generation = greatest(key_generation, $2) WHERE id = $1', [map.id, map.key_generation]);
          outcome = adds ? 'merged' : 'unchanged';
        }
        for (const review of reviews) {
          await client.query(
            'INSERT INTO reviews (map_id, id, name, summary, created_at, snapshot_json, checklist_json) VALUES ($1, $2, $3, $4, $5, $6, $7) ' +
              'ON CONFLICT (map_id, id) DO NOTHING',
            [map.id, review.id, review.name, review.summary, review.created_at, review.snapshot_json, review.checklist_json],
          );
        }
        if (health !== undefined) {
          await client.query('INSERT INTO map_health (map_id, health_json) VALUES ($1, $2) ON CONFLICT (map_id) DO NOTHING', [
            map.id,
            health,
          ]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }

      // Verified from what PostgreSQL now returns: the SQLite content, whole (for a merge: contained).
      const stored = docOf((await target.loadDoc(map.id)).updates);
      const storedContent = contentOf(stored);
      const withSource = docOf([Y.encodeStateAsUpdate(stored), state]);
      const reviewIds = new Set((await target.allReviews(map.id)).map((r) => r.id));
      const ok =
        (outcome === 'copied' ? storedContent === contentOf(sourceDoc) : contentOf(withSource) === storedContent) &&
        reviews.every((r) => reviewIds.has(r.id));
      if (!ok) {
        report.failed.push(map.id);
        say(`FAILED  ${map.id} "${map.title}": what PostgreSQL holds differs from the SQLite map`);
        continue;
      }
      report[outcome]++;
      const kind = map.backup_of ? ' (replace backup)' : map.deleted_at !== null ? ' (deleted)' : '';
      say(`${outcome.padEnd(9)} ${map.id} "${map.title}"${kind}: ${readSnapshot(sourceDoc).touchpoints.length} touchpoints, ${reviews.length} reviews`);
    }
  } finally {
    await client.end();
    await target.close();
    raw.close();
    await source.close();
  }
  return report;
}
