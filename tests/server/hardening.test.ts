// Issue 12, what a security review broke: a view link must not be able to fill a map or speak
// for other people's presence, and an edit link must not write a field past its limit through
// the sync path (the file path already refuses it).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { readSnapshot } from '../../src/doc/read';
import { metaOf, touchpointsOf } from '../../src/doc/layout';
import { CLOSE_FIELD_TOO_LONG, CLOSE_TOO_MANY_CONNECTIONS } from '../../src/domain/closeCodes';
import { TEXT_MAX, TITLE_MAX } from '../../src/domain/limits';
import { DEFAULTS } from '../../server/config';
import type { Logger } from '../../server/log';
import type { RunningServer, StartOptions } from '../../server/server';
import {
  addCard,
  authedApi,
  cardTitles,
  ClientPool,
  closeCodeFor,
  openRawPeer,
  removeTempDirs,
  startTestServer,
  tokenOf,
  waitFor,
  waitSynced,
  wsUrlOf,
  type RawPeer,
  type TestClient,
} from './helpers';

const SECRET = 'correct horse battery staple 42';
const ADMIN = { Authorization: `Bearer ${SECRET}` };

const clients = new ClientPool();
const peers: RawPeer[] = [];
const servers: RunningServer[] = [];

afterEach(async () => {
  clients.destroyAll();
  for (const p of peers.splice(0)) p.ws.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => removeTempDirs());

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

async function serverWith(options: Partial<StartOptions>) {
  const log = recordingLogger();
  const server = await startTestServer({ log, authSecret: SECRET, ...options });
  servers.push(server);
  return { server, log };
}

async function mapWithLinks(server: RunningServer) {
  const created = await authedApi(server.url, 'POST', '/api/maps', ADMIN, { title: 'Onboarding' });
  const mapId = (created.body as { id: string }).id;
  const links = await authedApi(server.url, 'GET', `/api/maps/${mapId}/links`, ADMIN);
  const { edit, view } = links.body as { edit: string; view: string };
  return { mapId, edit: tokenOf(edit), view: tokenOf(view) };
}

const syncUrl = (server: RunningServer, mapId: string, token: string) => `${wsUrlOf(server.url)}/${mapId}?token=${token}`;

async function rawPeer(url: string, localAddress?: string) {
  const peer = await openRawPeer(url, {}, localAddress ? { localAddress } : {});
  peers.push(peer);
  return peer;
}

/** Connects and says how the server took it: null once it greets us (admitted), else the close code. */
async function admission(url: string, localAddress?: string): Promise<number | null> {
  const peer = await rawPeer(url, localAddress);
  const greeted = waitFor(() => peer.received.length > 0, 'the greeting').then(() => null);
  return Promise.race([greeted, peer.closed]);
}

const frame = (type: number, write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};

/** An awareness frame speaking for `entries` (state null: the client left). */
const presenceFrame = (entries: { id: number; clock: number; state: unknown }[]) =>
  frame(1, (e) => {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const { id, clock, state } of entries) {
      encoding.writeVarUint(inner, id);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify(state));
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });

const updateFrame = (update: Uint8Array) =>
  frame(0, (e) => {
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });

const editClient = (server: RunningServer, mapId: string, token: string) =>
  clients.connect(server.url, mapId, { params: { token } });

describe('V4: connections per address and per map', () => {
  it('keeps one address from filling a map with the default limits', async () => {
    const { server, log } = await serverWith({});
    const { mapId, edit, view } = await mapWithLinks(server);
    const url = syncUrl(server, mapId, view);
    let accepted = 0;
    for (; accepted < DEFAULTS.maxConnectionsPerMap; accepted++) {
      const code = await admission(url);
      if (code !== null) {
        expect(code).toBe(CLOSE_TOO_MANY_CONNECTIONS);
        break;
      }
    }
    expect(accepted).toBe(DEFAULTS.maxConnectionsPerIp);
    expect(accepted).toBeLessThan(DEFAULTS.maxConnectionsPerMap);
    expect(log.lines.some((l) => l.includes('too many connections from this address (4408)'))).toBe(true);
    // A colleague from another address still gets in and edits.
    expect(await admission(syncUrl(server, mapId, edit), '127.0.0.2')).toBeNull();
  });

  it('keeps room for editors on a map full of viewers', async () => {
    const { server, log } = await serverWith({ maxConnectionsPerMap: 8, maxConnectionsPerIp: 2, reservedForEditors: 3 });
    const { mapId, edit, view } = await mapWithLinks(server);
    // Viewers from many addresses, two each, until the map refuses them.
    let viewers = 0;
    let refusedWith: number | null = null;
    for (let host = 2; host < 20 && refusedWith === null; host++) {
      for (let i = 0; i < 2 && refusedWith === null; i++) {
        const code = await admission(syncUrl(server, mapId, view), `127.0.0.${host}`);
        if (code === null) viewers++;
        else refusedWith = code;
      }
    }
    expect(refusedWith).toBe(CLOSE_TOO_MANY_CONNECTIONS);
    expect(viewers).toBe(8 - 3);
    expect(log.lines.some((l) => l.includes('too many viewers on this map (4408)'))).toBe(true);
    // Editors take the reserved places…
    for (let host = 30; host < 33; host++) {
      expect(await admission(syncUrl(server, mapId, edit), `127.0.0.${host}`)).toBeNull();
    }
    // …and then the map is full for everyone.
    expect(await closeCodeFor(syncUrl(server, mapId, edit))).toBe(CLOSE_TOO_MANY_CONNECTIONS);
  });
});

describe('V5: presence for other people', () => {
  it('drops presence a view connection sends for client ids it did not introduce', async () => {
    const { server, log } = await serverWith({});
    const { mapId, edit, view } = await mapWithLinks(server);
    const alice = editClient(server, mapId, edit);
    const bob = editClient(server, mapId, edit);
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#6366f1' });
    const aliceId = alice.doc.clientID;
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob', color: '#0ea5e9' });
    await waitFor(() => bob.provider.awareness.getStates().get(aliceId)?.user?.name === 'Alice', 'Alice at Bob');
    await waitFor(() => alice.provider.awareness.getStates().get(bob.doc.clientID)?.user?.name === 'Bob', 'Bob at Alice');

    const mallory = await rawPeer(syncUrl(server, mapId, view));
    const aliceClock = bob.provider.awareness.meta.get(aliceId)!.clock;
    const fake = { user: { name: 'Alice: paste your edit link here', color: '#6366f1' } };
    mallory.ws.send(presenceFrame([{ id: aliceId, clock: aliceClock + 5, state: fake }]));
    mallory.ws.send(presenceFrame([{ id: bob.doc.clientID, clock: 1000, state: null }]));
    // Mallory's own presence is still relayed: once Bob sees it, the frames before it were handled.
    mallory.ws.send(presenceFrame([{ id: 424242, clock: 1, state: { user: { name: 'Mallory' } } }]));
    await waitFor(() => bob.provider.awareness.getStates().has(424242), "Mallory's own presence at Bob");

    expect(bob.provider.awareness.getStates().get(aliceId)?.user?.name).toBe('Alice');
    expect(alice.provider.awareness.getStates().get(bob.doc.clientID)?.user?.name).toBe('Bob');
    expect(log.lines.filter((l) => l.includes('presence for client ids it did not introduce')).length).toBe(1);
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN);

    // Its own presence it may end.
    mallory.ws.send(presenceFrame([{ id: 424242, clock: 2, state: null }]));
    await waitFor(() => !bob.provider.awareness.getStates().has(424242), "Mallory's presence to end at Bob");
    expect(bob.provider.awareness.getStates().get(aliceId)?.user?.name).toBe('Alice');
  });
});

describe('field limits on the sync path', () => {
  /** A doc holding what `base` holds, to write into without the app's checks. */
  function forgerOf(base: Y.Doc) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    const before = Y.encodeStateVector(doc);
    return { doc, diff: () => Y.encodeStateAsUpdate(doc, before) };
  }

  async function setup() {
    const { server, log } = await serverWith({});
    const { mapId, edit } = await mapWithLinks(server);
    const ann = editClient(server, mapId, edit);
    const bob = editClient(server, mapId, edit);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);
    const cardId = addCard(ann.doc, 'Landing page');
    await waitFor(() => cardTitles(bob.doc).includes('Landing page'), 'the card at Bob');
    return { server, log, mapId, edit, ann, bob, cardId };
  }

  async function refused(server: RunningServer, mapId: string, edit: string, update: Uint8Array) {
    const peer = await rawPeer(syncUrl(server, mapId, edit));
    peer.ws.send(updateFrame(update));
    return peer.closed;
  }

  async function stillSyncing(ann: TestClient, bob: TestClient, title: string) {
    addCard(ann.doc, title);
    await waitFor(() => cardTitles(bob.doc).includes(title), `"${title}" at Bob`);
  }

  it('refuses an overlong map title, card title or new card text, and stores none of it', async () => {
    const { server, log, mapId, edit, ann, bob, cardId } = await setup();

    const huge = forgerOf(ann.doc);
    metaOf(huge.doc).set('title', 'x'.repeat(1_000_000));
    expect(await refused(server, mapId, edit, huge.diff())).toBe(CLOSE_FIELD_TOO_LONG);
    expect(log.lines.some((l) => /meta\.title is 1000000 characters, over 200/.test(l))).toBe(true);

    // Past the field's own limit, though shorter than the longest text any field allows.
    const title = forgerOf(ann.doc);
    (touchpointsOf(title.doc).get(cardId) as Y.Map<unknown>).set('title', 'y'.repeat(TITLE_MAX + 1));
    expect(await refused(server, mapId, edit, title.diff())).toBe(CLOSE_FIELD_TOO_LONG);

    const card = forgerOf(ann.doc);
    const fresh = new Y.Map<unknown>();
    touchpointsOf(card.doc).set('tp-new', fresh);
    fresh.set('id', 'tp-new');
    fresh.set('description', 'z'.repeat(TEXT_MAX + 1));
    expect(await refused(server, mapId, edit, card.diff())).toBe(CLOSE_FIELD_TOO_LONG);

    // Two overwrites in one go: the second's neighbour is still queued, not in the map yet.
    const twice = forgerOf(ann.doc);
    const between = () => Y.encodeStateVector(twice.doc);
    metaOf(twice.doc).set('scenario', 'A new scenario');
    const first = twice.diff();
    const afterFirst = between();
    metaOf(twice.doc).set('scenario', 's'.repeat(TEXT_MAX + 1));
    const peer = await rawPeer(syncUrl(server, mapId, edit));
    peer.ws.send(updateFrame(first));
    peer.ws.send(updateFrame(Y.encodeStateAsUpdate(twice.doc, afterFirst)));
    expect(await peer.closed).toBe(CLOSE_FIELD_TOO_LONG);
    expect(log.lines.some((l) => /meta\.scenario is 5001 characters, over 5000/.test(l))).toBe(true);
    await waitFor(() => readSnapshot(bob.doc).meta.scenario === 'A new scenario', 'the first overwrite at Bob');

    await stillSyncing(ann, bob, 'After the refusals');
    const late = editClient(server, mapId, edit);
    await waitSynced(late);
    const snap = readSnapshot(late.doc);
    expect(snap.meta.title).toBe('Onboarding');
    expect(snap.touchpoints.find((t) => t.id === cardId)?.title).toBe('Landing page');
    expect(touchpointsOf(late.doc).has('tp-new')).toBe(false);
    const list = await authedApi(server.url, 'GET', '/api/maps', ADMIN);
    expect(list.text.length).toBeLessThan(10_000);
  });

  it('accepts fields at their limits', async () => {
    const { server, mapId, edit, ann, bob, cardId } = await setup();
    const peer = await rawPeer(syncUrl(server, mapId, edit));
    const full = forgerOf(ann.doc);
    (touchpointsOf(full.doc).get(cardId) as Y.Map<unknown>).set('title', 't'.repeat(TITLE_MAX));
    (touchpointsOf(full.doc).get(cardId) as Y.Map<unknown>).set('description', 'd'.repeat(TEXT_MAX));
    peer.ws.send(updateFrame(full.diff()));
    const atBob = () => readSnapshot(bob.doc).touchpoints.find((t) => t.id === cardId);
    await waitFor(() => atBob()?.title.length === TITLE_MAX, 'the long title at Bob');
    expect(atBob()?.description.length).toBe(TEXT_MAX);
    await stillSyncing(ann, bob, 'Still fine');
    expect(peer.ws.readyState).toBe(peer.ws.OPEN);
  });
});
