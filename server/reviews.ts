// Saved reviews: frozen, named, dated states of a map, kept as JSON in the server's storage,
// never in the live Y.Doc (so they never slow a map's load nor grow it). Saving freezes the
// room's own doc, then clears the review-in-progress checklist through the room so every
// connected client sees the next review start empty. Reviews are never edited, only deleted.
//
// Also here: the per-map health figures of the map list (last review, triple-focus coverage,
// quiet touchpoints), computed from the live doc whenever the room refreshes its list entry
// and kept by the storage, so listing maps never loads a doc. Tables: server/storage/sqlite.ts.
import type http from 'node:http';
import * as Y from 'yjs';
import { REVIEW_CHECKS } from '../src/domain/entityFields';
import { describeProblem, type FieldResult } from '../src/domain/fields';
import { orderedSnapshot } from '../src/domain/format';
import { DEFAULT_FORMAT_LIMITS, ENTITY_ID_PATTERN } from '../src/domain/format/types';
import { isMapId, newEntityId } from '../src/domain/ids';
import { DEFAULT_CADENCE_DAYS } from '../src/domain/limits';
import { isReviewDue, mapHealth } from '../src/domain/review/health';
import { walkOrder } from '../src/domain/review/walk';
import { isQuiet } from '../src/domain/satisfaction';
import type { Id, JourneyMapSnapshot, Review, ReviewChecklist } from '../src/domain/types';
import { clearChecklist } from '../src/doc/mutations';
import { readChecklist, readSnapshot } from '../src/doc/read';
import { isRefusal, type AccessControl, type Credentials } from './access';
import { HttpError, readJsonObject, sendJson } from './http';
import type { Logger } from './log';
import { StorageError, type ReviewSummaryRow, type Storage } from './storage/Storage';
import { CLOSE_SERVER_ERROR } from './protocol';
import type { RoomRegistry } from './rooms';

/** What the review list shows: the frozen content is fetched only when a review is opened. */
export interface ReviewSummary {
  id: Id;
  name: string;
  summary: string;
  createdAt: string;
}

/** The map list's health figures of one map. */
export interface MapRowHealth {
  lastReviewAt: string | null;
  coverage: number | null;
  quietCount: number;
  reviewDue: boolean;
}

/** Kept per map: enough to count quiet touchpoints and tell a due review on any later day. */
export interface StoredHealth {
  cadenceDays: number;
  createdAt: string;
  coverage: number | null;
  /** Per active touchpoint: the date of its newest quote, or null when never quoted. */
  lastHeard: (string | null)[];
}

/** Kept equal to the format's limit, so every map's export stays importable. */
export const MAX_REVIEWS_PER_MAP = DEFAULT_FORMAT_LIMITS.maxReviews;

export const isReviewId = (value: string): boolean => ENTITY_ID_PATTERN.test(value);

const iso = (ms: number) => new Date(ms).toISOString();

const summaryOf = (r: ReviewSummaryRow): ReviewSummary => ({ id: r.id, name: r.name, summary: r.summary, createdAt: iso(r.createdAt) });

/** The snapshot as it is on the grid, and only the ticks of touchpoints in it. */
export function freeze(snapshot: JourneyMapSnapshot, checklist: Record<Id, ReviewChecklist>) {
  const frozen = orderedSnapshot(snapshot);
  const ticks: [Id, ReviewChecklist][] = [];
  for (const tp of frozen.touchpoints) if (Object.hasOwn(checklist, tp.id)) ticks.push([tp.id, checklist[tp.id]!]);
  return { snapshot: frozen, checklist: Object.fromEntries(ticks) as Record<Id, ReviewChecklist> };
}

/** What the list keeps of a map's health (also computed off the event loop, server/fileWorker.ts). */
export function storedHealthOf(snapshot: JourneyMapSnapshot, now: Date): StoredHealth {
  const health = mapHealth(snapshot, [], now);
  // Newest quote per touchpoint, whether quiet today or not: it turns quiet later.
  const newest = new Map<Id, string>();
  for (const quote of snapshot.quotes) {
    if (!Number.isFinite(Date.parse(`${quote.date}T00:00:00Z`))) continue;
    const known = newest.get(quote.touchpointId);
    if (known === undefined || quote.date > known) newest.set(quote.touchpointId, quote.date);
  }
  // The same touchpoints the health figures count: active ones on the grid.
  const onGrid = new Set(walkOrder(snapshot, 'stage'));
  const active = snapshot.touchpoints.filter((tp) => tp.status !== 'retired' && onGrid.has(tp.id));
  return {
    cadenceDays: health.cadenceDays,
    createdAt: snapshot.meta.createdAt,
    coverage: health.coverage.share,
    lastHeard: active.map((tp) => newest.get(tp.id) ?? null),
  };
}

/** Finishes the list figures on the day they are asked for: quiet and due both move with time. */
function rowHealthOf(stored: StoredHealth, lastReviewAt: string | null, now: Date): MapRowHealth {
  const quietCount = stored.lastHeard.filter((date) => isQuiet(date === null ? [] : [{ date }], now, stored.cadenceDays)).length;
  const reviewDue = isReviewDue(stored.cadenceDays, stored.createdAt, lastReviewAt, now);
  return { lastReviewAt, coverage: stored.coverage, quietCount, reviewDue };
}

export interface ReviewStoreOptions {
  persistence: Storage;
  now: () => number;
  log: Logger;
}

export type ReviewStore = ReturnType<typeof openReviewStore>;

export function openReviewStore({ persistence, now, log }: ReviewStoreOptions) {
  async function computeHealth(mapId: string, doc: Y.Doc): Promise<StoredHealth | null> {
    try {
      const stored = storedHealthOf(readSnapshot(doc), new Date(now()));
      await persistence.putHealth(mapId, JSON.stringify(stored));
      return stored;
    } catch (error) {
      // The list can live without these figures; the map itself must not suffer for them.
      log.warn(`map ${mapId}: health figures not refreshed`, error);
      return null;
    }
  }

  async function storedHealth(mapId: string): Promise<StoredHealth | null> {
    const json = await persistence.getHealth(mapId);
    if (json === undefined) return null;
    try {
      return JSON.parse(json) as StoredHealth;
    } catch {
      return null;
    }
  }

  return {
    async list(mapId: string): Promise<ReviewSummary[]> {
      return (await persistence.listReviews(mapId)).map(summaryOf);
    },

    get(mapId: string, reviewId: string): Promise<Review | undefined> {
      return persistence.getReview(mapId, reviewId);
    },

    count(mapId: string): Promise<number> {
      return persistence.countReviews(mapId);
    },

    /** Stores a review frozen elsewhere (saving through the API freezes the room's doc first). */
    insert(mapId: string, review: Review): Promise<void> {
      return persistence.insertReviews(mapId, [review]);
    },

    /** False when there was no such review. */
    remove(mapId: string, reviewId: string): Promise<boolean> {
      return persistence.removeReview(mapId, reviewId);
    },

    /** Every review of a map, oldest first, for the JSON export ("reviews": [...]). */
    reviewsForExport(mapId: string): Promise<Review[]> {
      return persistence.allReviews(mapId);
    },

    /**
     * Restores the reviews of an imported file into a (new) map, in one transaction. They must
     * come from `parseMapJson`; ids are kept (unique within the map).
     */
    saveImportedReviews(mapId: string, reviews: readonly Review[]): Promise<void> {
      return persistence.insertReviews(mapId, reviews);
    },

    /** Recomputes a map's list figures from its live doc (the room calls this with its list entry). */
    async refreshHealth(mapId: string, doc: Y.Doc): Promise<void> {
      await computeHealth(mapId, doc);
    },

    /**
     * The list figures of many maps at once. A map never measured yet (created before figures
     * were kept, or not opened since) is measured now from its live doc or its stored state.
     */
    async healthOf(mapIds: readonly string[], liveDoc: (mapId: string) => Y.Doc | undefined): Promise<Map<string, MapRowHealth>> {
      const today = new Date(now());
      const lastReview = await persistence.lastReviewTimes();
      const out = new Map<string, MapRowHealth>();
      for (const mapId of mapIds) {
        let stored = await storedHealth(mapId);
        if (!stored) {
          const live = liveDoc(mapId);
          if (live) stored = await computeHealth(mapId, live);
          else {
            const doc = new Y.Doc();
            try {
              for (const update of (await persistence.loadDoc(mapId)).updates) Y.applyUpdate(doc, update);
              stored = await computeHealth(mapId, doc);
            } catch (error) {
              log.warn(`map ${mapId}: could not measure its health`, error);
            } finally {
              doc.destroy();
            }
          }
        }
        const fallback: StoredHealth = { cadenceDays: DEFAULT_CADENCE_DAYS, createdAt: '', coverage: null, lastHeard: [] };
        const last = lastReview.get(mapId);
        out.set(mapId, rowHealthOf(stored ?? fallback, last === undefined ? null : iso(last), today));
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------- HTTP

export interface ReviewApiContext {
  persistence: Storage;
  registry: RoomRegistry;
  access: AccessControl;
  reviews: ReviewStore;
  now: () => number;
  maxBodyBytes: number;
}

const ROUTE = /^\/api\/maps\/([^/]*)\/reviews(?:\/([^/]*))?$/;

function textFrom(body: Record<string, unknown>, key: string, required: boolean, check: (raw: string) => FieldResult<string>): string {
  const raw = body[key];
  if (raw === undefined && !required) return '';
  if (typeof raw !== 'string') throw new HttpError(400, `${key} is required and must be a string`);
  const checked = check(raw);
  if (!checked.ok) throw new HttpError(400, `${key} ${describeProblem(checked.problem)}`);
  return checked.value;
}

/**
 * Handles /api/maps/:id/reviews[/:reviewId]; returns false for any other path. Reading needs
 * view access to the map, saving and deleting need edit access.
 */
export function createReviewApi(ctx: ReviewApiContext) {
  const { persistence, registry, access, reviews } = ctx;

  async function requireMap(creds: Credentials, id: string, need: 'view' | 'edit'): Promise<void> {
    const grant = await access.forMap(id, creds);
    if (isRefusal(grant)) throw new HttpError(grant.status, grant.message);
    if (need === 'edit' && !grant.canEdit) throw new HttpError(403, 'the access link is read-only');
    const row = await persistence.findMap(id);
    if (!row || row.deletedAt !== null) throw new HttpError(404, 'map not found');
  }

  async function save(req: http.IncomingMessage, mapId: string): Promise<{ id: string }> {
    const body = await readJsonObject(req, ctx.maxBodyBytes);
    const name = textFrom(body, 'name', true, REVIEW_CHECKS.name);
    const summary = textFrom(body, 'summary', false, REVIEW_CHECKS.summary);
    if ((await reviews.count(mapId)) >= MAX_REVIEWS_PER_MAP) {
      throw new HttpError(409, `this map already has ${MAX_REVIEWS_PER_MAP} saved reviews; delete an old one first`);
    }
    const id = newEntityId();
    try {
      await registry.withRoom(mapId, async (room) => {
        room.checkWritable();
        const frozen = freeze(readSnapshot(room.doc), readChecklist(room.doc));
        await reviews.insert(mapId, { id, name, summary, createdAt: iso(ctx.now()), ...frozen });
        // Through the room: stored like any edit and relayed, so every open map sees it empty.
        await room.change((doc) => clearChecklist(doc));
        await room.flushListEntry();
      });
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      // The room may hold a cleared checklist the disk never took: everyone reloads from disk.
      void registry.evict(mapId, CLOSE_SERVER_ERROR, 'server cannot store');
      throw error;
    }
    return { id };
  }

  return async function handleReviews(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
    creds: Credentials,
  ): Promise<boolean> {
    const match = ROUTE.exec(pathname);
    if (!match) return false;
    const mapId = match[1]!;
    const reviewId = match[2];
    const method = req.method ?? 'GET';
    // Before anything reads the database.
    if (!isMapId(mapId)) throw new HttpError(400, 'invalid map id');
    if (reviewId !== undefined && !isReviewId(reviewId)) throw new HttpError(400, 'invalid review id');

    if (reviewId === undefined) {
      if (method === 'GET') {
        await requireMap(creds, mapId, 'view');
        sendJson(res, 200, await reviews.list(mapId));
      } else if (method === 'POST') {
        await requireMap(creds, mapId, 'edit');
        sendJson(res, 201, await save(req, mapId));
      } else {
        res.setHeader('Allow', 'GET, POST');
        throw new HttpError(405, 'method not allowed');
      }
      return true;
    }
    if (method === 'GET') {
      await requireMap(creds, mapId, 'view');
      const review = await reviews.get(mapId, reviewId);
      if (!review) throw new HttpError(404, 'review not found');
      sendJson(res, 200, review);
    } else if (method === 'DELETE') {
      await requireMap(creds, mapId, 'edit');
      if (!(await reviews.remove(mapId, reviewId))) throw new HttpError(404, 'review not found');
      sendJson(res, 200, { ok: true });
    } else {
      // Saved reviews are frozen: no PATCH.
      res.setHeader('Allow', 'GET, DELETE');
      throw new HttpError(405, 'method not allowed');
    }
    return true;
  };
}
