import { describe, expect, it } from 'vitest';
import { createCredentialStore } from '../../../src/sync/credentials';

const MAP_ID = 'Ab3_-xYz0123456789abcd';
const OTHER_ID = 'Zz9_-xYz0123456789abcd';

/** A Storage like sessionStorage, in memory: one per "tab". */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

describe('credential store', () => {
  it('keeps a link token, its role and the admin secret across a reload of the tab', () => {
    const tab = memoryStorage();
    const before = createCredentialStore(tab);
    before.setToken(MAP_ID, 'payload.sig');
    before.setRole(MAP_ID, 'view');
    before.setAdminSecret('the-admin-secret-123');

    const after = createCredentialStore(tab);
    expect(after.tokenOf(MAP_ID)).toBe('payload.sig');
    expect(after.roleOf(MAP_ID)).toBe('view');
    expect(after.adminSecret()).toBe('the-admin-secret-123');
    expect(after.tokenOf(OTHER_ID)).toBeNull();
  });

  it('does not share anything with another tab', () => {
    createCredentialStore(memoryStorage()).setToken(MAP_ID, 'payload.sig');
    expect(createCredentialStore(memoryStorage()).tokenOf(MAP_ID)).toBeNull();
  });

  it('sends the link token for its map, the admin secret otherwise', () => {
    const store = createCredentialStore(memoryStorage());
    store.setAdminSecret('the-admin-secret-123');
    store.setToken(MAP_ID, 'payload.sig');
    expect(store.mapHeaders(MAP_ID)).toEqual({ 'X-CJM-Token': 'payload.sig' });
    expect(store.mapHeaders(OTHER_ID)).toEqual({ Authorization: 'Bearer the-admin-secret-123' });
    expect(store.adminHeaders()).toEqual({ Authorization: 'Bearer the-admin-secret-123' });
    expect(store.syncParams(MAP_ID)).toEqual({ token: 'payload.sig' });
    expect(store.syncParams(OTHER_ID)).toEqual({});
  });

  it('sends nothing without credentials, and forgets a token and the secret', () => {
    const tab = memoryStorage();
    const store = createCredentialStore(tab);
    store.setToken(MAP_ID, 'payload.sig');
    store.setAdminSecret('the-admin-secret-123');
    store.forgetToken(MAP_ID);
    store.setAdminSecret(null);
    expect(store.mapHeaders(MAP_ID)).toEqual({});
    expect(store.adminHeaders()).toEqual({});
    expect(createCredentialStore(tab).tokenOf(MAP_ID)).toBeNull();
    expect(tab.length).toBe(0);
  });

  it('ignores a remembered role it does not know', () => {
    const tab = memoryStorage();
    tab.setItem(`cjm-studio.role.${MAP_ID}`, 'owner');
    expect(createCredentialStore(tab).roleOf(MAP_ID)).toBeNull();
  });

  it('works without storage (the values last as long as the page)', () => {
    const store = createCredentialStore(null);
    store.setToken(MAP_ID, 'payload.sig');
    expect(store.syncParams(MAP_ID)).toEqual({ token: 'payload.sig' });
  });

  it('tells subscribers when a token changes, not when the same one is set again', () => {
    const store = createCredentialStore(memoryStorage());
    let changes = 0;
    store.state.subscribe(() => changes++);
    store.setToken(MAP_ID, 'payload.sig');
    store.setToken(MAP_ID, 'payload.sig');
    store.setToken(MAP_ID, 'fresh.sig');
    expect(changes).toBe(2);
  });
});
