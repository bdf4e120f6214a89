import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addTouchpoint, setMapTitle } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { newMapId } from '../../src/domain/ids';
import type { RunningServer } from '../../server/server';
import {
  api,
  canonicalSnapshot,
  closeCodeFor,
  connectClient,
  createMap,
  removeTempDirs,
  sameStateVector,
  startTestServer,
  waitFor,
  waitSynced,
  wsUrlOf,
  type TestClient,
} from './helpers';

let server: RunningServer;
const clients: TestClient[] = [];

const client = (mapId: string) => {
  const c = connectClient(server.url, mapId);
  clients.push(c);
  return c;
};

const firstCell = (doc: Y.Doc) => {
  const snap = readSnapshot(doc);
  return { stageId: snap.stages[0]!.id, channelId: snap.channels[0]!.id };
};

const titles = (doc: Y.Doc) => readSnapshot(doc).touchpoints.map((t) => t.title).sort();

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await server.close();
  removeTempDirs();
});

describe('sync endpoint', () => {
  it('lets two stock clients edit the same map and converge', async () => {
    const mapId = await createMap(server.url);
    const ann = client(mapId);
    const bob = client(mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);

    addTouchpoint(ann.doc, { ...firstCell(ann.doc), title: 'Landing page' });
    addTouchpoint(bob.doc, { ...firstCell(bob.doc), title: 'Call centre' });
    setMapTitle(bob.doc, 'Onboarding');

    await waitFor(() => titles(ann.doc).length === 2 && titles(bob.doc).length === 2, 'both cards everywhere');
    await waitFor(() => sameStateVector(ann.doc, bob.doc), 'equal state vectors');
    expect(canonicalSnapshot(ann.doc)).toEqual(canonicalSnapshot(bob.doc));
    expect(titles(ann.doc)).toEqual(['Call centre', 'Landing page']);
    expect(readSnapshot(ann.doc).meta.title).toBe('Onboarding');
  });

  it('gives a late joiner the full state', async () => {
    const mapId = await createMap(server.url, 'Late');
    const ann = client(mapId);
    await waitSynced(ann);
    for (let i = 0; i < 20; i++) addTouchpoint(ann.doc, { ...firstCell(ann.doc), title: `Card ${i}` });
    await waitFor(() => server.loadedMapIds().includes(mapId), 'room loaded');

    const late = client(mapId);
    await waitSynced(late);
    await waitFor(() => titles(late.doc).length === 20, 'every card at the late joiner');
    expect(canonicalSnapshot(late.doc)).toEqual(canonicalSnapshot(ann.doc));
  });

  it('relays presence and removes it when a client leaves, however it leaves', async () => {
    const mapId = await createMap(server.url);
    const ann = client(mapId);
    const bob = client(mapId);
    const cid = client(mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob), waitSynced(cid)]);

    ann.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    cid.provider.awareness.setLocalStateField('user', { name: 'Cid' });
    const annId = ann.doc.clientID;
    const cidId = cid.doc.clientID;
    const seenByBob = () => bob.provider.awareness.getStates();
    await waitFor(() => seenByBob().get(annId)?.user?.name === 'Ann', "Ann's presence at Bob");
    await waitFor(() => seenByBob().get(cidId)?.user?.name === 'Cid', "Cid's presence at Bob");

    // A polite leave: the client says goodbye itself.
    ann.provider.destroy();
    await waitFor(() => !seenByBob().has(annId), "Ann's presence gone");

    // A vanished client (no goodbye): the server removes its presence when the socket closes.
    cid.provider.shouldConnect = false;
    (cid.provider.ws as unknown as { terminate(): void }).terminate();
    await waitFor(() => !seenByBob().has(cidId), "Cid's presence gone");
    expect(seenByBob().has(bob.doc.clientID)).toBe(true);
  });

  it('refuses map ids that do not match the pattern, and maps that do not exist', async () => {
    const ws = wsUrlOf(server.url);
    expect(await closeCodeFor(`${ws}/not-a-map`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/..%2F..%2Fcjm.sqlite`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/${'a'.repeat(23)}`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/${newMapId()}`)).toBe(4404);
    await expect(closeCodeFor(`${server.url.replace('http', 'ws')}/elsewhere`)).rejects.toThrow(/404/);
  });

  it('tells the stock client to stop reconnecting to an unknown map', async () => {
    const stranger = client(newMapId());
    const closed = await new Promise<{ code: number }>((resolve) => stranger.provider.once('closed', resolve));
    expect(closed.code).toBe(4404);
    expect(stranger.provider.shouldConnect).toBe(false);
  });

  it('closes only the connection that sends a malformed frame, and keeps serving', async () => {
    const mapId = await createMap(server.url);
    const ann = client(mapId);
    await waitSynced(ann);
    const url = `${wsUrlOf(server.url)}/${mapId}`;

    const garbageUpdate = encoding.createEncoder();
    encoding.writeVarUint(garbageUpdate, 0); // sync message
    encoding.writeVarUint(garbageUpdate, 2); // update
    encoding.writeVarUint8Array(garbageUpdate, new Uint8Array([5, 200, 1, 7, 7, 7, 7, 255, 255]));
    const badFrames = [
      encoding.toUint8Array(garbageUpdate),
      new Uint8Array([0, 0, 99]), // sync step 1 whose state vector is cut short
      new Uint8Array([0, 9]), // unknown sync step
      new Uint8Array([1, 5, 1, 2, 3]), // awareness that does not decode
      new Uint8Array([42]), // unknown message type
      new Uint8Array([]),
    ];
    for (const frame of badFrames) {
      expect(await closeCodeFor(url, (ws) => ws.send(frame))).toBe(4402);
    }
    expect(await closeCodeFor(url, (ws) => ws.send('hello'))).toBe(4402);

    // The doc and everyone else are unharmed.
    addTouchpoint(ann.doc, { ...firstCell(ann.doc), title: 'Still fine' });
    const bob = client(mapId);
    await waitSynced(bob);
    await waitFor(() => titles(bob.doc).includes('Still fine'), 'the edit after the garbage');
    expect((await api(server.url, 'GET', '/healthz')).body).toEqual({ ok: true, access: 'open' });
  });

  it('disconnects everyone from a map when it is deleted', async () => {
    const mapId = await createMap(server.url);
    const ann = client(mapId);
    await waitSynced(ann);
    const closed = new Promise<{ code: number }>((resolve) => ann.provider.once('closed', resolve));
    expect((await api(server.url, 'DELETE', `/api/maps/${mapId}`)).status).toBe(200);
    expect((await closed).code).toBe(4404);
    expect(await closeCodeFor(`${wsUrlOf(server.url)}/${mapId}`)).toBe(4404);
  });
});
