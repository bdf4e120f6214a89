// The browser's side of access links against the real server with AUTH_SECRET: the access client
// and service (checks, links, revoking), a map session opened with a view link (it follows
// edits, refuses its own), and a session that carries on after its own tab revoked the links.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccessService, type AccessService } from '../../src/app/access/accessService';
import { setMapTitle } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { CLOSE_FORBIDDEN } from '../../src/domain/closeCodes';
import { accessClient } from '../../src/sync/accessClient';
import { createCredentialStore, type CredentialStore } from '../../src/sync/credentials';
import { CjmCacheDb } from '../../src/sync/localCache';
import { ReadOnlyMapError } from '../../src/store/readOnly';
import { serverMapDirectory } from '../../src/sync/serverDirectory';
import { openMapSession, type MapSession } from '../../src/sync/session';
import type { RunningServer } from '../../server/server';
import { authedApi, connectClient, removeTempDirs, startTestServer, tokenOf, waitFor, waitSynced, wsUrlOf, WS_POLYFILL } from './helpers';

const SECRET = 'client-side-secret-0123456789';
const ADMIN = { Authorization: `Bearer ${SECRET}` };
const identity = { id: 'vera-device', name: 'Vera', color: '#2563eb' };

let server: RunningServer;
let openServer: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];
let dbCount = 0;

beforeAll(async () => {
  [server, openServer] = await Promise.all([startTestServer({ authSecret: SECRET }), startTestServer()]);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await Promise.all([server.close(), openServer.close()]);
  removeTempDirs();
});

async function newMap(title = 'Home loan'): Promise<{ id: string; edit: string; view: string }> {
  const created = await authedApi(server.url, 'POST', '/api/maps', ADMIN, { title });
  const id = (created.body as { id: string }).id;
  const links = await authedApi(server.url, 'GET', `/api/maps/${id}/links`, ADMIN);
  const { edit, view } = links.body as { edit: string; view: string };
  return { id, edit: tokenOf(edit), view: tokenOf(view) };
}

/** One browser tab: its own cache, credentials and access service. */
function tab(url = server.url): { credentials: CredentialStore; access: AccessService; db: CjmCacheDb } {
  const db = new CjmCacheDb(`access-client-${process.pid}-${++dbCount}`);
  cleanups.push(() => db.delete());
  const credentials = createCredentialStore(null);
  const directory = serverMapDirectory({ db, baseUrl: url, headers: credentials.adminHeaders });
  const access = createAccessService({ credentials, client: accessClient({ baseUrl: url, credentials }), directory });
  return { credentials, access, db };
}

/** Opens the map the way main.tsx does: the tab's token, its role, fresh params on change. */
function openAs(t: ReturnType<typeof tab>, mapId: string): MapSession {
  const { credentials, db } = t;
  const session = openMapSession({
    db,
    mapId,
    identity,
    serverUrl: wsUrlOf(server.url),
    WebSocketPolyfill: WS_POLYFILL,
    paramsSource: { current: () => credentials.syncParams(mapId), subscribe: (fn) => credentials.state.subscribe(fn) },
    readOnly: credentials.roleOf(mapId) === 'view',
  });
  cleanups.push(() => session.dispose());
  return session;
}

const status = (session: MapSession) => session.connection.getState();

describe('access client and service', () => {
  it('tells an open server from one with links', async () => {
    expect(await tab().access.client.mode()).toBe('links');
    const open = tab(openServer.url);
    expect(await open.access.client.mode()).toBe('open');
    const created = await authedApi(openServer.url, 'POST', '/api/maps', {}, { title: 'Open' });
    expect(await open.access.links((created.body as { id: string }).id)).toEqual({ kind: 'open' });
  });

  it('opens a view link as view, an edit link as edit, and refuses a garbled one', async () => {
    const map = await newMap();
    const viewer = tab();
    viewer.access.acceptLink(map.id, map.view);
    expect(await viewer.access.prepare(map.id)).toEqual({ kind: 'ok', role: 'view' });
    const editor = tab();
    editor.access.acceptLink(map.id, map.edit);
    expect(await editor.access.prepare(map.id)).toEqual({ kind: 'ok', role: 'edit' });
    const stranger = tab();
    stranger.access.acceptLink(map.id, `${map.edit.split('.')[0]}.forged`);
    expect(await stranger.access.prepare(map.id)).toEqual({ kind: 'refused', reason: 'invalidLink' });
  });

  it('gives the links to an edit link, not to a view link', async () => {
    const map = await newMap();
    const editor = tab();
    editor.access.acceptLink(map.id, map.edit);
    const answer = await editor.access.links(map.id);
    expect(answer.kind).toBe('links');
    const viewer = tab();
    viewer.access.acceptLink(map.id, map.view);
    expect(await viewer.access.links(map.id)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('without a link: refused; with the administrator secret: the list, and an edit link to sync with', async () => {
    const map = await newMap();
    const nobody = tab();
    expect(await nobody.access.prepare(map.id)).toEqual({ kind: 'refused', reason: 'needsLink' });

    const admin = tab();
    expect(await admin.access.client.checkAdminSecret('not-the-secret-at-all')).toBe('wrong');
    expect(await admin.access.client.checkAdminSecret(SECRET)).toBe('ok');
    admin.credentials.setAdminSecret(SECRET);
    expect(await admin.access.prepare(map.id)).toEqual({ kind: 'ok', role: 'admin' });
    const token = admin.credentials.tokenOf(map.id)!;
    const check = await authedApi(server.url, 'GET', `/api/maps/${map.id}`, { 'X-CJM-Token': token });
    expect(check.body).toMatchObject({ access: 'edit' });
  });

  it('revoking refuses the old links and hands this tab the new edit link', async () => {
    const map = await newMap();
    const editor = tab();
    editor.access.acceptLink(map.id, map.edit);
    const answer = await editor.access.revoke(map.id);
    expect(answer.kind).toBe('links');
    expect(editor.credentials.tokenOf(map.id)).not.toBe(map.edit);
    expect(await editor.access.prepare(map.id)).toEqual({ kind: 'ok', role: 'edit' });

    const late = tab();
    late.access.acceptLink(map.id, map.view);
    expect(await late.access.prepare(map.id)).toEqual({ kind: 'refused', reason: 'invalidLink' });
  });
});

describe('a map session opened with a link', () => {
  it('with a view link follows edits live and refuses its own', async () => {
    const map = await newMap();
    const viewer = tab();
    viewer.access.acceptLink(map.id, map.view);
    await viewer.access.prepare(map.id);
    const session = openAs(viewer, map.id);
    await session.ready;
    await waitFor(() => status(session).synced, 'the view session to sync');
    expect(session.readOnly).toBe(true);

    const { stages, channels } = session.store.getState();
    expect(() => session.commands.setMapTitle('Hijacked')).toThrow(ReadOnlyMapError);
    expect(() => session.commands.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'x' })).toThrow(
      ReadOnlyMapError,
    );
    // Queries still answer (the lane menu asks before deleting).
    expect(session.commands.touchpointsInLane('stage', stages[0]!.id)).toEqual([]);
    session.history.undo();

    const editor = connectClient(server.url, map.id, undefined, { params: { token: map.edit } });
    cleanups.push(() => editor.destroy());
    await waitSynced(editor);
    setMapTitle(editor.doc, 'Home loan, Q3');
    await waitFor(() => session.store.getState().meta.title === 'Home loan, Q3', 'the viewer to see the edit');
    expect(readSnapshot(editor.doc).meta.title).toBe('Home loan, Q3');
  });

  it('carries on after its own tab revoked the links, while a colleague on the old link is refused', async () => {
    const map = await newMap();
    const editor = tab();
    editor.access.acceptLink(map.id, map.edit);
    await editor.access.prepare(map.id);
    const session = openAs(editor, map.id);
    await session.ready;
    await waitFor(() => status(session).synced, 'the edit session to sync');

    const colleague = tab();
    colleague.access.acceptLink(map.id, map.edit);
    await colleague.access.prepare(map.id);
    const other = openAs(colleague, map.id);
    await other.ready;
    await waitFor(() => status(other).synced, "the colleague's session to sync");

    await editor.access.revoke(map.id);
    await waitFor(() => status(other).status === 'refused', 'the colleague to be refused');
    expect(status(other).refusal?.code).toBe(CLOSE_FORBIDDEN);
    await waitFor(() => status(session).status === 'connected' && status(session).synced, 'the editor to reconnect', 10_000);
    expect(status(session).refusal).toBeNull();

    // Still editing, over the new link.
    session.commands.setMapTitle('Home loan, after the revoke');
    const fresh = connectClient(server.url, map.id, undefined, { params: { token: editor.credentials.tokenOf(map.id)! } });
    cleanups.push(() => fresh.destroy());
    await waitSynced(fresh);
    await waitFor(() => readSnapshot(fresh.doc).meta.title === 'Home loan, after the revoke', 'the edit to reach the server');
  });
});
