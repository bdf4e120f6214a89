// The browser's side of the server's import endpoints (server/io.ts): a checked JSON file is
// posted as it is; the answer is a new map, a refusal with the server's own list of problems
// (each with a code the UI words in the user's language), or "offline" when the server could
// not be reached.
import type { ApiErrorBody, ApiResponse, ImportAnswer, ReplaceAnswer } from '../domain/api';
import type { Problem } from '../domain/format';

export type ImportedMap = ImportAnswer & { ok: true };
export type ReplacedMap = ReplaceAnswer & { ok: true };

export type Refused = { ok: false; reason: 'refused'; status: number; error: string; problems: Problem[]; warnings: Problem[] };
export type Offline = { ok: false; reason: 'offline'; message: string };

export interface MapFileApiOptions {
  /** Origin of the server ('' = same origin, as when the app is served by it). */
  baseUrl?: string;
  /** Extra headers (an access token when the map was opened with a link). */
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
}

/** Credentials every call carries unless told otherwise: set once by the app (access links). */
export interface MapFileCredentials {
  /** For calls about one map: its link token, or the administrator secret. */
  map: (mapId: string) => Record<string, string>;
  /** For calls about the whole list (import, restore): the administrator secret. */
  admin: () => Record<string, string>;
}
let credentials: MapFileCredentials = { map: () => ({}), admin: () => ({}) };
export function setMapFileCredentials(next: MapFileCredentials): void {
  credentials = next;
}
const withCredentials = (options: MapFileApiOptions, headers: Record<string, string>): MapFileApiOptions => ({
  ...options,
  headers: { ...headers, ...options.headers },
});

async function call<T>(method: string, path: string, body: string | undefined, options: MapFileApiOptions): Promise<(T & { ok: true }) | Refused | Offline> {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let response: Response;
  let json: unknown;
  try {
    response = await doFetch(`${options.baseUrl ?? ''}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...options.headers },
      ...(body !== undefined && { body }),
    });
    const text = await response.text();
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch (error) {
    return { ok: false, reason: 'offline', message: error instanceof Error ? error.message : String(error) };
  }
  const answer = (json ?? {}) as Partial<ApiErrorBody> & Record<string, unknown>;
  if (!response.ok) {
    // Each problem needs a path and a message to be shown; its code and params are worded when known.
    const list = (value: unknown): Problem[] =>
      Array.isArray(value)
        ? value.filter(
            (p): p is Problem => typeof p === 'object' && p !== null && typeof p.path === 'string' && typeof p.message === 'string',
          )
        : [];
    return {
      ok: false,
      reason: 'refused',
      status: response.status,
      error: typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`,
      problems: list(answer.problems),
      warnings: list(answer.warnings),
    };
  }
  // A list answer stays a list (spreading it would turn it into an object of indexes).
  if (Array.isArray(json)) return Object.assign([...(json as unknown[])], { ok: true as const }) as unknown as T & { ok: true };
  return { ...(answer as T), ok: true };
}

/** Creates a new map from a JSON map file's text. */
export const importMapFile = (text: string, options: MapFileApiOptions = {}) =>
  call<ApiResponse<'POST /api/maps/import'>>('POST', '/api/maps/import', text, withCredentials(options, credentials.admin()));

/** Replaces a map's content with a file; the old content is kept as a deleted backup map. */
export const replaceMapWithFile = (mapId: string, text: string, locale: string, options: MapFileApiOptions = {}) =>
  call<ApiResponse<'POST /api/maps/:id/replace'>>(
    'POST',
    `/api/maps/${encodeURIComponent(mapId)}/replace?locale=${encodeURIComponent(locale)}`,
    text,
    withCredentials(options, credentials.map(mapId)),
  );

/** The replace backups a map keeps, newest first (edit access). */
export const listBackups = (mapId: string, options: MapFileApiOptions = {}) =>
  call<ApiResponse<'GET /api/maps/:id/backups'>>(
    'GET',
    `/api/maps/${encodeURIComponent(mapId)}/backups`,
    undefined,
    withCredentials(options, credentials.map(mapId)),
  );

/** Brings one of a map's replace backups back into the list as a map of its own (edit access). */
export const restoreBackup = (mapId: string, backupId: string, options: MapFileApiOptions = {}) =>
  call<ApiResponse<'POST /api/maps/:id/backups/:backupId/restore'>>(
    'POST',
    `/api/maps/${encodeURIComponent(mapId)}/backups/${encodeURIComponent(backupId)}/restore`,
    undefined,
    withCredentials(options, credentials.map(mapId)),
  );

/** The server's JSON export of a map (with its saved reviews); null when it cannot be had. */
export async function fetchServerExport(mapId: string, options: MapFileApiOptions = {}): Promise<string | null> {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  try {
    const response = await doFetch(`${options.baseUrl ?? ''}/api/maps/${encodeURIComponent(mapId)}/export.json`, {
      headers: { ...credentials.map(mapId), ...options.headers },
    });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}
