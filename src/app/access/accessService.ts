// Access links as the app uses them: a link opened in this tab is remembered for its map, a map
// is checked with the server before it opens (and given a link token for its sync connection),
// and the share dialog's links and revocation. Without AUTH_SECRET on the server every check
// passes and nothing here changes how the app behaves.
import { isMapId } from '../../domain/ids';
import type { AccessClient, LinksAnswer } from '../../sync/accessClient';
import type { CredentialStore, MapRole } from '../../sync/credentials';
import type { MapDirectory } from '../../sync/mapDirectory';
import { ApiError } from '../../sync/serverDirectory';
import { readLinkClaims, tokenOfLink } from './linkToken';

export type MapVerdict =
  | { kind: 'ok'; role: MapRole }
  | { kind: 'missing' }
  /** `invalidLink`: the link is not valid, expired or revoked; `needsLink`: no link at all. */
  | { kind: 'refused'; reason: 'invalidLink' | 'needsLink' };

export interface AccessService {
  credentials: CredentialStore;
  client: AccessClient;
  /** A link opened in this tab: its token is kept for the map (a reload keeps it). */
  acceptLink(mapId: string, token: string): void;
  /** Decides whether a map can open, and makes sure its sync connection carries a link. */
  prepare(mapId: string): Promise<MapVerdict>;
  /** The map's links (null answers are failures); new tokens replace this tab's own. */
  links(mapId: string): Promise<LinksAnswer>;
  /** New links; the old ones stop working, this tab moves to the new edit link. */
  revoke(mapId: string): Promise<LinksAnswer>;
}

const isAccessRefusal = (error: unknown) => error instanceof ApiError && (error.status === 401 || error.status === 403);

export function createAccessService(deps: {
  credentials: CredentialStore;
  client: AccessClient;
  directory: MapDirectory;
}): AccessService {
  const { credentials, client, directory } = deps;

  /** The role a link claims: what the UI shows until (or while offline, instead of) the server's word. */
  const claimedRole = (mapId: string): MapRole | null => {
    const token = credentials.tokenOf(mapId);
    const claims = token === null ? null : readLinkClaims(token);
    return claims && claims.mapId === mapId ? claims.role : null;
  };

  /** This tab takes the edit link of `answer` as its own for the map. */
  const adopt = (mapId: string, answer: LinksAnswer) => {
    if (answer.kind !== 'links') return;
    const token = tokenOfLink(answer.links.edit);
    if (token) credentials.setToken(mapId, token);
  };

  /** The administrator takes a fresh edit link for the map (the sync endpoint takes no secret). */
  async function adminLink(mapId: string): Promise<MapVerdict | null> {
    const answer = await client.links(mapId, true);
    switch (answer.kind) {
      case 'links':
        adopt(mapId, answer);
        return { kind: 'ok', role: 'admin' };
      case 'open':
        return { kind: 'ok', role: 'open' };
      case 'missing':
        return { kind: 'missing' };
      case 'refused':
        // The secret is wrong now (the server got another one): ask for it again on the list.
        if (answer.status === 401) credentials.setAdminSecret(null);
        return null;
      case 'offline':
        return { kind: 'ok', role: 'admin' };
    }
  }

  async function prepareWithLink(mapId: string): Promise<MapVerdict> {
    const check = await client.checkMap(mapId);
    switch (check.kind) {
      case 'ok':
        return { kind: 'ok', role: check.role };
      case 'missing':
        return { kind: 'missing' };
      case 'offline':
        // The cached copy opens; the link decides what the UI offers until the server answers.
        return { kind: 'ok', role: claimedRole(mapId) ?? credentials.roleOf(mapId) ?? 'view' };
      case 'refused': {
        if (credentials.adminSecret()) {
          const verdict = await adminLink(mapId);
          if (verdict) return verdict;
        }
        return { kind: 'refused', reason: 'invalidLink' };
      }
    }
  }

  async function prepareWithoutLink(mapId: string): Promise<MapVerdict> {
    // No link: the map list decides, as on a server without a secret (it also announces maps
    // created offline, and falls back to the cached list without a network).
    let known: boolean;
    try {
      known = (await directory.list()).some((m) => m.id === mapId);
    } catch (error) {
      if (isAccessRefusal(error)) return { kind: 'refused', reason: 'needsLink' };
      throw error;
    }
    if (!known) return { kind: 'missing' };
    if (credentials.adminSecret()) return (await adminLink(mapId)) ?? { kind: 'refused', reason: 'needsLink' };
    return { kind: 'ok', role: 'open' };
  }

  return {
    credentials,
    client,
    acceptLink(mapId, token) {
      if (!isMapId(mapId)) return;
      credentials.setToken(mapId, token);
      const role = readLinkClaims(token)?.role;
      if (role) credentials.setRole(mapId, role);
    },
    async prepare(mapId) {
      if (!isMapId(mapId)) return { kind: 'missing' };
      const verdict = credentials.tokenOf(mapId) ? await prepareWithLink(mapId) : await prepareWithoutLink(mapId);
      if (verdict.kind === 'ok') credentials.setRole(mapId, verdict.role);
      return verdict;
    },
    links: (mapId) => client.links(mapId),
    async revoke(mapId) {
      credentials.setRotating(mapId, true);
      try {
        const answer = await client.rotate(mapId);
        adopt(mapId, answer);
        return answer;
      } finally {
        credentials.setRotating(mapId, false);
      }
    },
  };
}
