import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { setMapTitle } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { newMapId } from '../../src/domain/ids';
import {
  addCard,
  api,
  canonicalSnapshot,
  cardTitles,
  closeCodeFor,
  createMap,
  sameStateVector,
  waitFor,
  waitSynced,
  wsUrlOf,
} from './helpers';
import { useSharedServer } from './sharedServer';

const shared = useSharedServer();

describe('sync endpoint', () => {
  it('lets two stock clients edit the same map and converge', async () => {
    const mapId = await createMap(shared.url);
    const ann = shared.client(mapId);
    const bob = shared.client(mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);

    addCard(ann.doc, 'Landing page');
    addCard(bob.doc, 'Call centre');
    setMapTitle(bob.doc, 'Onboarding');

    await waitFor(() => cardTitles(ann.doc).length === 2 && cardTitles(bob.doc).length === 2, 'both cards everywhere');
    await waitFor(() => sameStateVector(ann.doc, bob.doc), 'equal state vectors');
    expect(canonicalSnapshot(ann.doc)).toEqual(canonicalSnapshot(bob.doc));
    expect(cardTitles(ann.doc)).toEqual(['Call centre', 'Landing page']);
    expect(readSnapshot(ann.doc).meta.title).toBe('Onboarding');
  });

  it('gives a late joiner the full state', async () => {
    const mapId = await createMap(shared.url, 'Late');
    const ann = shared.client(mapId);
    await waitSynced(ann);
    for (let i = 0; i < 20; i++) addCard(ann.doc, `Card ${i}`);
    await waitFor(() => shared.server.loadedMapIds().includes(mapId), 'room loaded');

    const late = shared.client(mapId);
    await waitSynced(late);
    await waitFor(() => cardTitles(late.doc).length === 20, 'every card at the late joiner');
    expect(canonicalSnapshot(late.doc)).toEqual(canonicalSnapshot(ann.doc));
  });

  it('relays presence and removes it when a client leaves, however it leaves', async () => {
    const mapId = await createMap(shared.url);
    const ann = shared.client(mapId);
    const bob = shared.client(mapId);
    const cid = shared.client(mapId);
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
    const ws = wsUrlOf(shared.url);
    expect(await closeCodeFor(`${ws}/not-a-map`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/..%2F..%2Fcjm.sqlite`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/${'a'.repeat(23)}`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/`)).toBe(4400);
    expect(await closeCodeFor(`${ws}/${newMapId()}`)).toBe(4404);
    await expect(closeCodeFor(`${shared.url.replace('http', 'ws')}/elsewhere`)).rejects.toThrow(/404/);
  });

  it('tells the stock client to stop reconnecting to an unknown map', async () => {
    const stranger = shared.client(newMapId());
    const closed = await new Promise<{ code: number }>((resolve) => stranger.provider.once('closed', resolve));
    expect(closed.code).toBe(4404);
    expect(stranger.provider.shouldConnect).toBe(false);
  });

  it('closes only the connection that sends a malformed frame, and keeps serving', async () => {
    const mapId = await createMap(shared.url);
    const ann = shared.client(mapId);
    await waitSynced(ann);
    const url = `${wsUrlOf(shared.url)}/${mapId}`;

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
    addCard(ann.doc, 'Still fine');
    const bob = shared.client(mapId);
    await waitSynced(bob);
    await waitFor(() => cardTitles(bob.doc).includes('Still fine'), 'the edit after the garbage');
    expect((await api(shared.url, 'GET', '/healthz')).body).toEqual({ ok: true, access: 'open', storage: { kind: 'sqlite', reachable: true }, relay: { kind: 'none' } });
  });

  it('disconnects everyone from a map when it is deleted', async () => {
    const mapId = await createMap(shared.url);
    const ann = shared.client(mapId);
    await waitSynced(ann);
    const closed = new Promise<{ code: number }>((resolve) => ann.provider.once('closed', resolve));
    expect((await api(shared.url, 'DELETE', `/api/maps/${mapId}`)).status).toBe(200);
    expect((await closed).code).toBe(4404);
    expect(await closeCodeFor(`${wsUrlOf(shared.url)}/${mapId}`)).toBe(4404);
  });
});
