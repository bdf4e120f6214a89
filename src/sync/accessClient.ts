// The server's side of access links over HTTP: whether the server requires links at all, what
// this tab may do with one map, the map's edit and view links, replacing them, and checking an
// administrator secret. Answers are plain values; only programming errors throw.
import type { HealthAnswer, MapLinks } from '../domain/api';
import type { CredentialStore, MapRole } from './credentials';

export type { MapLinks } from '../domain/api';
export type ServerAccessMode = HealthAnswer['access'];

/** A call the server refused or could not be had. */
export type Failure =
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'missing' }
  | { kind: 'offline' };

export type MapCheck = { kind: 'ok'; role: MapRole } | Failure;
/** `open`: the server has no secret, so there are no links (anyone who reaches it may edit). */
export type LinksAnswer = { kind: 'links'; links: MapLinks } | { kind: 'open' } | Failure;
export type SecretCheck = 'ok' | 'wrong' | 'offline';

export interface AccessClientOptions {
  /** Origin of the server (empty string = same origin). */
  baseUrl: string;
  credentials: CredentialStore;
  fetchImpl?: typeof fetch;
}

export interface AccessClient {
  /** Whether the server requires links; null when it could not be asked. */
  mode(): Promise<ServerAccessMode | null>;
  /** What this tab's credentials allow on the map (the server decides). */
  checkMap(mapId: string): Promise<MapCheck>;
  /** The map's links; `asAdmin` asks with the administrator secret rather than the map's link. */
  links(mapId: string, asAdmin?: boolean): Promise<LinksAnswer>;
  /** New links for the map; every link handed out before stops working. */
  rotate(mapId: string): Promise<LinksAnswer>;
  checkAdminSecret(secret: string): Promise<SecretCheck>;
}

const ROLES: readonly MapRole[] = ['open', 'admin', 'edit', 'view'];
const isLinks = (value: unknown): value is MapLinks => {
  const v = value as Partial<MapLinks> | null;
  return typeof v?.edit === 'string' && typeof v.view === 'string' && typeof v.expiresAt === 'string';
};

interface Answer {
  status: number;
  json: unknown;
}

export function accessClient(options: AccessClientOptions): AccessClient {
  const { baseUrl, credentials } = options;
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const mapPath = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}`;

  /** null: the server was not reached (or something else answered: a proxy's error page). */
  async function call(method: string, path: string, headers: Record<string, string>): Promise<Answer | null> {
    try {
      // Every write declares JSON, even without a body: the server refuses others (415).
      const type: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
      const response = await doFetch(`${baseUrl}${path}`, { method, headers: { accept: 'application/json', ...type, ...headers } });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
    } catch {
      return null;
    }
  }

  const messageOf = (answer: Answer) => (answer.json as { error?: unknown } | null)?.error;
  const failureOf = (answer: Answer | null): Failure => {
    if (answer === null || answer.status >= 500) return { kind: 'offline' };
    if (answer.status === 404) return { kind: 'missing' };
    const message = messageOf(answer);
    return { kind: 'refused', status: answer.status, message: typeof message === 'string' ? message : `HTTP ${answer.status}` };
  };

  async function linksCall(method: 'GET' | 'POST', mapId: string, headers: Record<string, string>): Promise<LinksAnswer> {
    // Without AUTH_SECRET the server mints no links (it would answer 404): ask which it is first.
    if ((await mode()) === 'open') return { kind: 'open' };
    const path = `${mapPath(mapId)}/links${method === 'POST' ? '/rotate' : ''}`;
    const answer = await call(method, path, headers);
    if (answer?.status === 200 && isLinks(answer.json)) return { kind: 'links', links: answer.json };
    return failureOf(answer);
  }

  async function mode(): Promise<ServerAccessMode | null> {
    const answer = await call('GET', '/healthz', {});
    const access = (answer?.json as { access?: unknown } | null)?.access;
    return access === 'open' || access === 'links' ? access : null;
  }

  return {
    mode,
    async checkMap(mapId) {
      const answer = await call('GET', mapPath(mapId), credentials.mapHeaders(mapId));
      if (answer?.status !== 200) return failureOf(answer);
      const role = (answer.json as { access?: unknown } | null)?.access;
      // A server from before access links answers without `access`: it is an open one.
      return { kind: 'ok', role: (ROLES as readonly unknown[]).includes(role) ? (role as MapRole) : 'open' };
    },
    links: (mapId, asAdmin = false) =>
      linksCall('GET', mapId, asAdmin ? credentials.adminHeaders() : credentials.mapHeaders(mapId)),
    rotate: (mapId) => linksCall('POST', mapId, credentials.mapHeaders(mapId)),
    async checkAdminSecret(secret) {
      const answer = await call('GET', '/api/maps', { Authorization: `Bearer ${secret}` });
      if (answer === null || answer.status >= 500) return 'offline';
      return answer.status === 200 ? 'ok' : 'wrong';
    },
  };
}
