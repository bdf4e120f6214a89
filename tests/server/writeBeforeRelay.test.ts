// Write-before-relay through the asynchronous storage contract: an update reaches other clients
// only once the storage has said it is stored, whether a client sent it or the server made it
// (a rename through the API). The storage here is the real SQLite one with a gate in front of
// its writes, the way a slow networked store would answer late.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setMapTitle } from '../../src/doc/mutations';
import { readMeta } from '../../src/doc/read';
import type { RunningServer } from '../../server/server';
import { openSqliteStorage } from '../../server/storage/sqlite';
import type { Storage } from '../../server/storage/Storage';
import { addCard, api, cardTitles, ClientPool, createMap, removeTempDirs, startTestServer, tempDir, waitFor, waitSynced, type TestClient } from './helpers';

const clients = new ClientPool();
let server: RunningServer | null = null;

afterEach(async () => {
  clients.destroyAll();
  await server?.close();
  server = null;
});
afterAll(() => removeTempDirs());

/** SQLite behind a gate: while closed, writes wait (nothing is stored) until it opens. */
function gatedStorage(dataDir: string) {
  const real = openSqliteStorage(dataDir);
  let open: Promise<void> = Promise.resolve();
  let release = () => {};
  let waiting = 0;
  const storage: Storage = {
    ...real,
    async appendUpdates(id, updates) {
      waiting++;
      await open;
      waiting--;
      return real.appendUpdates(id, updates);
    },
  };
  return {
    storage,
    real,
    close() {
      open = new Promise((resolve) => (release = resolve));
    },
    open: () => release(),
    waiting: () => waiting,
  };
}

/**
 * Proves `peer` has not been sent what the server holds back: the sender's presence is relayed
 * at once and on the same socket, so once the peer sees it, anything relayed before it is there.
 */
async function afterPresence(sender: TestClient, peer: TestClient, mark: string): Promise<void> {
  sender.provider.awareness.setLocalStateField('mark', mark);
  const id = sender.provider.awareness.clientID;
  await waitFor(() => (peer.provider.awareness.getStates().get(id) as { mark?: string } | undefined)?.mark === mark, `presence ${mark}`);
}

describe('write before relay, with storage that answers later', () => {
  it('relays a client\u2019s update only once it is stored', async () => {
    const dataDir = tempDir();
    const gate = gatedStorage(dataDir);
    server = await startTestServer({ dataDir, persistence: gate.storage });
    const mapId = await createMap(server.url);
    const ann = clients.connect(server.url, mapId);
    const bob = clients.connect(server.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);

    gate.close();
    addCard(ann.doc, 'Held back');
    await waitFor(() => gate.waiting() > 0, 'the write to start');
    await afterPresence(ann, bob, 'edit sent');
    expect(cardTitles(bob.doc)).not.toContain('Held back');
    const stored = async () => (await gate.real.loadDoc(mapId)).pendingCount;
    expect(await stored()).toBe(0);

    gate.open();
    await waitFor(() => cardTitles(bob.doc).includes('Held back'), 'the card at Bob once stored');
    expect(await stored()).toBeGreaterThan(0);
  });

  it('relays an edit the server makes itself (a rename) only once it is stored', async () => {
    const dataDir = tempDir();
    const gate = gatedStorage(dataDir);
    server = await startTestServer({ dataDir, persistence: gate.storage });
    const mapId = await createMap(server.url, 'Before');
    const ann = clients.connect(server.url, mapId);
    const bob = clients.connect(server.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);

    gate.close();
    let answered = false;
    const renamed = api(server.url, 'PATCH', `/api/maps/${mapId}`, { title: 'After' }).then((res) => {
      answered = true;
      return res;
    });
    await waitFor(() => gate.waiting() > 0, 'the rename to be written');
    await afterPresence(ann, bob, 'rename asked');
    expect(readMeta(bob.doc).title).toBe('Before');
    expect(answered).toBe(false);

    gate.open();
    expect((await renamed).status).toBe(200);
    await waitFor(() => readMeta(bob.doc).title === 'After', 'the new title at Bob');
    // The client's own later edit still merges with it.
    setMapTitle(ann.doc, 'Latest');
    await waitFor(() => readMeta(bob.doc).title === 'Latest', 'a later edit');
  });
});
