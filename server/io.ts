// Export and import over HTTP (docs/FORMAT.md, docs/SERVER.md):
//
//   GET  /api/maps/:id/export.json   the map's current doc as the open JSON format (a download)
//   GET  /api/maps/:id/export.csv    the action plan; ?locale=ru for Russian labels and ';'
//   POST /api/maps/import            a JSON file as the body → a new map (201 {id, warnings})
//   POST /api/maps/:id/replace       a JSON file replaces a map's content; the old content is
//                                    first kept as a deleted (restorable) backup map
//
// A file is checked whole by the same `parseMapJson` the browser runs, before anything is
// written: a bad file gets 400/413 with every problem and its JSON path, and changes nothing.
import type http from 'node:http';
import * as Y from 'yjs';
import { parseMapJson, exportMapJson, formatProblem, DEFAULT_FORMAT_LIMITS, type Problem } from '../src/domain/format';
import type { ParsedMap } from '../src/domain/format/validate';
import { newMapId } from '../src/domain/ids';
import { TITLE_MAX } from '../src/domain/limits';
import { LOCALES, type Locale } from '../src/domain/locale';
import type { Review } from '../src/domain/types';
import { setMapTitle } from '../src/doc/mutations';
import { LAYOUT_VERSION, layoutStatus, layoutVersionOf } from '../src/doc/migrations';
import { readMeta } from '../src/doc/read';
import { replaceWithSnapshot } from '../src/doc/replace';
import { applySnapshot, docToSnapshot } from '../src/doc/snapshot';
import { actionPlanCsvFor, backupTitleFor } from '../src/locales/actionPlan';
import { exportFileName, localDate } from '../src/domain/fileName';
import { DEFAULTS } from './config';
import { HttpError, readBody } from './http';
import { StorageError, type MapRow, type Persistence } from './persistence';
import { CLOSE_SERVER_ERROR } from './protocol';
import { MAX_REVIEWS_PER_MAP, type ReviewStore } from './reviews';
import { listEntryOf, type RoomRegistry } from './rooms';
import { created, ok, SENT, type RouteCall, type RouteTable } from './router';

export interface IoContext {
  persistence: Persistence;
  registry: RoomRegistry;
  now: () => number;
  /** Bytes of a JSON file posted to import or replace (default 10 MB, the format's own limit). */
  maxImportBytes?: number;
  /** Largest stored size of one map (default DEFAULTS.maxMapBytes). */
  maxMapBytes?: number;
  /** Deleted maps (and so replace backups) can be restored for this long. */
  restoreWindowMs: number;
  /**
   * Saved reviews (server/reviews.ts): exported with the map and restored from a file. Without
   * it, exports carry no reviews and an import hands the file's reviews back in its answer
   * (`reviews`), so nothing in the file is silently dropped.
   */
  reviews?: ReviewStore;
  /** The API's access checks for this request (api.ts). */
  guard(call: RouteCall): IoGuard;
}

export interface IoGuard {
  requireAdmin(): void;
  requireMap(id: string, need: 'view' | 'edit'): void;
}

type IoRoute = 'POST /api/maps/import' | 'GET /api/maps/:id/export.json' | 'GET /api/maps/:id/export.csv' | 'POST /api/maps/:id/replace';

/** A refusal of a file, with every problem found (each a JSON path, a code with params and a message). */
const fileRefused = (status: 400 | 413, problems: Problem[], warnings: Problem[] = []) =>
  new HttpError(status, summarise(problems), { problems, warnings });

function summarise(problems: Problem[]): string {
  const first = problems[0];
  if (!first) return 'the file is not a valid journey map';
  const rest = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `the file is not a valid journey map: ${first.path} ${first.message}${rest}`;
}

/** `attachment` with an ASCII fallback and the real (UTF-8, e.g. Cyrillic) name per RFC 5987/6266. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function sendFile(res: http.ServerResponse, type: string, fileName: string, text: string): void {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(text),
    'Content-Disposition': attachmentDisposition(fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function localeFrom(search: URLSearchParams): Locale {
  const raw = search.get('locale');
  if (raw === null || raw === '') return 'en';
  if (!(LOCALES as readonly string[]).includes(raw)) throw new HttpError(400, `locale must be one of ${LOCALES.join(', ')}`);
  return raw as Locale;
}

/**
 * The body as text, refused with 413 the moment it passes `limit` bytes — before any of it is
 * decoded — and with 400 when it is not UTF-8 (JSON files are UTF-8 by definition, RFC 8259).
 */
async function readFileBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => fileRefused(413, [formatProblem('$', { code: 'tooLarge', params: { limit, unit: 'bytes' } })]);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const bytes = await readBody(req, limit, tooLarge);
  try {
    // A BOM is kept: parseMapJson drops it, as it does for files read in the browser.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw fileRefused(400, [formatProblem('$', { code: 'notUtf8', params: {} })]);
  }
}

export function createIoApi(ctx: IoContext) {
  const { persistence, registry } = ctx;
  const maxImportBytes = ctx.maxImportBytes ?? DEFAULT_FORMAT_LIMITS.maxChars;
  const maxMapBytes = ctx.maxMapBytes ?? DEFAULTS.maxMapBytes;

  function liveMap(id: string): MapRow {
    const row = persistence.findMap(id);
    if (!row || row.deletedAt !== null) throw new HttpError(404, 'map not found');
    return row;
  }

  /** The file, read and checked whole; refused with every problem. */
  async function readMapFile(req: http.IncomingMessage): Promise<{ parsed: ParsedMap; warnings: Problem[]; migratedFrom: number | null }> {
    const text = await readFileBody(req, maxImportBytes);
    // Characters can never outnumber bytes, so the byte limit is also the character limit.
    const result = parseMapJson(text, { maxChars: maxImportBytes });
    if (!result.ok) throw fileRefused(result.status, result.problems, result.warnings);
    return { parsed: result.value, warnings: result.warnings, migratedFrom: result.migratedFrom };
  }

  function checkSize(bytes: number): void {
    if (bytes > maxMapBytes) {
      throw fileRefused(413, [formatProblem('$', { code: 'mapTooLarge', params: { limit: maxMapBytes } })]);
    }
  }

  /**
   * A replaced map keeps its own saved reviews (its history); the file's reviews are added
   * beside them, except those whose id it already has, up to the per-map limit.
   */
  function addReviews(mapId: string, reviews: Review[]): number {
    const store = ctx.reviews;
    if (!store) return 0;
    const known = new Set(store.list(mapId).map((r) => r.id));
    const room = Math.max(0, MAX_REVIEWS_PER_MAP - known.size);
    const fresh = reviews.filter((r) => !known.has(r.id)).slice(0, room);
    store.saveImportedReviews(mapId, fresh);
    return fresh.length;
  }

  /** With review storage: how many were stored. Without: the reviews themselves, for the client to keep. */
  const reviewsAnswer = (reviews: Review[], stored: number) =>
    ctx.reviews ? { reviewsImported: stored } : { reviewsImported: 0, reviews };

  function snapshotOf(id: string) {
    liveMap(id);
    return registry.withRoom(id, (room) => docToSnapshot(room.doc))!;
  }

  function exportJson(res: http.ServerResponse, id: string): void {
    // A newer build's layout would be read through this build's schema: fields it added would
    // silently drop out of the file. Refuse rather than hand out a lossy copy.
    liveMap(id);
    const version = registry.withRoom(id, (room) => (layoutStatus(room.doc) === 'newer' ? layoutVersionOf(room.doc) : null));
    if (version) {
      throw new HttpError(
        409,
        `map ${id} was saved by a newer CJM Studio (doc layout ${version}; this server knows up to ${LAYOUT_VERSION}): update the server to export it`,
      );
    }
    const snapshot = snapshotOf(id);
    const now = new Date(ctx.now());
    const text = exportMapJson(snapshot, ctx.reviews?.reviewsForExport(id) ?? [], now);
    sendFile(res, 'application/json; charset=utf-8', exportFileName(snapshot.meta.title, now, 'json'), text);
  }

  function exportCsv(res: http.ServerResponse, id: string, search: URLSearchParams): void {
    const locale = localeFrom(search);
    const snapshot = snapshotOf(id);
    const now = new Date(ctx.now());
    sendFile(res, 'text/csv; charset=utf-8', exportFileName(snapshot.meta.title, now, 'csv'), actionPlanCsvFor(snapshot, locale));
  }

  async function importMap(req: http.IncomingMessage) {
    const { parsed, warnings, migratedFrom } = await readMapFile(req);
    const doc = new Y.Doc();
    try {
      applySnapshot(doc, parsed.snapshot);
      const state = Y.encodeStateAsUpdate(doc);
      checkSize(state.byteLength);
      const id = newMapId();
      // The map and its reviews together or not at all.
      persistence.database.transaction(() => {
        persistence.createMap(id, state, listEntryOf(doc), ctx.now());
        ctx.reviews?.saveImportedReviews(id, parsed.reviews);
      })();
      return { id, warnings, migratedFrom, ...reviewsAnswer(parsed.reviews, parsed.reviews.length) };
    } finally {
      doc.destroy();
    }
  }

  async function replaceMap(req: http.IncomingMessage, id: string, search: URLSearchParams) {
    const locale = localeFrom(search);
    liveMap(id);
    const { parsed, warnings, migratedFrom } = await readMapFile(req);
    // The file's own size as a fresh map: a rough bound on what the replace adds to storage.
    const probe = new Y.Doc();
    applySnapshot(probe, parsed.snapshot);
    const added = Y.encodeStateAsUpdate(probe).byteLength;
    probe.destroy();
    checkSize(added);
    // The map may have been deleted while the body arrived.
    liveMap(id);

    const now = ctx.now();
    try {
      const result = registry.withRoom(id, (room) => {
        room.checkWritable();
        if (room.storedSize + added > maxMapBytes) room.compact();
        if (room.storedSize + added > maxMapBytes) checkSize(room.storedSize + added);

        // 1. The current content, kept as a deleted map: restorable for the restore window.
        const backup = new Y.Doc();
        Y.applyUpdate(backup, Y.encodeStateAsUpdate(room.doc));
        const backupTitle = backupTitleFor(locale, readMeta(room.doc).title, localDate(new Date(now))).slice(0, TITLE_MAX);
        setMapTitle(backup, backupTitle);
        const backupId = newMapId();
        persistence.createMap(backupId, Y.encodeStateAsUpdate(backup), listEntryOf(backup), now);
        persistence.setDeletedAt(backupId, now);
        backup.destroy();

        // 2. Only then the new content, one update stored and relayed to everyone connected.
        replaceWithSnapshot(room.doc, parsed.snapshot);
        room.flushListEntry();
        return { backupId, backupTitle, reviewsAdded: addReviews(id, parsed.reviews) };
      })!;
      return {
        id,
        backupId: result.backupId,
        backupTitle: result.backupTitle,
        restoreUntil: new Date(now + ctx.restoreWindowMs).toISOString(),
        warnings,
        migratedFrom,
        ...reviewsAnswer(parsed.reviews, result.reviewsAdded),
      };
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      // The room may hold content the disk never took: drop it, everyone reloads from disk.
      registry.evict(id, CLOSE_SERVER_ERROR, 'server cannot store');
      throw error;
    }
  }

  return {
    'POST /api/maps/import': async (call) => {
      ctx.guard(call).requireAdmin();
      return created(await importMap(call.req));
    },
    'GET /api/maps/:id/export.json': (call) => {
      ctx.guard(call).requireMap(call.params.id, 'view');
      exportJson(call.res, call.params.id);
      return SENT;
    },
    'GET /api/maps/:id/export.csv': (call) => {
      ctx.guard(call).requireMap(call.params.id, 'view');
      exportCsv(call.res, call.params.id, call.search);
      return SENT;
    },
    'POST /api/maps/:id/replace': async (call) => {
      ctx.guard(call).requireMap(call.params.id, 'edit');
      return ok(await replaceMap(call.req, call.params.id, call.search));
    },
  } satisfies RouteTable<IoRoute>;
}
