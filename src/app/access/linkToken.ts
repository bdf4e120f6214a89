// What an access link says about itself, read in the browser for the UI only: the token is
// `base64url(JSON {m, r, e, k}).signature`, and the server, which checks the signature, stays
// the authority on what it allows. Used to show "View only" at once and while offline.
import { isMapId } from '../../domain/ids';

export interface LinkClaims {
  mapId: string;
  role: 'edit' | 'view';
  /** When the link stops working, epoch ms. */
  expiresAt: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeBase64Url(part: string): string | null {
  if (!BASE64URL.test(part)) return null;
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The claims of a token, or null for anything that is not shaped like one of ours. */
export function readLinkClaims(token: string): LinkClaims | null {
  const parts = token.split('.');
  if (parts.length !== 2 || parts[1] === '') return null;
  const json = decodeBase64Url(parts[0]!);
  if (json === null) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return null;
  }
  const p = payload as { m?: unknown; r?: unknown; e?: unknown } | null;
  if (typeof p?.m !== 'string' || !isMapId(p.m)) return null;
  if (p.r !== 'edit' && p.r !== 'view') return null;
  if (typeof p.e !== 'number' || !Number.isFinite(p.e)) return null;
  return { mapId: p.m, role: p.r, expiresAt: p.e * 1000 };
}

/** The token inside an edit or view link (`…/#/map/<id>?token=…`), or null. */
export function tokenOfLink(link: string): string | null {
  const hash = link.indexOf('#');
  const query = hash < 0 ? -1 : link.indexOf('?', hash);
  if (query < 0) return null;
  return new URLSearchParams(link.slice(query + 1)).get('token') || null;
}
