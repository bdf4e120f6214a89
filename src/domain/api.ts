// The HTTP API's contract, shared by the server (whose router is typed by it: a route missing
// here, or answering another shape, does not compile) and the browser's clients. Routes and
// statuses are documented in docs/SERVER.md.
import type { Problem } from './format/problems';
import type { GalleryTemplateId } from './gallery/ids';
import type { Locale } from './locale';
import type { TemplateName } from './templates';
import type { Id, MapSummary, Review } from './types';

/**
 * Every refusal, whatever the route: a message for people, and for a refused map file every
 * problem found (with its JSON path and code) and the warnings the file also had.
 */
export interface ApiErrorBody {
  error: string;
  problems?: Problem[];
  warnings?: Problem[];
}

/** What a caller may do with one map: `open` when the server has no AUTH_SECRET. */
export type AccessRole = 'open' | 'admin' | 'edit' | 'view';

export interface HealthAnswer {
  /** False when storage or the relay cannot be reached (still answered 200: the process is up). */
  ok: boolean;
  /** `links`: AUTH_SECRET is set, maps open only through their links. */
  access: 'open' | 'links';
  storage: { kind: 'sqlite' | 'postgres'; reachable: boolean };
  /** `limits`: `cluster` while connection limits count every instance, `instance` while Redis is away and each counts alone. */
  relay: { kind: 'redis'; reachable: boolean; instance: string; limits: 'cluster' | 'instance' } | { kind: 'none' };
}

export interface Ok {
  ok: true;
}

export interface Created {
  id: Id;
}

/** What a new map starts from: the plain grid (`default`), nothing (`blank`) or a gallery template. */
export type TemplateId = TemplateName | GalleryTemplateId;

/** A gallery template as the map list offers it, in the language asked for. */
export interface TemplateSummary {
  id: GalleryTemplateId;
  title: string;
  description: string;
  language: Locale;
  /** Touchpoints the new map starts with. */
  touchpoints: number;
}

export interface NewMapRequest {
  title: string;
  /** `none`: an empty doc for a map first created offline (its content follows over sync). */
  template?: TemplateId | 'none';
  locale?: Locale;
  /** A map created offline keeps the id its client gave it. */
  id?: Id;
}

export interface TitleRequest {
  title: string;
}

export type MapDetails = MapSummary & { access: AccessRole };

export interface MapLinks {
  edit: string;
  view: string;
  /** When both links stop working (ISO 8601). */
  expiresAt: string;
}

/** What the review list shows: the frozen content is fetched only when a review is opened. */
export interface ReviewSummary {
  id: Id;
  name: string;
  summary: string;
  createdAt: string;
}

export interface NewReviewRequest {
  name: string;
  summary?: string;
}

interface FileAnswer {
  warnings: Problem[];
  /** The format version the file was migrated from; null when it was current. */
  migratedFrom: number | null;
  reviewsImported: number;
  /** Only from a server without review storage: the file's reviews, handed back to keep. */
  reviews?: Review[];
}

export interface ImportAnswer extends FileAnswer {
  id: Id;
}

export interface ReplaceAnswer extends FileAnswer {
  id: Id;
  backupId: Id;
  backupTitle: string;
  /** ISO timestamp: the backup is purged after this. */
  restoreUntil: string;
}

/** A download: the body is the file, named by Content-Disposition. */
export type FileDownload = string;

/**
 * A map's whole Yjs state as one update (V1, what the sync endpoint sends as sync step 2), as
 * `application/octet-stream`: a first visit fetches it while the app's code is still loading.
 */
export type DocState = Uint8Array;

/** A map's content as it stood before a replace, kept (bounded per map) to be brought back. */
export interface BackupEntry {
  id: Id;
  title: string;
  createdAt: string;
  /** After this it is purged with the other deleted maps. */
  restoreUntil: string;
  bytes: number;
}

/** Each route as `METHOD /path/:param`: what it takes (a JSON body, or a file's text) and answers. */
export interface ApiRoutes {
  'GET /healthz': { response: HealthAnswer };
  'GET /api/maps': { response: MapSummary[] };
  'GET /api/templates': { response: TemplateSummary[] };
  'POST /api/maps': { request: NewMapRequest; response: Created };
  'POST /api/maps/import': { request: string; response: ImportAnswer };
  'GET /api/maps/:id': { response: MapDetails };
  'GET /api/maps/:id/state': { response: DocState };
  'PATCH /api/maps/:id': { request: TitleRequest; response: MapSummary };
  'DELETE /api/maps/:id': { response: Ok };
  'POST /api/maps/:id/duplicate': { request: TitleRequest; response: Created };
  'POST /api/maps/:id/restore': { response: MapSummary };
  'GET /api/maps/:id/links': { response: MapLinks };
  'POST /api/maps/:id/links/rotate': { response: MapLinks };
  'GET /api/maps/:id/export.json': { response: FileDownload };
  'GET /api/maps/:id/export.csv': { response: FileDownload };
  'POST /api/maps/:id/replace': { request: string; response: ReplaceAnswer };
  'GET /api/maps/:id/backups': { response: BackupEntry[] };
  'POST /api/maps/:id/backups/:backupId/restore': { response: MapSummary };
  'GET /api/maps/:id/reviews': { response: ReviewSummary[] };
  'POST /api/maps/:id/reviews': { request: NewReviewRequest; response: Created };
  'GET /api/maps/:id/reviews/:reviewId': { response: Review };
  'DELETE /api/maps/:id/reviews/:reviewId': { response: Ok };
}

export type ApiRoute = keyof ApiRoutes;
export type ApiResponse<R extends ApiRoute> = ApiRoutes[R]['response'];
export type ApiRequest<R extends ApiRoute> = ApiRoutes[R] extends { request: infer Body } ? Body : never;
