// Access control for a server started with AUTH_SECRET. Each map has an edit link and a view
// link; each carries a token `base64url(payload).base64url(HMAC-SHA256(payload))` whose payload
// is {m: map id, r: 'edit'|'view', e: expiry in epoch seconds, k: the map's key generation}.
// Rotating a map's key generation revokes every link minted before. `Authorization: Bearer
// <AUTH_SECRET>` is the administrator. Without a secret everything is open (local mode).
//
// Tokens are checked without touching the disk until the signature holds; only then is the
// map's row read for its key generation. No map doc is ever loaded to decide access.
import crypto from 'node:crypto';
import type http from 'node:http';
import type { MapLinks } from '../src/domain/api';
import { CLOSE_FORBIDDEN, CLOSE_MAP_NOT_FOUND, CLOSE_UNAUTHORIZED } from '../src/domain/closeCodes';
import { isMapId } from '../src/domain/ids';
import type { MapRow } from './storage/Storage';

export type LinkRole = 'edit' | 'view';

export interface TokenPayload {
  m: string;
  r: LinkRole;
  /** Expiry, epoch seconds. */
  e: number;
  /** The map's key generation when the link was minted. */
  k: number;
}

/** What a request or connection may do with one map. */
export interface Grant {
  /** `open`: the server has no secret; `admin`: the bearer secret; otherwise the link's role. */
  role: 'open' | 'admin' | LinkRole;
  canEdit: boolean;
  /** The key generation the link was minted in (null: not a link, never revoked). */
  keyGeneration: number | null;
  /** When the link stops working, epoch ms (null: never). */
  expiresAt: number | null;
}

/** Why access was refused: the HTTP status for the API, the close code for the sync endpoint. */
export interface Refusal {
  status: 401 | 403 | 404;
  closeCode: typeof CLOSE_UNAUTHORIZED | typeof CLOSE_FORBIDDEN | typeof CLOSE_MAP_NOT_FOUND;
  message: string;
}

export interface Credentials {
  /** The value after `Bearer ` in Authorization, if any. */
  bearer: string | null;
  /** A link token: the `X-CJM-Token` header or the `token` query parameter. */
  token: string | null;
}


/** Longer than any token we mint; a longer one is refused before any work. */
const MAX_TOKEN_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const unauthorized = (message: string): Refusal => ({ status: 401, closeCode: CLOSE_UNAUTHORIZED, message });
const forbidden = (message: string): Refusal => ({ status: 403, closeCode: CLOSE_FORBIDDEN, message });
const notFound: Refusal = { status: 404, closeCode: CLOSE_MAP_NOT_FOUND, message: 'map not found' };

export const isRefusal = (value: Grant | Refusal): value is Refusal => 'closeCode' in value;

const OPEN_GRANT: Grant = { role: 'open', canEdit: true, keyGeneration: null, expiresAt: null };
const ADMIN_GRANT: Grant = { role: 'admin', canEdit: true, keyGeneration: null, expiresAt: null };

function headerValue(req: http.IncomingMessage, name: string): string | null {
  const raw = req.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === '' ? null : value;
}

/** Reads the credentials a request carries; `search` is the query string of its URL. */
export function credentialsOf(req: http.IncomingMessage, search: URLSearchParams): Credentials {
  const authorization = headerValue(req, 'authorization');
  // Any Authorization header is a claim to be the administrator; another scheme is a wrong one.
  const bearer = authorization === null ? null : (/^Bearer\s+(.*)$/i.exec(authorization)?.[1] ?? '');
  return { bearer, token: headerValue(req, 'x-cjm-token') ?? search.get('token') };
}

function isPayload(value: unknown): value is TokenPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.m === 'string' &&
    isMapId(p.m) &&
    (p.r === 'edit' || p.r === 'view') &&
    Number.isSafeInteger(p.e) &&
    Number.isSafeInteger(p.k) &&
    (p.k as number) >= 0
  );
}

export interface AccessControlOptions {
  /** null: open mode. */
  secret: string | null;
  linkTtlMs: number;
  now: () => number;
  /** The map's row (for its key generation and whether it still exists). */
  findMap: (mapId: string) => Promise<MapRow | undefined>;
}

export type AccessControl = ReturnType<typeof createAccessControl>;

export function createAccessControl(options: AccessControlOptions) {
  const { secret, now } = options;
  // A key of its own for links, so a token's MAC can never stand in for anything else signed
  // with the secret.
  const linkKey = secret === null ? null : crypto.createHmac('sha256', secret).update('cjm-studio link key v1').digest();
  const secretDigest = secret === null ? null : crypto.createHash('sha256').update(secret).digest();

  const mac = (payloadPart: string) => crypto.createHmac('sha256', linkKey!).update(payloadPart).digest();

  function sign(payload: TokenPayload): string {
    const payloadPart = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${payloadPart}.${mac(payloadPart).toString('base64url')}`;
  }

  /** The payload of a token whose signature holds, or null. Pure computation: no I/O. */
  function verifySignature(token: string): TokenPayload | null {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    const parts = token.split('.');
    if (parts.length !== 2) return null;
    const [payloadPart, macPart] = parts as [string, string];
    if (!BASE64URL.test(payloadPart) || !BASE64URL.test(macPart)) return null;
    const given = Buffer.from(macPart, 'base64url');
    const expected = mac(payloadPart);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    try {
      const payload: unknown = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
      return isPayload(payload) ? payload : null;
    } catch {
      return null;
    }
  }

  function isAdminSecret(bearer: string): boolean {
    const given = crypto.createHash('sha256').update(bearer).digest();
    return crypto.timingSafeEqual(given, secretDigest!);
  }

  /**
   * Who the credentials are, before any map is involved: open mode, the administrator, a link
   * holder (checked per map later), or a refusal for a wrong secret.
   */
  function identify(creds: Credentials): 'open' | 'admin' | 'link' | 'nobody' | Refusal {
    if (secret === null) return 'open';
    if (creds.bearer !== null) return isAdminSecret(creds.bearer) ? 'admin' : unauthorized('wrong administrator secret');
    return creds.token === null ? 'nobody' : 'link';
  }

  /** What the credentials allow on `mapId` (already checked against the id pattern). */
  async function forMap(mapId: string, creds: Credentials): Promise<Grant | Refusal> {
    const who = identify(creds);
    if (who === 'open') return OPEN_GRANT;
    if (who === 'admin') return ADMIN_GRANT;
    if (who === 'nobody') return unauthorized('this map needs an access link');
    if (who !== 'link') return who;
    const payload = verifySignature(creds.token!);
    if (!payload) return unauthorized('the access link is not valid');
    if (payload.m !== mapId) return forbidden('the access link is for another map');
    if (payload.e * 1000 <= now()) return forbidden('the access link has expired');
    // The signature holds: only now is the database asked.
    const row = await options.findMap(mapId);
    if (!row || row.deletedAt !== null) return notFound;
    if (payload.k !== row.keyGeneration) return forbidden('the access link was revoked');
    return { role: payload.r, canEdit: payload.r === 'edit', keyGeneration: payload.k, expiresAt: payload.e * 1000 };
  }

  /** Only the administrator (or anyone, in open mode). */
  function requireAdmin(creds: Credentials): Refusal | null {
    const who = identify(creds);
    if (who === 'open' || who === 'admin') return null;
    if (who === 'nobody') return unauthorized('administrator secret required');
    if (who === 'link') return forbidden('only the administrator may do this');
    return who;
  }

  /** Fresh edit and view links for a map at its current key generation. */
  function mintLinks(row: MapRow, origin: string): MapLinks {
    const expiry = Math.floor((now() + options.linkTtlMs) / 1000);
    const link = (r: LinkRole) =>
      `${origin}/#/map/${row.id}?token=${sign({ m: row.id, r, e: expiry, k: row.keyGeneration })}`;
    return { edit: link('edit'), view: link('view'), expiresAt: new Date(expiry * 1000).toISOString() };
  }

  return {
    enabled: secret !== null,
    forMap,
    requireAdmin,
    mintLinks,
    /** For tests and tools: a token as the server would mint it. */
    sign: (payload: TokenPayload) => {
      if (secret === null) throw new Error('no AUTH_SECRET: the server mints no tokens');
      return sign(payload);
    },
  };
}
