// Saved reviews: frozen, named, dated states of a map, kept as JSON in the server's SQLite,
// never in the live Y.Doc (so they never slow a map's load nor grow it). Saving freezes the
// room's own doc, then clears the review-in-progress checklist through the room so every
// connected client sees the next review start empty. Reviews are never edited, only deleted.
//
// Also here: the per-map health figures of the map list (last review, triple-focus coverage,
// quiet touchpoints), computed from the live doc whenever the room refreshes its list entry
// and kept in a small table, so listing maps never loads a doc.
//
//   reviews     map_id, id, name, summary, created_at (epoch ms), snapshot_json, checklist_json
//   map_health  map_id, health_json (what the list needs to finish the figures at list time)
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { ReviewSummary } from '../src/domain/api';
import { REVIEW_CHECKS } from '../src/domain/entityFields';
import { describeProblem, type FieldResult } from '../src/domain/fields';
import { orderedSnapshot } from '../src/domain/format';
import { DEFAULT_FORMAT_LIMITS, ENTITY_ID_PATTERN } from '../src/domain/format/types';
import { newEntityId } from '../src/domain/ids';
import { DEFAULT_CADENCE_DAYS } from '../src/domain/limits';
import { healthBasis, listHealth, type HealthBasis, type MapListHealth } from '../src/domain/review/summary';
import type { Id, JourneyMapSnapshot, Review, ReviewChecklist } from '../src/domain/types';
import { clearChecklist } from '../src/doc/mutations';
import { readChecklist, readSnapshot } from '../src/doc/read';
import { credentialsOf, isRefusal, type AccessControl, type Credentials } from './access';
import { HttpError } from './http';
import type { Logger } from './log';
import { StorageError, type Persistence } from './persistence';
import { CLOSE_SERVER_ERROR } from './protocol';
import type { RoomRegistry } from './rooms';
import { created, ok, type RouteCall, type RouteTable } from './router';

/** The map list's health figures of one map. */
export type MapRowHealth = MapListHealth;

/** Kept per map (map_health): enough to count quiet touchpoints and tell a due review on any later day. */
type StoredHealth = HealthBasis;

const SCHEMA = `
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
  -- A map purged for good takes its reviews and health with it (soft delete keeps them).
  CREATE TRIGGER IF NOT EXISTS reviews_follow_purged_map AFTER DELETE ON maps BEGIN
    DELETE FROM reviews WHERE map_id = OLD.id;
    DELETE FROM map_health WHERE map_id = OLD.id;
  END;
`;

/** Kept equal to the format's limit, so every map's export stays importable. */
export const MAX_REVIEWS_PER_MAP = DEFAULT_FORMAT_LIMITS.maxReviews;

export const isReviewId = (value: string): boolean => ENTITY_ID_PATTERN.test(value);

interface RawReview {
  id: string;
  name: string;
  summary: string;
  created_at: number;
}

interface RawFullReview extends RawReview {
  snapshot_json: string;
  checklist_json: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

const summaryOf = (r: RawReview): ReviewSummary => ({ id: r.id, name: r.name, summary: r.summary, createdAt: iso(r.created_at) });

const reviewOf = (r: RawFullReview): Review => ({
  ...summaryOf(r),
  snapshot: JSON.parse(r.snapshot_json) as JourneyMapSnapshot,
  checklist: JSON.parse(r.checklist_json) as Record<Id, ReviewChecklist>,
});

/** The snapshot as it is on the grid, and only the ticks of touchpoints in it. */
export function freeze(snapshot: JourneyMapSnapshot, checklist: Record<Id, ReviewChecklist>) {
  const frozen = orderedSnapshot(snapshot);
  const ticks: [Id, ReviewChecklist][] = [];
  for (const tp of frozen.touchpoints) if (Object.hasOwn(checklist, tp.id)) ticks.push([tp.id, checklist[tp.id]!]);
  return { snapshot: frozen, checklist: Object.fromEntries(ticks) as Record<Id, ReviewChecklist> };
}

export interface ReviewStoreOptions {
  persistence: Persistence;
  now: () => number;
  log: Logger;
}

export type ReviewStore = ReturnType<typeof openReviewStore>;

export function openReviewStore({ persistence, now, log }: ReviewStoreOptions) {
  const db: Database.Database = persistence.database;
  db.exec(SCHEMA);

  const q = {
    list: db.prepare<[string], RawReview>(
      'SELECT id, name, summary, created_at FROM reviews WHERE map_id = ? ORDER BY created_at DESC, id DESC',
    ),
    get: db.prepare<[string, string], RawFullReview>('SELECT * FROM reviews WHERE map_id = ? AND id = ?'),
    all: db.prepare<[string], RawFullReview>('SELECT * FROM reviews WHERE map_id = ? ORDER BY created_at, id'),
    count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM reviews WHERE map_id = ?'),
    insert: db.prepare(
      'INSERT INTO reviews (map_id, id, name, summary, created_at, snapshot_json, checklist_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    remove: db.prepare('DELETE FROM reviews WHERE map_id = ? AND id = ?'),
    lastReviews: db.prepare<[], { map_id: string; last: number }>(
      'SELECT map_id, max(created_at) AS last FROM reviews GROUP BY map_id',
    ),
    putHealth: db.prepare(
      'INSERT INTO map_health (map_id, health_json) VALUES (?, ?) ON CONFLICT (map_id) DO UPDATE SET health_json = excluded.health_json',
    ),
    health: db.prepare<[string], { health_json: string }>('SELECT health_json FROM map_health WHERE map_id = ?'),
  };

  const insert = (mapId: string, review: Review) => {
    const createdAt = Date.parse(review.createdAt);
    q.insert.run(
      mapId,
      review.id,
      review.name,
      review.summary,
      Number.isFinite(createdAt) ? createdAt : now(),
      JSON.stringify(review.snapshot),
      JSON.stringify(review.checklist),
    );
  };
  const insertMany = db.transaction((mapId: string, reviews: readonly Review[]) => {
    for (const review of reviews) insert(mapId, review);
  });

  function computeHealth(mapId: string, doc: Y.Doc): StoredHealth | null {
    try {
      const stored = healthBasis(readSnapshot(doc), new Date(now()));
      q.putHealth.run(mapId, JSON.stringify(stored));
      return stored;
    } catch (error) {
      // The list can live without these figures; the map itself must not suffer for them.
      log.warn(`map ${mapId}: health figures not refreshed`, error);
      return null;
    }
  }

  return {
    list(mapId: string): ReviewSummary[] {
      return q.list.all(mapId).map(summaryOf);
    },

    get(mapId: string, reviewId: string): Review | undefined {
      const row = q.get.get(mapId, reviewId);
      return row && reviewOf(row);
    },

    count(mapId: string): number {
      return q.count.get(mapId)?.n ?? 0;
    },

    /** Stores a review frozen elsewhere (saving through the API freezes the room's doc first). */
    insert(mapId: string, review: Review): void {
      insert(mapId, review);
    },

    /** False when there was no such review. */
    remove(mapId: string, reviewId: string): boolean {
      return q.remove.run(mapId, reviewId).changes > 0;
    },

    /** Every review of a map, oldest first, for the JSON export ("reviews": [...]). */
    reviewsForExport(mapId: string): Review[] {
      return q.all.all(mapId).map(reviewOf);
    },

    /**
     * Restores the reviews of an imported file into a (new) map, in one transaction. They must
     * come from `parseMapJson`; ids are kept (unique within the map).
     */
    saveImportedReviews(mapId: string, reviews: readonly Review[]): void {
      insertMany(mapId, reviews);
    },

    /** Recomputes a map's list figures from its live doc (the room calls this with its list entry). */
    refreshHealth(mapId: string, doc: Y.Doc): void {
      computeHealth(mapId, doc);
    },

    /**
     * The list figures of many maps at once. A map never measured yet (created before this
     * table, or not opened since) is measured now from its live doc or its stored state.
     */
    healthOf(mapIds: readonly string[], liveDoc: (mapId: string) => Y.Doc | undefined): Map<string, MapRowHealth> {
      const today = new Date(now());
      const lastReview = new Map(q.lastReviews.all().map((r) => [r.map_id, iso(r.last)]));
      const out = new Map<string, MapRowHealth>();
      for (const mapId of mapIds) {
        let stored: StoredHealth | null = null;
        const row = q.health.get(mapId);
        if (row) {
          try {
            stored = JSON.parse(row.health_json) as StoredHealth;
          } catch {
            stored = null;
          }
        }
        if (!stored) {
          const live = liveDoc(mapId);
          if (live) stored = computeHealth(mapId, live);
          else {
            const doc = new Y.Doc();
            try {
              for (const update of persistence.loadDoc(mapId).updates) Y.applyUpdate(doc, update);
              stored = computeHealth(mapId, doc);
            } catch (error) {
              log.warn(`map ${mapId}: could not measure its health`, error);
            } finally {
              doc.destroy();
            }
          }
        }
        const fallback: StoredHealth = { cadenceDays: DEFAULT_CADENCE_DAYS, createdAt: '', coverage: null, lastHeard: [] };
        out.set(mapId, listHealth(stored ?? fallback, lastReview.get(mapId) ?? null, today));
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------- HTTP

export interface ReviewApiContext {
  persistence: Persistence;
  registry: RoomRegistry;
  access: AccessControl;
  reviews: ReviewStore;
  now: () => number;
}

type ReviewRoute =
  | 'GET /api/maps/:id/reviews'
  | 'POST /api/maps/:id/reviews'
  | 'GET /api/maps/:id/reviews/:reviewId'
  | 'DELETE /api/maps/:id/reviews/:reviewId';

function textFrom(body: Record<string, unknown>, key: string, required: boolean, check: (raw: string) => FieldResult<string>): string {
  const raw = body[key];
  if (raw === undefined && !required) return '';
  if (typeof raw !== 'string') throw new HttpError(400, `${key} is required and must be a string`);
  const checked = check(raw);
  if (!checked.ok) throw new HttpError(400, `${key} ${describeProblem(checked.problem)}`);
  return checked.value;
}

/**
 * The routes of /api/maps/:id/reviews[/:reviewId] (ids checked by the router). Reading needs
 * view access to the map, saving and deleting need edit access.
 */
export function createReviewApi(ctx: ReviewApiContext) {
  const { persistence, registry, access, reviews } = ctx;

  function requireMap(creds: Credentials, id: string, need: 'view' | 'edit'): void {
    const grant = access.forMap(id, creds);
    if (isRefusal(grant)) throw new HttpError(grant.status, grant.message);
    if (need === 'edit' && !grant.canEdit) throw new HttpError(403, 'the access link is read-only');
    const row = persistence.findMap(id);
    if (!row || row.deletedAt !== null) throw new HttpError(404, 'map not found');
  }

  function save(body: Record<string, unknown>, mapId: string): { id: string } {
    const name = textFrom(body, 'name', true, REVIEW_CHECKS.name);
    const summary = textFrom(body, 'summary', false, REVIEW_CHECKS.summary);
    if (reviews.count(mapId) >= MAX_REVIEWS_PER_MAP) {
      throw new HttpError(409, `this map already has ${MAX_REVIEWS_PER_MAP} saved reviews; delete an old one first`);
    }
    const id = newEntityId();
    try {
      registry.withRoom(mapId, (room) => {
        room.checkWritable();
        const frozen = freeze(readSnapshot(room.doc), readChecklist(room.doc));
        reviews.insert(mapId, { id, name, summary, createdAt: iso(ctx.now()), ...frozen });
        // Through the room: stored like any edit and relayed, so every open map sees it empty.
        clearChecklist(room.doc);
        room.flushListEntry();
      });
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      // The room may hold a cleared checklist the disk never took: everyone reloads from disk.
      registry.evict(mapId, CLOSE_SERVER_ERROR, 'server cannot store');
      throw error;
    }
    return { id };
  }

  const credsOf = (call: RouteCall) => credentialsOf(call.req, call.search);

  return {
    'GET /api/maps/:id/reviews': (call) => {
      requireMap(credsOf(call), call.params.id, 'view');
      return ok(reviews.list(call.params.id));
    },
    'POST /api/maps/:id/reviews': async (call) => {
      requireMap(credsOf(call), call.params.id, 'edit');
      return created(save(await call.json(), call.params.id));
    },
    'GET /api/maps/:id/reviews/:reviewId': (call) => {
      requireMap(credsOf(call), call.params.id, 'view');
      const review = reviews.get(call.params.id, call.params.reviewId);
      if (!review) throw new HttpError(404, 'review not found');
      return ok(review);
    },
    // Saved reviews are frozen: no PATCH.
    'DELETE /api/maps/:id/reviews/:reviewId': (call) => {
      requireMap(credsOf(call), call.params.id, 'edit');
      if (!reviews.remove(call.params.id, call.params.reviewId)) throw new HttpError(404, 'review not found');
      return ok({ ok: true as const });
    },
  } satisfies RouteTable<ReviewRoute>;
}
