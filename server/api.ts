// The JSON API over the map list: the route table of the router (server/router.ts), with the
// review routes (reviews.ts) and the file routes (io.ts). Every :id is checked against the id
// pattern by the router before any database access; titles and touchpoint counts come from the
// docs themselves. With an AUTH_SECRET, each route checks who is asking (see access.ts): the
// administrator may do everything; a link holder may read its map (view) or also rename it and
// manage its links (edit); nobody else gets past 401/403, and refusals come before the map's
// existence is told.
import type http from 'node:http';
import * as Y from 'yjs';
import { MAP_CHECKS } from '../src/domain/entityFields';
import { checkOneOf, describeProblem } from '../src/domain/fields';
import { isMapId, newEntityId, newMapId } from '../src/domain/ids';
import { LOCALES, type Locale } from '../src/domain/locale';
import { GALLERY_TEMPLATE_IDS, isGalleryTemplateId, type GalleryTemplateId } from '../src/domain/gallery/ids';
import type { TemplateName } from '../src/domain/templates';
import type { MapSummary, Review } from '../src/domain/types';
import { initMap, setMapTitle } from '../src/doc/mutations';
import { credentialsOf, isRefusal, type AccessControl, type Credentials, type Grant } from './access';
import type { HealthAnswer } from '../src/domain/api';
import { HttpError } from './http';
import { chosenEncoding, compress, type Encoding } from './compression';
import { CLOSE_FORBIDDEN, CLOSE_MAP_NOT_FOUND, CLOSE_SERVER_ERROR } from './protocol';
import { createIoApi } from './io';
import { createReviewApi, isReviewId, type ReviewStore } from './reviews';
import { createGalleryMap, galleryList } from './templates';
import { listEntryOf, type RoomRegistry } from './rooms';
import { created, createRouter, ok, SENT, type RouteCall, type RouteTable } from './router';

type MapRoute =
  | 'GET /healthz'
  | 'GET /api/maps'
  | 'GET /api/templates'
  | 'POST /api/maps'
  | 'GET /api/maps/:id'
  | 'GET /api/maps/:id/state'
  | 'PATCH /api/maps/:id'
  | 'DELETE /api/maps/:id'
  | 'POST /api/maps/:id/duplicate'
  | 'POST /api/maps/:id/restore'
  | 'GET /api/maps/:id/links'
  | 'POST /api/maps/:id/links/rotate';
import { StorageError, type BackupLimits, type MapRow, type Storage } from './storage/Storage';
import type { FileJobs } from './fileJobs';
import type { Logger } from './log';

// `none`: an empty doc for a map first created offline; its content follows over sync.
const TEMPLATES = ['default', 'blank', 'none', ...GALLERY_TEMPLATE_IDS] as const satisfies readonly (TemplateName | 'none' | GalleryTemplateId)[];

export interface ApiContext {
  persistence: Storage;
  registry: RoomRegistry;
  access: AccessControl;
  now: () => number;
  maxBodyBytes: number;
  restoreWindowMs: number;
  /** Origin for minted links; null: the request's own Host. */
  publicUrl: string | null;
  /** Where the server listens, for links when the Host header is unusable. */
  serverUrl: () => string;
  /** What `/healthz` says: access mode, storage and relay, and whether they can be reached. */
  health: () => Promise<HealthAnswer>;
  /** Saved reviews and the list's health figures (server/reviews.ts). */
  reviews: ReviewStore;
  /** Largest stored size of one map, for imports (server/io.ts); default DEFAULTS.maxMapBytes. */
  maxMapBytes?: number;
  /** The worker that checks and builds imported files (server/io.ts). */
  files?: FileJobs;
  /** Replace backups kept per map (server/io.ts). */
  backupLimits?: BackupLimits;
  log?: Logger;
}

/** A Host header fit to put into a link: a name or address and an optional port. */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const summaryOf = (row: MapRow): MapSummary => ({
  id: row.id,
  title: row.title,
  updatedAt: new Date(row.updatedAt).toISOString(),
  touchpointCount: row.touchpointCount,
});

function titleFrom(body: Record<string, unknown>): string {
  if (typeof body.title !== 'string') throw new HttpError(400, 'title is required');
  const title = MAP_CHECKS.title(body.title);
  if (!title.ok) throw new HttpError(400, `title ${describeProblem(title.problem)}`);
  return title.value;
}

function optionFrom<T extends string>(body: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const raw = body[key];
  if (raw === undefined) return fallback;
  const checked = typeof raw === 'string' ? checkOneOf(raw, allowed) : null;
  if (!checked?.ok) throw new HttpError(400, `${key} must be one of ${allowed.join(', ')}`);
  return checked.value;
}

// A room gives the same state bytes to everyone asking within a moment (Room.wholeState): a burst
// of first visits compresses them once.
const compressedStates = new WeakMap<Uint8Array, Map<Encoding, Promise<Buffer>>>();

function compressedState(state: Uint8Array, encoding: Encoding): Promise<Buffer> {
  let byEncoding = compressedStates.get(state);
  if (!byEncoding) compressedStates.set(state, (byEncoding = new Map()));
  let bytes = byEncoding.get(encoding);
  if (!bytes) byEncoding.set(encoding, (bytes = compress(state, encoding, 'quick')));
  return bytes;
}

/** `?locale=` of a read: English when absent. */
function localeOf(search: URLSearchParams): Locale {
  const raw = search.get('locale');
  if (raw === null || raw === '') return 'en';
  const checked = checkOneOf(raw, LOCALES);
  if (!checked.ok) throw new HttpError(400, `locale must be one of ${LOCALES.join(', ')}`);
  return checked.value;
}

export function createApi(ctx: ApiContext) {
  const { persistence, registry, access } = ctx;

  function requireAdmin(creds: Credentials): void {
    const refusal = access.requireAdmin(creds);
    if (refusal) throw new HttpError(refusal.status, refusal.message);
  }

  async function requireMap(creds: Credentials, id: string, need: 'view' | 'edit'): Promise<Grant> {
    const grant = await access.forMap(id, creds);
    if (isRefusal(grant)) throw new HttpError(grant.status, grant.message);
    if (need === 'edit' && !grant.canEdit) throw new HttpError(403, 'the access link is read-only');
    return grant;
  }

  function originOf(req: http.IncomingMessage): string {
    if (ctx.publicUrl) return ctx.publicUrl;
    const host = req.headers.host;
    return host && PLAIN_HOST.test(host) ? `http://${host}` : ctx.serverUrl();
  }

  async function links(req: http.IncomingMessage, id: string) {
    if (!access.enabled) {
      throw new HttpError(404, 'this server has no access control (AUTH_SECRET is not set): share the map address');
    }
    return access.mintLinks(await liveMap(id), originOf(req));
  }

  /** A new key generation for the map: every link minted before stops working, now. */
  async function rotateLinks(req: http.IncomingMessage, id: string) {
    if (!access.enabled) {
      throw new HttpError(404, 'this server has no access control (AUTH_SECRET is not set): share the map address');
    }
    await liveMap(id);
    const generation = (await persistence.rotateKey(id))!;
    registry.revoke(id, generation, CLOSE_FORBIDDEN, 'the access link was revoked');
    return access.mintLinks(await liveMap(id), originOf(req));
  }

  /** A map that exists and is not deleted, or 404. */
  async function liveMap(id: string): Promise<MapRow> {
    const row = await persistence.findMap(id);
    if (!row || row.deletedAt !== null) throw new HttpError(404, 'map not found');
    return row;
  }

  async function storeNewMap(doc: Y.Doc, id = newMapId(), title?: string, reviews?: readonly Review[]): Promise<string> {
    const entry = listEntryOf(doc);
    const state = Y.encodeStateAsUpdate(doc);
    await persistence.createMap({ id, state, entry: { ...entry, title: title ?? entry.title }, now: ctx.now(), reviews });
    return id;
  }

  /** A client may name a map it created offline; otherwise the server picks the id. */
  async function chosenIdFrom(body: Record<string, unknown>): Promise<string | undefined> {
    if (body.id === undefined) return undefined;
    if (typeof body.id !== 'string' || !isMapId(body.id)) throw new HttpError(400, 'invalid map id');
    if (await persistence.findMap(body.id)) throw new HttpError(409, 'a map with this id already exists');
    return body.id;
  }

  const list = async (): Promise<MapSummary[]> => {
    // Edits of the last second may still wait in a room's throttle.
    await registry.flushListEntries();
    const rows = await persistence.liveMaps();
    const health = await ctx.reviews.healthOf(
      rows.map((row) => row.id),
      (id) => registry.get(id)?.doc,
    );
    return rows.map((row) => ({ ...summaryOf(row), ...health.get(row.id) }));
  };

  const reviewRoutes = createReviewApi(ctx);
  // Export and import (server/io.ts), with this request's access checks.
  const ioRoutes = createIoApi({
    ...ctx,
    guard: (call) => {
      const creds = credentialsOf(call.req, call.search);
      return { requireAdmin: () => requireAdmin(creds), requireMap: async (id, need) => void (await requireMap(creds, id, need)) };
    },
  });

  async function create(body: Record<string, unknown>) {
    const title = titleFrom(body);
    const template = optionFrom(body, 'template', TEMPLATES, 'default');
    const locale = optionFrom<Locale>(body, 'locale', LOCALES, 'en');
    const chosenId = await chosenIdFrom(body);
    if (isGalleryTemplateId(template)) {
      const id = chosenId ?? newMapId();
      await createGalleryMap(persistence, { id, template, title, locale, now: ctx.now() });
      return { id };
    }
    const doc = new Y.Doc();
    if (template !== 'none') initMap(doc, { title, template, locale });
    const id = await storeNewMap(doc, chosenId, title);
    doc.destroy();
    return { id };
  }

  async function rename(body: Record<string, unknown>, id: string) {
    const title = titleFrom(body);
    await liveMap(id);
    // Through the live room, so connected people see the new title at once.
    try {
      await registry.withRoom(id, async (room) => {
        await room.change((doc) => setMapTitle(doc, title));
        await room.flushListEntry();
      });
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      // The room may hold a title the disk never took: drop it, everyone reloads from disk.
      void registry.evict(id, CLOSE_SERVER_ERROR, 'server cannot store');
      throw error;
    }
    return summaryOf(await liveMap(id));
  }

  async function duplicate(body: Record<string, unknown>, id: string) {
    const title = titleFrom(body);
    await liveMap(id);
    const copy = new Y.Doc();
    await registry.withRoom(id, (room) => Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc)));
    setMapTitle(copy, title);
    // The copy keeps the map's history of reviews (its own ids; names, dates and frozen content as
    // they are), stored with the map in one transaction.
    const reviews = (await persistence.allReviews(id)).map((review) => ({ ...review, id: newEntityId() }));
    const newId = await storeNewMap(copy, undefined, undefined, reviews);
    copy.destroy();
    return { id: newId };
  }

  async function remove(id: string) {
    await liveMap(id);
    await persistence.setDeletedAt(id, ctx.now());
    await registry.evict(id, CLOSE_MAP_NOT_FOUND, 'map deleted');
  }

  async function restore(id: string) {
    const row = await persistence.findMap(id);
    if (!row || (row.deletedAt !== null && row.deletedAt < ctx.now() - ctx.restoreWindowMs)) {
      throw new HttpError(404, 'map not found');
    }
    if (row.deletedAt !== null) await persistence.setDeletedAt(id, null);
    return summaryOf(await liveMap(id));
  }

  /** Who is asking, from the request's token header, sync param or bearer secret. */
  const credsOf = (call: RouteCall) => credentialsOf(call.req, call.search);

  const mapRoutes = {
    'GET /healthz': async () => ok(await ctx.health()),
    'GET /api/maps': async (call) => {
      requireAdmin(credsOf(call));
      return ok(await list());
    },
    'GET /api/templates': (call) => {
      requireAdmin(credsOf(call));
      return ok(galleryList(localeOf(call.search)));
    },
    'POST /api/maps': async (call) => {
      requireAdmin(credsOf(call));
      return created(await create(await call.json()));
    },
    'GET /api/maps/:id': async (call) => {
      const grant = await requireMap(credsOf(call), call.params.id, 'view');
      return ok({ ...summaryOf(await liveMap(call.params.id)), access: grant.role });
    },
    // The same bytes and the same check as the sync endpoint's first answer, over plain HTTP, so a
    // page can ask for them before its code has loaded (src/app/main.tsx). The room stays loaded
    // for the socket that follows.
    'GET /api/maps/:id/state': async (call): Promise<typeof SENT> => {
      await requireMap(credsOf(call), call.params.id, 'view');
      const state = await registry.withRoom(call.params.id, (room) => room.wholeState());
      if (state === undefined) throw new HttpError(404, 'map not found');
      // Not a failure for the page: its socket brings the map instead.
      if (state === null) throw new HttpError(503, 'the map is being saved or closed; sync it instead');
      const encoding = chosenEncoding(call.req);
      const body = encoding ? await compressedState(state, encoding) : state;
      call.res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': body.byteLength,
        'Cache-Control': 'no-store',
        Vary: 'Accept-Encoding',
        ...(encoding && { 'Content-Encoding': encoding }),
      });
      call.res.end(body);
      return SENT;
    },
    'PATCH /api/maps/:id': async (call) => {
      await requireMap(credsOf(call), call.params.id, 'edit');
      return ok(await rename(await call.json(), call.params.id));
    },
    'DELETE /api/maps/:id': async (call) => {
      requireAdmin(credsOf(call));
      await remove(call.params.id);
      return ok({ ok: true as const });
    },
    'POST /api/maps/:id/duplicate': async (call) => {
      requireAdmin(credsOf(call));
      return created(await duplicate(await call.json(), call.params.id));
    },
    'POST /api/maps/:id/restore': async (call) => {
      requireAdmin(credsOf(call));
      return ok(await restore(call.params.id));
    },
    'GET /api/maps/:id/links': async (call) => {
      await requireMap(credsOf(call), call.params.id, 'edit');
      return ok(await links(call.req, call.params.id));
    },
    'POST /api/maps/:id/links/rotate': async (call) => {
      await requireMap(credsOf(call), call.params.id, 'edit');
      return ok(await rotateLinks(call.req, call.params.id));
    },
  } satisfies RouteTable<MapRoute>;

  return createRouter(
    { ...mapRoutes, ...reviewRoutes, ...ioRoutes },
    {
      maxBodyBytes: ctx.maxBodyBytes,
      params: {
        // Before anything reads the database.
        id: { valid: isMapId, message: 'invalid map id' },
        reviewId: { valid: isReviewId, message: 'invalid review id' },
        backupId: { valid: isMapId, message: 'invalid backup id' },
      },
    },
  );
}
