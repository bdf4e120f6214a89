// What this tab may show the server: the access link token of each map opened through a link,
// and the administrator secret if it was entered. Kept in sessionStorage: a reload keeps them,
// closing the tab forgets them, and they never travel in a URL path the server logs (the token
// reaches the sync endpoint as a query parameter and the API as the X-CJM-Token header).
import { createStore, type StoreApi } from 'zustand/vanilla';

/** Who this tab is on one map, as far as the server last told us (or the link says). */
export type MapRole = 'open' | 'admin' | 'edit' | 'view';

export interface CredentialState {
  tokens: Readonly<Record<string, string>>;
  roles: Readonly<Record<string, MapRole>>;
  adminSecret: string | null;
  /** Maps whose links are being replaced right now: a refusal of the old link is expected. */
  rotating: ReadonlySet<string>;
}

export interface CredentialStore {
  state: StoreApi<CredentialState>;
  tokenOf(mapId: string): string | null;
  setToken(mapId: string, token: string): void;
  forgetToken(mapId: string): void;
  roleOf(mapId: string): MapRole | null;
  setRole(mapId: string, role: MapRole): void;
  adminSecret(): string | null;
  setAdminSecret(secret: string | null): void;
  setRotating(mapId: string, rotating: boolean): void;
  /** Query parameters for the map's sync connection. */
  syncParams(mapId: string): Record<string, string>;
  /**
   * Headers for API calls about one map: its link token, else the administrator secret.
   * `linkToken`: a link's token this tab has not taken in yet (the page's entry, see main.tsx).
   */
  mapHeaders(mapId: string, linkToken?: string): Record<string, string>;
  /** Headers for calls about the whole list (administrator only). */
  adminHeaders(): Record<string, string>;
}

const TOKEN_PREFIX = 'cjm-studio.token.';
const ROLE_PREFIX = 'cjm-studio.role.';
const ADMIN_KEY = 'cjm-studio.admin';
const NONE: Readonly<Record<string, string>> = Object.freeze({});
const ROLES: readonly MapRole[] = ['open', 'admin', 'edit', 'view'];

/** sessionStorage, or nothing where it is unavailable (private modes, Node). */
function defaultStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function readAll(storage: Storage | null): CredentialState {
  const tokens: Record<string, string> = {};
  const roles: Record<string, MapRole> = {};
  let adminSecret: string | null = null;
  if (storage) {
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        const value = key === null ? null : storage.getItem(key);
        if (key === null || value === null) continue;
        if (key.startsWith(TOKEN_PREFIX)) tokens[key.slice(TOKEN_PREFIX.length)] = value;
        else if (key.startsWith(ROLE_PREFIX) && (ROLES as readonly string[]).includes(value)) {
          roles[key.slice(ROLE_PREFIX.length)] = value as MapRole;
        } else if (key === ADMIN_KEY && value !== '') adminSecret = value;
      }
    } catch {
      // Unreadable storage: start with nothing remembered.
    }
  }
  return { tokens, roles, adminSecret, rotating: new Set() };
}

export function createCredentialStore(storage: Storage | null = defaultStorage()): CredentialStore {
  const state = createStore<CredentialState>(() => readAll(storage));

  const persist = (key: string, value: string | null) => {
    try {
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, value);
    } catch {
      // Remembered for this page only; a reload will ask for the link again.
    }
  };

  const tokenOf = (mapId: string) => state.getState().tokens[mapId] ?? null;
  const adminSecret = () => state.getState().adminSecret;
  const adminHeaders = (): Record<string, string> => {
    const secret = adminSecret();
    return secret ? { Authorization: `Bearer ${secret}` } : NONE;
  };

  return {
    state,
    tokenOf,
    setToken(mapId, token) {
      if (tokenOf(mapId) === token) return;
      persist(TOKEN_PREFIX + mapId, token);
      state.setState((s) => ({ tokens: { ...s.tokens, [mapId]: token } }));
    },
    forgetToken(mapId) {
      if (tokenOf(mapId) === null) return;
      persist(TOKEN_PREFIX + mapId, null);
      state.setState((s) => {
        const tokens = { ...s.tokens };
        delete tokens[mapId];
        return { tokens };
      });
    },
    roleOf: (mapId) => state.getState().roles[mapId] ?? null,
    setRole(mapId, role) {
      if (state.getState().roles[mapId] === role) return;
      persist(ROLE_PREFIX + mapId, role);
      state.setState((s) => ({ roles: { ...s.roles, [mapId]: role } }));
    },
    adminSecret,
    setAdminSecret(secret) {
      persist(ADMIN_KEY, secret);
      state.setState({ adminSecret: secret });
    },
    setRotating(mapId, rotating) {
      const next = new Set(state.getState().rotating);
      if (rotating) next.add(mapId);
      else next.delete(mapId);
      state.setState({ rotating: next });
    },
    syncParams(mapId) {
      const token = tokenOf(mapId);
      return token ? { token } : NONE;
    },
    mapHeaders(mapId, linkToken) {
      const token = linkToken ?? tokenOf(mapId);
      return token ? { 'X-CJM-Token': token } : adminHeaders();
    },
    adminHeaders,
  };
}
