// The map's state over HTTP (`GET /api/maps/:id/state`), which a first visit fetches while the
// app's code loads, and the session that starts from it: the same content and the same access
// rules as the sync endpoint, and a socket that then only exchanges what changed.
import 'fake-indexeddb/auto';
import http from 'node:http';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { newMapId } from '../../src/domain/ids';
import { CjmCacheDb } from '../../src/sync/localCache';
import { prefetchMapState, takePrefetchedState } from '../../src/sync/earlyState';
import { openMapSession, type MapSession } from '../../src/sync/session';
import { addCard, authedApi, canonicalSnapshot, createMap, tokenOf, waitFor, waitSynced, wsUrlOf } from './helpers';
import { useSharedServer } from './sharedServer';

const SECRET = 'a long enough secret for the state tests';
const ADMIN = { Authorization: `Bearer ${SECRET}` };
const identity = { id: 'anna-device', name: 'Anna', color: '#2563eb' };

const open = useSharedServer();
const guarded = useSharedServer(() => ({ authSecret: SECRET }));

// The browser's localStorage, where the session notes which maps this browser holds a copy of:
// without it (plain Node), every map counts as maybe cached and the early state is never used.
const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, String(value)),
  removeItem: (key: string) => void storage.delete(key),
});

const cardCount = (s: MapSession) => Object.keys(s.store.getState().touchpoints).length;
const cleanups: (() => Promise<void> | void)[] = [];
let dbCount = 0;
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fetchState(url: string, mapId: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/maps/${mapId}/state`, { headers });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** A map of `cards` cards, written by a stock client and stored by the server. */
async function mapWithCards(cards: number) {
  const mapId = await createMap(open.url, 'Home loan');
  const writer = open.client(mapId);
  await waitSynced(writer);
  for (let i = 0; i < cards; i++) addCard(writer.doc, `Card ${i} with a longer title to weigh something`);
  // Read back through a second client: what the server holds.
  const reader = open.client(mapId);
  await waitSynced(reader);
  await waitFor(() => canonicalSnapshot(reader.doc).touchpoints.length === cards, 'the server to hold every card');
  return { mapId, writer, reader };
}

/** `ws`, counting the bytes each socket receives: how much the first sync carried. */
function countingWebSocket() {
  const counter = { received: 0 };
  class Counting extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => (counter.received += data.byteLength));
    }
  }
  return { counter, polyfill: Counting as unknown as typeof globalThis.WebSocket };
}

function session(mapId: string, options: { initialState?: Promise<Uint8Array | null>; WebSocketPolyfill: typeof globalThis.WebSocket }): MapSession {
  const db = new CjmCacheDb(`map-state-${process.pid}-${++dbCount}`);
  const opened = openMapSession({ db, mapId, identity, serverUrl: wsUrlOf(open.url), ...options });
  cleanups.push(async () => {
    await opened.dispose();
    await db.delete();
  });
  return opened;
}

describe('GET /api/maps/:id/state', () => {
  it('answers the whole map as one Yjs update, uncached, the same content a socket syncs', async () => {
    const { mapId, reader } = await mapWithCards(5);
    const { res, bytes } = await fetchState(open.url, mapId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, bytes);
    expect(canonicalSnapshot(doc)).toEqual(canonicalSnapshot(reader.doc));
  });

  it('goes out compressed to a browser that accepts it: the same bytes, a fraction of the size', async () => {
    const { mapId } = await mapWithCards(40);
    // node:http, unlike fetch, neither asks for an encoding nor decodes one.
    const raw = (encoding?: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const { hostname, port } = new URL(open.url);
        const headers = encoding ? { 'Accept-Encoding': encoding } : {};
        http
          .get({ hostname, port, path: `/api/maps/${mapId}/state`, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const plain = await raw();
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzip = await raw('gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['vary']).toBe('Accept-Encoding');
    expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(gzip.body.byteLength).toBeLessThan(plain.body.byteLength / 2);
    const br = await raw('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
  });

  it('refuses a malformed id, an unknown map and a deleted one, in JSON', async () => {
    expect((await fetchState(open.url, 'not-an-id')).res.status).toBe(400);
    const unknown = await fetchState(open.url, newMapId());
    expect(unknown.res.status).toBe(404);
    expect(JSON.parse(new TextDecoder().decode(unknown.bytes))).toEqual({ error: 'map not found' });
    const deleted = await createMap(open.url, 'Gone');
    expect((await authedApi(open.url, 'DELETE', `/api/maps/${deleted}`, {})).status).toBe(200);
    expect((await fetchState(open.url, deleted)).res.status).toBe(404);
  });

  it('with AUTH_SECRET, gives the map to its link holders and the administrator only', async () => {
    const create = async (title: string) => ((await authedApi(guarded.url, 'POST', '/api/maps', ADMIN, { title })).body as { id: string }).id;
    const mapId = await create('Shared');
    const otherId = await create('Not yours');
    const links = (await authedApi(guarded.url, 'GET', `/api/maps/${mapId}/links`, ADMIN)).body as { view: string };
    const view = { 'X-CJM-Token': tokenOf(links.view) };

    expect((await fetchState(guarded.url, mapId, view)).res.status).toBe(200);
    expect((await fetchState(guarded.url, mapId, ADMIN)).res.status).toBe(200);
    expect((await fetchState(guarded.url, mapId)).res.status).toBe(401);
    const foreign = await fetchState(guarded.url, otherId, view);
    expect(foreign.res.status).toBe(403);
    expect(JSON.parse(new TextDecoder().decode(foreign.bytes))).toEqual({ error: 'the access link is for another map' });
  });
});

describe('a session started from the state fetched early', () => {
  it('shows the map when ready, and its socket then syncs only what changed', async () => {
    const { mapId, writer } = await mapWithCards(40);
    prefetchMapState(mapId, {}, open.url);
    const initialState = takePrefetchedState(mapId);
    // Taken once: a later visit syncs as usual.
    expect(takePrefetchedState(mapId)).toBeUndefined();
    const stateBytes = (await initialState)!.byteLength;

    const early = countingWebSocket();
    const anna = session(mapId, { initialState, WebSocketPolyfill: early.polyfill });
    await anna.ready;
    expect(cardCount(anna)).toBe(40);
    await waitFor(() => anna.connection.getState().synced, 'the session to sync');
    // Without the early state, the socket brings the whole map.
    const plain = countingWebSocket();
    const boris = session(mapId, { WebSocketPolyfill: plain.polyfill });
    await waitFor(() => boris.connection.getState().synced && cardCount(boris) === 40, 'the plain session to sync');
    expect(plain.counter.received).toBeGreaterThan(stateBytes);
    expect(early.counter.received).toBeLessThan(stateBytes / 4);

    // Live both ways from there on.
    addCard(writer.doc, 'Added after');
    await waitFor(() => cardCount(anna) === 41, 'the colleague’s card to arrive');
    const { stages, channels } = anna.store.getState();
    anna.commands.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'From Anna' });
    await waitFor(() => canonicalSnapshot(writer.doc).touchpoints.length === 42, 'Anna’s card to reach the colleague');
  });

  it('falls back to the socket when the early state is unreadable or failed', async () => {
    const { mapId } = await mapWithCards(3);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const garbled = session(mapId, { initialState: Promise.resolve(new Uint8Array([9, 9, 9, 9, 9])), WebSocketPolyfill: countingWebSocket().polyfill });
      const failed = session(mapId, { initialState: Promise.reject(new Error('offline')), WebSocketPolyfill: countingWebSocket().polyfill });
      await waitFor(
        () => cardCount(garbled) === 3 && cardCount(failed) === 3,
        'both sessions to get the map over the socket',
      );
      expect(errors).toHaveBeenCalledWith('The map state fetched early could not be read; syncing it instead', expect.anything());
    } finally {
      errors.mockRestore();
    }
  });
});
