// Saved reviews: frozen, named, dated states of a map, kept as JSON in the server's storage,
// never in the live Y.Doc (so they never slow a map's load nor grow it). Saving freezes the
// room's own doc, then clears the review-in-progress checklist through the room so every
// connected client sees the next review start empty. Reviews are never edited, only deleted.
//
// Also here: the per-map health figures of the map list (last review, triple-focus coverage,
// quiet touchpoints), computed from the live doc whenever the room refreshes its list entry
// and kept by the storage, so listing maps never loads a doc. Tables: server/storage/sqlite.ts.
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
import { StorageError, type ReviewSummaryRow, type Storage } from './storage/Storage';
import { CLOSE_SERVER_ERROR } from './protocol';
import type { RoomRegistry } from './rooms';
import { created, ok, type RouteCall, type RouteTable } from './router';

/** The map list's health figures of one map. */
export type MapRowHealth = MapListHealth;

/** Kept per map: enough to count quiet touchpoints and tell a due review on any later day. */
type StoredHealth = HealthBasis;

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

export interface ReviewStoreOptions {
  persistence: Storage;
  now: () => number;
  log: Logger;
}

export type ReviewStore = ReturnType<typeof openReviewStore>;

export function openReviewStore({ persistence, now, log }: ReviewStoreOptions) {
  async function computeHealth(mapId: string, doc: Y.Doc): Promise<StoredHealth | null> {
    try {
      const stored = healthBasis(readSnapshot(doc), new Date(now()));
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
        out.set(mapId, listHealth(stored ?? fallback, last === undefined ? null : iso(last), today));
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

  async function requireMap(creds: Credentials, id: string, need: 'view' | 'edit'): Promise<void> {
    const grant = await access.forMap(id, creds);
    if (isRefusal(grant)) throw new HttpError(grant.status, grant.message);
    if (need === 'edit' && !grant.canEdit) throw new HttpError(403, 'the access link is read-only');
    const row = await persistence.findMap(id);
    if (!row || row.deletedAt !== null) throw new HttpError(404, 'map not found');
  }

  async function save(body: Record<string, unknown>, mapId: string): Promise<{ id: string }> {
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

  const credsOf = (call: RouteCall) => credentialsOf(call.req, call.search);

  return {
    'GET /api/maps/:id/reviews': async (call) => {
      await requireMap(credsOf(call), call.params.id, 'view');
      return ok(await reviews.list(call.params.id));
    },
    'POST /api/maps/:id/reviews': async (call) => {
      await requireMap(credsOf(call), call.params.id, 'edit');
      return created(await save(await call.json(), call.params.id));
    },
    'GET /api/maps/:id/reviews/:reviewId': async (call) => {
      await requireMap(credsOf(call), call.params.id, 'view');
      const review = await reviews.get(call.params.id, call.params.reviewId);
      if (!review) throw new HttpError(404, 'review not found');
      return ok(review);
    },
    // Saved reviews are frozen: no PATCH.
    'DELETE /api/maps/:id/reviews/:reviewId': async (call) => {
      await requireMap(credsOf(call), call.params.id, 'edit');
      if (!(await reviews.remove(call.params.id, call.params.reviewId))) throw new HttpError(404, 'review not found');
      return ok({ ok: true as const });
    },
  } satisfies RouteTable<ReviewRoute>;
}
