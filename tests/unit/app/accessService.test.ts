// Deciding whether a map opens, and with which link, from what the server answers (faked here;
// tests/server/access-client.test.ts runs the same service against the real server).
import { describe, expect, it } from 'vitest';
import { createAccessService } from '../../../src/app/access/accessService';
import type { AccessClient, LinksAnswer, MapCheck } from '../../../src/sync/accessClient';
import { createCredentialStore } from '../../../src/sync/credentials';
import type { MapDirectory } from '../../../src/sync/mapDirectory';
import { ApiError } from '../../../src/sync/serverDirectory';
import type { MapSummary } from '../../../src/domain/types';

const MAP_ID = 'Ab3_-xYz0123456789abcd';

const token = (role: 'edit' | 'view', generation = 0) =>
  `${Buffer.from(JSON.stringify({ m: MAP_ID, r: role, e: 2_000_000_000, k: generation })).toString('base64url')}.sig${generation}`;
const linkTo = (t: string) => `http://cjm.example/#/map/${MAP_ID}?token=${t}`;
const links = (generation: number): LinksAnswer => ({
  kind: 'links',
  links: { edit: linkTo(token('edit', generation)), view: linkTo(token('view', generation)), expiresAt: '2033-05-18T03:33:20.000Z' },
});
const summary = (id: string): MapSummary => ({ id, title: 'Home loan', updatedAt: '2026-01-01T00:00:00.000Z', touchpointCount: 0 });

interface Setup {
  check?: MapCheck;
  /** Answers of `links` when asked as administrator / with the map's link. */
  adminLinks?: LinksAnswer;
  rotate?: LinksAnswer;
  /** What the map list answers: maps, or an HTTP status it is refused with. */
  list?: MapSummary[] | number;
}

function setup(options: Setup = {}) {
  const credentials = createCredentialStore(null);
  const asked: string[] = [];
  const client: AccessClient = {
    mode: async () => 'links',
    checkMap: async (mapId) => {
      asked.push(`check ${credentials.mapHeaders(mapId)['X-CJM-Token'] ?? 'no token'}`);
      return options.check ?? { kind: 'ok', role: 'edit' };
    },
    links: async (_mapId, asAdmin) => {
      asked.push(asAdmin ? 'links as admin' : 'links');
      return options.adminLinks ?? links(0);
    },
    rotate: async () => {
      asked.push('rotate');
      return options.rotate ?? links(1);
    },
    checkAdminSecret: async () => 'ok',
  };
  const directory: MapDirectory = {
    list: async () => {
      asked.push('list');
      const list = options.list ?? [summary(MAP_ID)];
      if (typeof list === 'number') throw new ApiError(list, 'refused');
      return list;
    },
    create: async () => MAP_ID,
    rename: async () => undefined,
    duplicate: async () => MAP_ID,
    remove: async () => undefined,
  };
  return { service: createAccessService({ credentials, client, directory }), credentials, asked };
}

describe('opening a map through a link', () => {
  it('opens with the role the server grants, and remembers it', async () => {
    const { service, credentials, asked } = setup({ check: { kind: 'ok', role: 'view' } });
    service.acceptLink(MAP_ID, token('view'));
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'ok', role: 'view' });
    expect(credentials.roleOf(MAP_ID)).toBe('view');
    expect(asked).toEqual([`check ${token('view')}`]);
  });

  it('believes the server over what the link says about itself', async () => {
    const { service, credentials } = setup({ check: { kind: 'ok', role: 'view' } });
    service.acceptLink(MAP_ID, token('edit'));
    expect(credentials.roleOf(MAP_ID)).toBe('edit');
    await service.prepare(MAP_ID);
    expect(credentials.roleOf(MAP_ID)).toBe('view');
  });

  it('refuses a link the server refuses', async () => {
    const { service } = setup({ check: { kind: 'refused', status: 403, message: 'the access link was revoked' } });
    service.acceptLink(MAP_ID, token('edit'));
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'refused', reason: 'invalidLink' });
  });

  it('says "not found" for a map the server does not have', async () => {
    const { service } = setup({ check: { kind: 'missing' } });
    service.acceptLink(MAP_ID, token('edit'));
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'missing' });
  });

  it('opens the cached copy offline, view-only when the link is a view link', async () => {
    const { service } = setup({ check: { kind: 'offline' } });
    service.acceptLink(MAP_ID, token('view'));
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'ok', role: 'view' });
  });

  it('takes no token for a map id that cannot exist', async () => {
    const { service, credentials } = setup();
    service.acceptLink('not-a-map', token('edit'));
    expect(credentials.state.getState().tokens).toEqual({});
    expect(await service.prepare('not-a-map')).toEqual({ kind: 'missing' });
  });
});

describe('opening a map without a link', () => {
  it('opens it on a server without a secret, as before', async () => {
    const { service, asked } = setup();
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'ok', role: 'open' });
    expect(asked).toEqual(['list']);
  });

  it('asks for a link when the server keeps its list to the administrator', async () => {
    const { service } = setup({ list: 401 });
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'refused', reason: 'needsLink' });
  });

  it('gives the administrator an edit link for the sync connection', async () => {
    const { service, credentials, asked } = setup();
    credentials.setAdminSecret('the-admin-secret-123');
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'ok', role: 'admin' });
    expect(credentials.tokenOf(MAP_ID)).toBe(token('edit'));
    expect(asked).toEqual(['list', 'links as admin']);
  });

  it('forgets an administrator secret the server no longer takes', async () => {
    const { service, credentials } = setup({ adminLinks: { kind: 'refused', status: 401, message: 'wrong administrator secret' } });
    credentials.setAdminSecret('an-old-secret-12345');
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'refused', reason: 'needsLink' });
    expect(credentials.adminSecret()).toBeNull();
  });

  it('lets the administrator through with a fresh link when the old one was revoked', async () => {
    const { service, credentials } = setup({ check: { kind: 'refused', status: 403, message: 'revoked' }, adminLinks: links(4) });
    credentials.setAdminSecret('the-admin-secret-123');
    service.acceptLink(MAP_ID, token('edit', 3));
    expect(await service.prepare(MAP_ID)).toEqual({ kind: 'ok', role: 'admin' });
    expect(credentials.tokenOf(MAP_ID)).toBe(token('edit', 4));
  });
});

describe('revoking links', () => {
  it('moves this tab to the new edit link, and is "rotating" only meanwhile', async () => {
    const { service, credentials } = setup();
    service.acceptLink(MAP_ID, token('edit', 0));
    const seen: boolean[] = [];
    credentials.state.subscribe((s) => seen.push(s.rotating.has(MAP_ID)));
    const answer = await service.revoke(MAP_ID);
    expect(answer).toEqual(links(1));
    expect(credentials.tokenOf(MAP_ID)).toBe(token('edit', 1));
    expect(seen[0]).toBe(true);
    expect(credentials.state.getState().rotating.has(MAP_ID)).toBe(false);
  });

  it('keeps the old link when the server refuses', async () => {
    const { service, credentials } = setup({ rotate: { kind: 'refused', status: 403, message: 'read-only' } });
    service.acceptLink(MAP_ID, token('view', 0));
    expect((await service.revoke(MAP_ID)).kind).toBe('refused');
    expect(credentials.tokenOf(MAP_ID)).toBe(token('view', 0));
    expect(credentials.state.getState().rotating.size).toBe(0);
  });
});
