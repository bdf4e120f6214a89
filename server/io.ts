// Export and import over HTTP (docs/FORMAT.md, docs/SERVER.md):
//
//   GET  /api/maps/:id/export.json   the map's current doc as the open JSON format (a download)
//   GET  /api/maps/:id/export.csv    the action plan; ?locale=ru for Russian labels and ';'
//   POST /api/maps/import            a JSON file as the body → a new map (201 {id, warnings})
//   POST /api/maps/:id/replace       a JSON file replaces a map's content; the old content is
//                                    first kept as a deleted (restorable) backup map
//   GET  /api/maps/:id/backups       the backups replaces kept of this map, newest first
//   POST /api/maps/:id/backups/:backupId/restore   a backup back in the list, as a map of its own
//
// A file is checked whole by the same `parseMapJson` the browser runs, before anything is
// written: a bad file gets 400/413 with every problem and its JSON path, and changes nothing.
// Checking and building the doc happen in a worker thread (server/fileJobs.ts): other maps
// keep syncing while a big file is read. Each map keeps a bounded number of backups.
import type http from 'node:http';
import { exportMapJson, formatProblem, DEFAULT_FORMAT_LIMITS, type Problem } from '../src/domain/format';
import { newMapId } from '../src/domain/ids';
import { TITLE_MAX } from '../src/domain/limits';
import { LOCALES, type Locale } from '../src/domain/locale';
import type { Review } from '../src/domain/types';
import { LAYOUT_VERSION, layoutStatus, layoutVersionOf } from '../src/doc/migrations';
import { docToSnapshot } from '../src/doc/snapshot';
import { actionPlanCsvFor, backupTitleFor } from '../src/locales/actionPlan';
import { exportFileName, localDate } from '../src/domain/fileName';
import { DEFAULTS } from './config';
import { createFileJobs, type FileJob, type FileJobResult, type FileJobs } from './fileJobs';
import { HttpError, readBody } from './http';
import { CLOSE_SERVER_ERROR } from './protocol';
import { MAX_REVIEWS_PER_MAP, type ReviewStore } from './reviews';
import type { Logger } from './log';
import type { RoomRegistry } from './rooms';
import { created, ok, SENT, type RouteCall, type RouteTable } from './router';
import { StorageError, type BackupLimits, type MapRow, type Storage } from './storage/Storage';

export interface IoContext {
  persistence: Storage;
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
  /** Where files are checked and built (a worker thread); one of its own when not given. */
  files?: FileJobs;
  /** How many replace backups each map keeps, and their bytes; the oldest go first. */
  backupLimits?: BackupLimits;
  log?: Logger;
}

export interface IoGuard {
  requireAdmin(): void;
  requireMap(id: string, need: 'view' | 'edit'): Promise<void>;
}

type IoRoute =
  | 'POST /api/maps/import'
  | 'GET /api/maps/:id/export.json'
  | 'GET /api/maps/:id/export.csv'
  | 'POST /api/maps/:id/replace'
  | 'GET /api/maps/:id/backups'
  | 'POST /api/maps/:id/backups/:backupId/restore';

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

/** Replace backups kept per map unless configured (BACKUPS_PER_MAP, BACKUP_BYTES_PER_MAP). */
export const DEFAULT_BACKUP_LIMITS: BackupLimits = { maxCount: DEFAULTS.backupsPerMap, maxBytes: DEFAULTS.backupBytesPerMap };

export function createIoApi(ctx: IoContext) {
  const { persistence, registry } = ctx;
  const maxImportBytes = ctx.maxImportBytes ?? DEFAULT_FORMAT_LIMITS.maxChars;
  const maxMapBytes = ctx.maxMapBytes ?? DEFAULTS.maxMapBytes;
  const backupLimits = ctx.backupLimits ?? DEFAULT_BACKUP_LIMITS;
  let ownFiles: FileJobs | null = null;
  const files = () => ctx.files ?? (ownFiles ??= createFileJobs());

  async function liveMap(id: string): Promise<MapRow> {
    const row = await persistence.findMap(id);
    if (!row || row.deletedAt !== null) throw new HttpError(404, 'map not found');
    return row;
  }

  /** The file checked and built in the worker; refused with every problem. */
  async function runFileJob<K extends FileJob['kind']>(job: FileJob & { kind: K }) {
    const result = await files().run(job, ctx.now());
    if (!result.ok) throw fileRefused(result.status, result.problems, result.warnings);
    return result as Extract<FileJobResult, { kind: K }>;
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
  async function addReviews(mapId: string, reviews: Review[]): Promise<number> {
    const store = ctx.reviews;
    if (!store) return 0;
    const known = new Set((await store.list(mapId)).map((r) => r.id));
    const room = Math.max(0, MAX_REVIEWS_PER_MAP - known.size);
    const fresh = reviews.filter((r) => !known.has(r.id)).slice(0, room);
    await store.saveImportedReviews(mapId, fresh);
    return fresh.length;
  }

  /** With review storage: how many were stored. Without: the reviews themselves, for the client to keep. */
  const reviewsAnswer = (reviews: Review[], stored: number) =>
    ctx.reviews ? { reviewsImported: stored } : { reviewsImported: 0, reviews };

  async function snapshotOf(id: string) {
    await liveMap(id);
    return (await registry.withRoom(id, (room) => docToSnapshot(room.doc)))!;
  }

  async function exportJson(res: http.ServerResponse, id: string): Promise<void> {
    // A newer build's layout would be read through this build's schema: fields it added would
    // silently drop out of the file. Refuse rather than hand out a lossy copy.
    await liveMap(id);
    const version = await registry.withRoom(id, (room) => (layoutStatus(room.doc) === 'newer' ? layoutVersionOf(room.doc) : null));
    if (version) {
      throw new HttpError(
        409,
        `map ${id} was saved by a newer CJM Studio (doc layout ${version}; this server knows up to ${LAYOUT_VERSION}): update the server to export it`,
      );
    }
    const snapshot = await snapshotOf(id);
    const now = new Date(ctx.now());
    const text = exportMapJson(snapshot, (await ctx.reviews?.reviewsForExport(id)) ?? [], now);
    sendFile(res, 'application/json; charset=utf-8', exportFileName(snapshot.meta.title, now, 'json'), text);
  }

  async function exportCsv(res: http.ServerResponse, id: string, search: URLSearchParams): Promise<void> {
    const locale = localeFrom(search);
    const snapshot = await snapshotOf(id);
    const now = new Date(ctx.now());
    sendFile(res, 'text/csv; charset=utf-8', exportFileName(snapshot.meta.title, now, 'csv'), actionPlanCsvFor(snapshot, locale));
  }

  async function importMap(req: http.IncomingMessage) {
    const text = await readFileBody(req, maxImportBytes);
    // Characters can never outnumber bytes, so the byte limit is also the character limit.
    const built = await runFileJob({ kind: 'import', text, maxChars: maxImportBytes });
    checkSize(built.map.state.byteLength);
    const id = newMapId();
    // The map and its reviews together or not at all.
    await persistence.createMap({
      id,
      ...built.map,
      now: ctx.now(),
      reviews: ctx.reviews ? built.reviews : undefined,
    });
    await persistence.putHealth(id, built.healthJson);
    return { id, warnings: built.warnings, migratedFrom: built.migratedFrom, ...reviewsAnswer(built.reviews, built.reviews.length) };
  }

  async function replaceMap(req: http.IncomingMessage, id: string, search: URLSearchParams) {
    const locale = localeFrom(search);
    await liveMap(id);
    const text = await readFileBody(req, maxImportBytes);
    const now = ctx.now();
    try {
      const result = await registry.withRoom(id, async (room) => {
        room.checkWritable();
        // The worker starts from what is stored: everything the room holds, once its writes settle.
        await room.settled();
        const row = await liveMap(id);
        const backupTitle = backupTitleFor(locale, row.title, localDate(new Date(now))).slice(0, TITLE_MAX);
        const storedBefore = room.storedCount;
        const rows = (await persistence.loadDoc(id)).updates;
        // Something stored meanwhile is not in `rows`: the worker's merged state would miss it.
        const rowsComplete = room.storedCount === storedBefore;
        const built = await runFileJob({ kind: 'replace', text, maxChars: maxImportBytes, rows, backupTitle });
        checkSize(built.addedBytes);
        // The map may have been deleted while the file was read.
        await liveMap(id);
        room.checkWritable();
        if (room.storedSize + built.addedBytes > maxMapBytes) await room.compact();
        if (room.storedSize + built.addedBytes > maxMapBytes) checkSize(room.storedSize + built.addedBytes);

        // 1. The current content, kept as a deleted map: restorable for the restore window.
        // Older backups of this map past the limits go for good in the same transaction.
        const backupId = newMapId();
        await persistence.createBackup(id, { id: backupId, ...built.backup, now }, backupLimits);

        // 2. Only then the new content, step by step, each stored and relayed to everyone connected.
        await room.applyServerUpdates(built.steps);
        // The old content now lives in the backup: the map's log becomes one snapshot, the one
        // the worker merged if nothing else was stored meanwhile, so nothing big is read or
        // encoded here; otherwise a compaction (a big map's in the worker).
        const merged = built.compacted;
        const adopted =
          rowsComplete && (await room.adoptSnapshot(merged.state, merged.stateVector, storedBefore + built.steps.length));
        if (!adopted) room.compact().catch((error: unknown) => ctx.log?.warn(`map ${id}: compaction after a replace failed`, error));
        await persistence.setListEntry(id, built.entry, ctx.now());
        await persistence.putHealth(id, built.healthJson);
        return { backupId, backupTitle, reviewsAdded: await addReviews(id, built.reviews), built };
      });
      if (!result) throw new HttpError(404, 'map not found');
      return {
        id,
        backupId: result.backupId,
        backupTitle: result.backupTitle,
        restoreUntil: new Date(now + ctx.restoreWindowMs).toISOString(),
        warnings: result.built.warnings,
        migratedFrom: result.built.migratedFrom,
        ...reviewsAnswer(result.built.reviews, result.reviewsAdded),
      };
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      // The room may hold content the disk never took: drop it, everyone reloads from disk.
      void registry.evict(id, CLOSE_SERVER_ERROR, 'server cannot store');
      throw error;
    }
  }

  /** The map's replace backups still kept, newest first, and until when each can be restored. */
  async function listBackups(id: string) {
    await liveMap(id);
    return (await persistence.listBackups(id)).map((b) => ({
      id: b.id,
      title: b.title,
      createdAt: new Date(b.createdAt).toISOString(),
      restoreUntil: new Date(b.createdAt + ctx.restoreWindowMs).toISOString(),
      bytes: b.bytes,
    }));
  }

  /** Brings one of the map's backups back into the list as a map of its own. */
  async function restoreBackup(id: string, backupId: string) {
    await liveMap(id);
    const backup = (await persistence.listBackups(id)).find((b) => b.id === backupId);
    if (!backup || backup.createdAt < ctx.now() - ctx.restoreWindowMs) throw new HttpError(404, 'backup not found');
    if (!(await persistence.restoreBackup(id, backupId))) throw new HttpError(404, 'backup not found');
    const row = (await persistence.findMap(backupId))!;
    return { id: row.id, title: row.title, updatedAt: new Date(row.updatedAt).toISOString(), touchpointCount: row.touchpointCount };
  }

  return {
    'POST /api/maps/import': async (call) => {
      ctx.guard(call).requireAdmin();
      return created(await importMap(call.req));
    },
    'GET /api/maps/:id/export.json': async (call): Promise<typeof SENT> => {
      await ctx.guard(call).requireMap(call.params.id, 'view');
      await exportJson(call.res, call.params.id);
      return SENT;
    },
    'GET /api/maps/:id/export.csv': async (call): Promise<typeof SENT> => {
      await ctx.guard(call).requireMap(call.params.id, 'view');
      await exportCsv(call.res, call.params.id, call.search);
      return SENT;
    },
    'POST /api/maps/:id/replace': async (call) => {
      await ctx.guard(call).requireMap(call.params.id, 'edit');
      return ok(await replaceMap(call.req, call.params.id, call.search));
    },
    // Whoever may replace a map may see and restore what its replaces kept.
    'GET /api/maps/:id/backups': async (call) => {
      await ctx.guard(call).requireMap(call.params.id, 'edit');
      return ok(await listBackups(call.params.id));
    },
    'POST /api/maps/:id/backups/:backupId/restore': async (call) => {
      await ctx.guard(call).requireMap(call.params.id, 'edit');
      return ok(await restoreBackup(call.params.id, call.params.backupId));
    },
  } satisfies RouteTable<IoRoute>;
}
