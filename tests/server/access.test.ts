// Access with AUTH_SECRET: edit and view links, refusals during the upgrade (before any map is
// loaded), read-only viewers enforced by the server, key rotation, the administrator, and the
// open mode's guards against foreign pages.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { readSnapshot } from '../../src/doc/read';
import { MAP_ID_PATTERN, newMapId } from '../../src/domain/ids';
import { createAccessControl, type LinkRole } from '../../server/access';
import type { RunningServer } from '../../server/server';
import {
  addCard,
  authedApi,
  cardTitles,
  closeCodeFor,
  httpRequest,
  openRawPeer,
  sendAndSettle,
  startTestServer,
  tokenOf,
  waitFor,
  waitSynced,
  wsUrlOf,
} from './helpers';
import { useSharedServer } from './sharedServer';

const SECRET = 'correct horse battery staple 42';
const ADMIN = { Authorization: `Bearer ${SECRET}` };
const HOUR_MS = 3600_000;

let clock = Date.parse('2026-03-01T09:00:00Z');
const shared = useSharedServer(() => ({ authSecret: SECRET, linkTtlMs: 24 * HOUR_MS, now: () => clock }));

const client = (mapId: string, token?: string) => shared.client(mapId, { params: token ? { token } : {} });

/** Signs tokens as a server with `secret` would, for links the real server never minted. */
const forger = (secret: string) =>
  createAccessControl({ secret, linkTtlMs: HOUR_MS, now: () => clock, findMap: async () => undefined });
const token = (secret: string, m: string, r: LinkRole, expiresAtMs: number, k = 0) =>
  forger(secret).sign({ m, r, e: Math.floor(expiresAtMs / 1000), k });

async function adminCreatesMap(title = 'Onboarding'): Promise<string> {
  const res = await authedApi(shared.url, 'POST', '/api/maps', ADMIN, { title });
  expect(res.status).toBe(201);
  return (res.body as { id: string }).id;
}

async function linksOf(mapId: string, headers: Record<string, string> = ADMIN) {
  const res = await authedApi(shared.url, 'GET', `/api/maps/${mapId}/links`, headers);
  expect(res.status).toBe(200);
  return res.body as { edit: string; view: string; expiresAt: string };
}

const syncUrl = (mapId: string, t?: string) => `${wsUrlOf(shared.url)}/${mapId}${t ? `?token=${t}` : ''}`;

/** An update that adds a card, made against the map's current state. */
function updateAddingCard(base: Y.Doc, title: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  addCard(doc, title);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

const syncFrame = (step: number, payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};

const storedUpdateCount = (mapId: string) => {
  const db = new Database(path.join(shared.dataDir, 'cjm.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM updates WHERE map_id = ?').get(mapId) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('access links', () => {
  it('refuses a secret too short to be safe', async () => {
    await expect(startTestServer({ authSecret: 'short' })).rejects.toThrow(/at least 16 characters/);
  });

  it('lets edit-link holders sync and edit together', async () => {
    const mapId = await adminCreatesMap();
    const links = await linksOf(mapId);
    expect(links.edit).toMatch(new RegExp(`^${shared.url}/#/map/${mapId}\\?token=[\\w-]+\\.[\\w-]+$`));
    expect(links.view).toMatch(new RegExp(`^${shared.url}/#/map/${mapId}\\?token=`));
    expect(links.edit).not.toBe(links.view);
    expect(Date.parse(links.expiresAt)).toBe(Math.floor((clock + 24 * HOUR_MS) / 1000) * 1000);

    const ann = client(mapId, tokenOf(links.edit));
    const bob = client(mapId, tokenOf(links.edit));
    await Promise.all([waitSynced(ann), waitSynced(bob)]);
    addCard(ann.doc, 'Landing page');
    addCard(bob.doc, 'Call centre');
    await waitFor(() => cardTitles(ann.doc).length === 2 && cardTitles(bob.doc).length === 2, 'both cards everywhere');
    expect(cardTitles(bob.doc)).toEqual(['Call centre', 'Landing page']);
  });

  it('gives view-link holders the map and their presence, but never stores or relays their edits', async () => {
    const mapId = await adminCreatesMap();
    const links = await linksOf(mapId);
    const editor = client(mapId, tokenOf(links.edit));
    await waitSynced(editor);
    addCard(editor.doc, 'Existing card');

    const viewer = client(mapId, tokenOf(links.view));
    await waitSynced(viewer);
    await waitFor(() => cardTitles(viewer.doc).includes('Existing card'), 'the map at the viewer');
    viewer.provider.awareness.setLocalStateField('user', { name: 'Vera' });
    await waitFor(
      () => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.user?.name === 'Vera',
      "the viewer's presence at the editor",
    );

    // A hand-crafted update over a raw view connection, and an edit through the stock client.
    const stored = storedUpdateCount(mapId);
    const raw = await openRawPeer(syncUrl(mapId, tokenOf(links.view)));
    await sendAndSettle(raw, syncFrame(2, updateAddingCard(editor.doc, 'Forged by a viewer')));
    await sendAndSettle(raw, syncFrame(1, updateAddingCard(editor.doc, 'Forged step 2')));
    addCard(viewer.doc, 'Typed by a viewer');
    await sendAndSettle(raw, new Uint8Array([3])); // a round trip after the viewer's edit went out

    // Still open: a viewer is not punished, just ignored.
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    expect(storedUpdateCount(mapId)).toBe(stored);
    const late = client(mapId, tokenOf(links.edit));
    await waitSynced(late);
    addCard(editor.doc, 'After the forgeries');
    await waitFor(() => cardTitles(late.doc).includes('After the forgeries'), 'a later edit at a new editor');
    expect(cardTitles(late.doc)).toEqual(['After the forgeries', 'Existing card']);
    expect(cardTitles(editor.doc)).toEqual(['After the forgeries', 'Existing card']);
    raw.ws.close();
  });

  it('refuses missing, garbled, forged, expired, foreign and revoked links during the upgrade, before loading the map', async () => {
    const mapId = await adminCreatesMap();
    const other = await adminCreatesMap('Another map');
    const valid = tokenOf((await linksOf(mapId)).edit);
    const [payload, mac] = valid.split('.') as [string, string];
    const asView = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), r: 'view' }),
    ).toString('base64url');
    const cases: [string, string | undefined, number, Record<string, string>?][] = [
      ['no token', undefined, 4401],
      ['garbage', 'not-a-token', 4401],
      ['empty signature', `${payload}.`, 4401],
      ['payload changed under the same signature', `${asView}.${mac}`, 4401],
      ['signed with another secret', token('another secret, also long', mapId, 'edit', clock + HOUR_MS), 4401],
      ['expired', token(SECRET, mapId, 'edit', clock - 1000), 4403],
      ['for another map', token(SECRET, other, 'edit', clock + HOUR_MS), 4403],
      ['from a future key generation', token(SECRET, mapId, 'edit', clock + HOUR_MS, 7), 4403],
      ['wrong administrator secret', undefined, 4401, { Authorization: 'Bearer guess-guess-guess-guess' }],
      ['wrong scheme', valid, 4401, { Authorization: `Basic ${SECRET}` }],
    ];
    for (const [what, t, code, headers] of cases) {
      expect(await closeCodeFor(syncUrl(mapId, t), undefined, headers), what).toBe(code);
    }
    expect(shared.server.loadedMapIds()).not.toContain(mapId);

    // A valid link for a map that does not exist (or no longer does) is told so.
    const gone = newMapId();
    expect(await closeCodeFor(syncUrl(gone, token(SECRET, gone, 'edit', clock + HOUR_MS)))).toBe(4404);

    // The stock client stops reconnecting after a refusal.
    const stale = client(mapId, token(SECRET, mapId, 'edit', clock - 1000));
    const closed = await new Promise<{ code: number }>((resolve) => stale.provider.once('closed', resolve));
    expect(closed.code).toBe(4403);
    expect(stale.provider.shouldConnect).toBe(false);
    expect(shared.server.loadedMapIds()).not.toContain(mapId);

    // The administrator may connect without a link; a good link loads the room.
    expect(await closeCodeFor(syncUrl(other), (ws) => ws.close(1000), ADMIN)).toBe(1000);
    const good = client(mapId, valid);
    await waitSynced(good);
    expect(shared.server.loadedMapIds()).toContain(mapId);
  });

  it('expires links by their date', async () => {
    const mapId = await adminCreatesMap();
    const { view } = await linksOf(mapId);
    const viewer = client(mapId, tokenOf(view));
    await waitSynced(viewer);
    viewer.destroy();
    const saved = clock;
    clock += 24 * HOUR_MS + 1000;
    try {
      expect(await closeCodeFor(syncUrl(mapId, tokenOf(view)))).toBe(4403);
      const res = await authedApi(shared.url, 'GET', `/api/maps/${mapId}`, { 'X-CJM-Token': tokenOf(view) });
      expect(res).toMatchObject({ status: 403, body: { error: 'the access link has expired' } });
    } finally {
      clock = saved;
    }
  });

  it('revokes every old link when the key is rotated, and disconnects their holders', async () => {
    const mapId = await adminCreatesMap();
    const old = await linksOf(mapId);
    const holder = client(mapId, tokenOf(old.view));
    const editor = client(mapId, tokenOf(old.edit));
    await Promise.all([waitSynced(holder), waitSynced(editor)]);
    const holderClosed = new Promise<{ code: number }>((resolve) => holder.provider.once('closed', resolve));

    // An edit-link holder may rotate; the answer is the new pair of links.
    const rotated = await authedApi(shared.url, 'POST', `/api/maps/${mapId}/links/rotate`, {
      'X-CJM-Token': tokenOf(old.edit),
    });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body as { edit: string; view: string };
    expect(fresh.edit).not.toBe(old.edit);
    expect((await holderClosed).code).toBe(4403);

    for (const link of [old.edit, old.view]) {
      expect(await closeCodeFor(syncUrl(mapId, tokenOf(link)))).toBe(4403);
      const res = await authedApi(shared.url, 'GET', `/api/maps/${mapId}`, { 'X-CJM-Token': tokenOf(link) });
      expect(res).toMatchObject({ status: 403, body: { error: 'the access link was revoked' } });
    }
    const renewed = client(mapId, tokenOf(fresh.view));
    await waitSynced(renewed);
    expect((await authedApi(shared.url, 'GET', `/api/maps/${mapId}/links`, ADMIN)).status).toBe(200);
  });
});

describe('HTTP API with a secret', () => {
  it('lets only the administrator list, create, duplicate, delete and restore maps', async () => {
    const mapId = await adminCreatesMap('Admin map');
    const edit = { 'X-CJM-Token': tokenOf((await linksOf(mapId)).edit) };
    const nobody = {};
    const wrong = { Authorization: 'Bearer not-the-secret-at-all' };
    const requests: [string, string, unknown?][] = [
      ['GET', '/api/maps'],
      ['POST', '/api/maps', { title: 'Sneaky' }],
      ['POST', `/api/maps/${mapId}/duplicate`, { title: 'Copy' }],
      ['DELETE', `/api/maps/${mapId}`],
      ['POST', `/api/maps/${mapId}/restore`],
    ];
    for (const [method, url, body] of requests) {
      expect((await authedApi(shared.url, method, url, nobody, body)).status, `${method} ${url}`).toBe(401);
      expect((await authedApi(shared.url, method, url, wrong, body)).status, `${method} ${url}`).toBe(401);
      expect((await authedApi(shared.url, method, url, edit, body)).status, `${method} ${url}`).toBe(403);
    }
    const list = await authedApi(shared.url, 'GET', '/api/maps', ADMIN);
    expect(list.status).toBe(200);
    expect((list.body as { id: string }[]).map((m) => m.id)).toContain(mapId);
    const copy = await authedApi(shared.url, 'POST', `/api/maps/${mapId}/duplicate`, ADMIN, { title: 'Copy' });
    expect(copy.status).toBe(201);
    expect((copy.body as { id: string }).id).toMatch(MAP_ID_PATTERN);
    expect((await authedApi(shared.url, 'DELETE', `/api/maps/${mapId}`, ADMIN)).status).toBe(200);
    expect((await authedApi(shared.url, 'POST', `/api/maps/${mapId}/restore`, ADMIN)).status).toBe(200);
  });

  it('lets link holders read their own map; only edit links rename it or see its links', async () => {
    const mapId = await adminCreatesMap('Shared map');
    const otherId = await adminCreatesMap('Not yours');
    const links = await linksOf(mapId);
    const view = { 'X-CJM-Token': tokenOf(links.view) };
    const edit = { 'X-CJM-Token': tokenOf(links.edit) };

    const read = await authedApi(shared.url, 'GET', `/api/maps/${mapId}`, view);
    expect(read).toMatchObject({ status: 200, body: { id: mapId, title: 'Shared map', access: 'view' } });
    // The query parameter works too, as in the sync URL.
    const byQuery = await authedApi(shared.url, 'GET', `/api/maps/${mapId}?token=${tokenOf(links.edit)}`, {});
    expect(byQuery).toMatchObject({ status: 200, body: { access: 'edit' } });
    expect((await authedApi(shared.url, 'GET', `/api/maps/${mapId}`, ADMIN)).body).toMatchObject({ access: 'admin' });

    expect(await authedApi(shared.url, 'GET', `/api/maps/${otherId}`, edit)).toMatchObject({
      status: 403,
      body: { error: 'the access link is for another map' },
    });
    expect((await authedApi(shared.url, 'GET', `/api/maps/${mapId}`, {})).status).toBe(401);
    expect((await authedApi(shared.url, 'GET', `/api/maps/${mapId}/links`, view)).status).toBe(403);
    expect((await authedApi(shared.url, 'POST', `/api/maps/${mapId}/links/rotate`, view)).status).toBe(403);
    expect((await authedApi(shared.url, 'PATCH', `/api/maps/${mapId}`, view, { title: 'Mine' })).status).toBe(403);

    const renamed = await authedApi(shared.url, 'PATCH', `/api/maps/${mapId}`, edit, { title: 'Renamed' });
    expect(renamed).toMatchObject({ status: 200, body: { title: 'Renamed' } });
    const minted = await linksOf(mapId, edit);
    expect(tokenOf(minted.view).length).toBeLessThan(200);
    const viaMinted = client(mapId, tokenOf(minted.view));
    await waitSynced(viaMinted);
    expect(readSnapshot(viaMinted.doc).meta.title).toBe('Renamed');
  });

  it('checks the map id before anything else, and refuses unknown maps only to those allowed to ask', async () => {
    expect(await authedApi(shared.url, 'GET', '/api/maps/not-an-id', {})).toMatchObject({ status: 400 });
    const unknown = newMapId();
    expect((await authedApi(shared.url, 'GET', `/api/maps/${unknown}`, {})).status).toBe(401);
    expect((await authedApi(shared.url, 'GET', `/api/maps/${unknown}`, ADMIN)).status).toBe(404);
    expect((await authedApi(shared.url, 'GET', `/api/maps/${unknown}/links`, ADMIN)).status).toBe(404);
  });

  it('answers every refusal in JSON without stack traces', async () => {
    const mapId = await adminCreatesMap();
    const responses = await Promise.all([
      authedApi(shared.url, 'GET', '/api/maps', {}),
      authedApi(shared.url, 'GET', '/api/maps', { Authorization: 'Bearer x' }),
      authedApi(shared.url, 'GET', `/api/maps/${mapId}`, { 'X-CJM-Token': 'a.b' }),
      authedApi(shared.url, 'GET', `/api/maps/${mapId}`, { 'X-CJM-Token': 'x'.repeat(5000) }),
      authedApi(shared.url, 'POST', '/api/maps', ADMIN, { title: 42 }),
    ]);
    for (const res of responses) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(Object.keys(res.body as object)).toEqual(['error']);
      expect(res.text).not.toMatch(/\bat \S+ \(|\.ts:\d+|node:internal|Error:/);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
    expect(responses[0]!.status).toBe(401);
    expect(responses[2]!.body).toEqual({ error: 'the access link is not valid' });
  });

  it('puts PUBLIC_URL into minted links when it is set', async () => {
    const behindProxy = await startTestServer({ authSecret: SECRET, publicUrl: 'https://cjm.example.com' });
    try {
      const res = await authedApi(behindProxy.url, 'POST', '/api/maps', ADMIN, { title: 'Proxied' });
      const id = (res.body as { id: string }).id;
      const links = (await authedApi(behindProxy.url, 'GET', `/api/maps/${id}/links`, ADMIN)).body as { edit: string };
      expect(links.edit.startsWith(`https://cjm.example.com/#/map/${id}?token=`)).toBe(true);
      expect((await authedApi(behindProxy.url, 'GET', '/healthz', {})).body).toEqual({ ok: true, access: 'links', storage: { kind: 'sqlite', reachable: true }, relay: { kind: 'none' } });
    } finally {
      await behindProxy.close();
    }
  });
});

describe('open mode (no secret)', () => {
  let open: RunningServer;
  beforeAll(async () => {
    open = await startTestServer();
  });
  afterAll(() => open.close());

  it('refuses WebSockets opened by pages of other sites, and Host names that are not loopback', async () => {
    const created = await authedApi(open.url, 'POST', '/api/maps', {}, { title: 'Local' });
    const id = (created.body as { id: string }).id;
    const url = `${wsUrlOf(open.url)}/${id}`;
    const { host } = new URL(open.url);
    expect(await closeCodeFor(url, undefined, { Origin: 'https://evil.example' })).toBe(4403);
    expect(await closeCodeFor(url, undefined, { Origin: 'null' })).toBe(4403);
    expect(await closeCodeFor(url, (ws) => ws.close(1000), { Origin: `http://${host}` })).toBe(1000);
    expect(await closeCodeFor(url, (ws) => ws.close(1000))).toBe(1000);

    // DNS rebinding: a foreign name resolving to 127.0.0.1 is same-origin for the browser.
    const rebound = await httpRequest(open.url, 'GET', '/api/maps', { Host: `evil.example:${new URL(open.url).port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toEqual({ error: expect.stringContaining('does not answer to the name evil.example') });
    expect(await closeCodeFor(url, undefined, { Host: 'evil.example', Origin: 'http://evil.example' })).toBe(4403);
    const local = await httpRequest(open.url, 'GET', '/api/maps', { Host: `localhost:${new URL(open.url).port}` });
    expect(local.status).toBe(200);
    // No links without a secret: the map address is the link.
    expect((await authedApi(open.url, 'GET', `/api/maps/${id}/links`, {})).status).toBe(404);
  });
});
