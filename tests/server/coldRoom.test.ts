// Opening a map that nobody has open: a room opened from a lone snapshot with its state vector
// on record answers a fresh client with the stored bytes before decoding the map, and decodes it
// once that answer is sent or anything needs the doc. Whatever the order, clients must get the
// whole map, every edit (theirs, made offline, or made by others since the room opened) must
// reach everyone and the disk, and databases written before state vectors were kept must load.
import path from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/log';
import { openSqliteStorage, SCHEMA_VERSION } from '../../server/storage/sqlite';
import type { Storage } from '../../server/storage/Storage';
import { listEntryOf, Room, type RoomPeer } from '../../server/rooms';
import type { RunningServer } from '../../server/server';
import { makeMapDoc } from '../fixtures/factories';
import {
  addCard,
  canonicalSnapshot,
  cardTitles,
  ClientPool,
  createMap,
  removeTempDirs,
  sameStateVector,
  startTestServer,
  tempDir,
  waitFor,
  waitSynced,
  type TestClient,
} from './helpers';

const clients = new ClientPool();
const servers: RunningServer[] = [];
const stores: Storage[] = [];

const start = async (dataDir: string, options: { compactAfter?: number } = {}) => {
  const server = await startTestServer({ dataDir, ...options });
  servers.push(server);
  return server;
};

afterEach(async () => {
  clients.destroyAll();
  for (const server of servers.splice(0)) await server.close();
  for (const store of stores.splice(0)) await store.close();
});
afterAll(() => removeTempDirs());

/** A map with `cards` cards, written by a client and stored by a server that then shut down (compacting it). */
/**
 * Ann adds `stored` (seen on the server by another client), the server stops, and she adds
 * `offline` with no connection: her doc holds an edit the stored map lacks.
 */
async function editedDuringOutage(dataDir: string, stored: string, offline: string) {
  const server = await start(dataDir);
  const mapId = await createMap(server.url, 'Outage');
  const ann = clients.connect(server.url, mapId);
  await waitSynced(ann);
  addCard(ann.doc, stored);
  const watcher = clients.connect(server.url, mapId);
  await waitFor(() => cardTitles(watcher.doc).length === 1, 'the card to reach the server');
  watcher.destroy();
  await server.close();
  servers.splice(0);
  addCard(ann.doc, offline);
  ann.provider.destroy();
  return { mapId, ann };
}

async function storedMap(dataDir: string, cards: string[]): Promise<{ mapId: string; expected: ReturnType<typeof canonicalSnapshot> }> {
  const server = await start(dataDir);
  const mapId = await createMap(server.url, 'Cold map');
  const ann = clients.connect(server.url, mapId);
  await waitSynced(ann);
  for (const title of cards) addCard(ann.doc, title);
  const watcher = clients.connect(server.url, mapId);
  await waitFor(() => cardTitles(watcher.doc).length === cards.length, 'the cards to reach the server');
  const expected = canonicalSnapshot(ann.doc);
  clients.destroyAll();
  await server.close();
  servers.splice(servers.indexOf(server), 1);
  return { mapId, expected };
}

/** A peer that keeps every message with the callback the room passed for it. */
function recordingPeer() {
  const sent: { message: Uint8Array; onSent: (() => void) | undefined }[] = [];
  const peer: RoomPeer = {
    send: (message, onSent) => sent.push({ message, onSent }),
    close: () => {},
    awarenessClients: new Set(),
    keyGeneration: null,
    refused: () => {},
  };
  return { peer, sent };
}

/** [step, payload] of a sync message. */
function syncPayload(message: Uint8Array): [number, Uint8Array] {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0);
  const step = decoding.readVarUint(decoder);
  return [step, decoding.readVarUint8Array(decoder)];
}

const roomSettings = (persistence: Storage) => ({
  persistence,
  log: silentLogger,
  now: Date.now,
  idleUnloadMs: 60_000,
  compactAfter: 1000,
  listRefreshMs: 60_000,
});

const EMPTY_STATE_VECTOR = new Uint8Array([0]);

describe('a room opened from a stored snapshot', () => {
  it('answers a fresh client with the stored map before decoding it, and decodes it once the answer is sent', async () => {
    const persistence = openSqliteStorage(tempDir());
    stores.push(persistence);
    const { doc } = makeMapDoc({ title: 'Snapshot' });
    for (const title of ['Landing page', 'Call centre', 'Office']) addCard(doc, title);
    const mapId = 'A'.repeat(22);
    const state = Y.encodeStateAsUpdate(doc);
    await persistence.createMap({ id: mapId, state, entry: listEntryOf(doc), now: Date.now(), stateVector: Y.encodeStateVector(doc) });

    const room = new Room(mapId, roomSettings(persistence), await persistence.loadDoc(mapId));
    const { peer, sent } = recordingPeer();
    room.addPeer(peer);
    const [greetingStep, greeting] = syncPayload(sent[0]!.message);
    expect(greetingStep).toBe(0);
    expect(Y.decodeStateVector(greeting)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));

    room.answerSyncStep1(peer, EMPTY_STATE_VECTOR);
    const answer = sent.at(-1)!;
    const [answerStep, update] = syncPayload(answer.message);
    expect(answerStep).toBe(1);
    const client = new Y.Doc();
    Y.applyUpdate(client, update);
    expect(canonicalSnapshot(client)).toEqual(canonicalSnapshot(doc));
    expect(room.loaded).toBe(false);

    answer.onSent!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(room.loaded).toBe(true);
    expect(canonicalSnapshot(room.doc)).toEqual(canonicalSnapshot(doc));
    await room.close();
  });

  it('gives fresh clients the whole map, including edits made after the room opened and after it compacted', async () => {
    const dataDir = tempDir();
    const { mapId, expected } = await storedMap(dataDir, ['Landing page', 'Call centre']);

    const server = await start(dataDir, { compactAfter: 3 });
    const bob = clients.connect(server.url, mapId);
    await waitSynced(bob);
    expect(canonicalSnapshot(bob.doc)).toEqual(expected);
    // Right away, before anything else happens in the room.
    addCard(bob.doc, 'Typed at once');

    const carol = clients.connect(server.url, mapId);
    await waitSynced(carol);
    await waitFor(() => cardTitles(carol.doc).includes('Typed at once'), 'the new card at a later fresh client');
    expect(cardTitles(carol.doc)).toEqual(['Call centre', 'Landing page', 'Typed at once']);

    // Enough edits for the room to compact; then one more on top of the compacted map.
    for (let i = 0; i < 6; i++) {
      addCard(carol.doc, `Card ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    addCard(bob.doc, 'After compaction');
    await waitFor(() => sameStateVector(bob.doc, carol.doc), 'bob and carol to agree');
    const dave = clients.connect(server.url, mapId);
    await waitSynced(dave);
    await waitFor(() => sameStateVector(dave.doc, bob.doc), 'a fresh client to get everything');
    expect(canonicalSnapshot(dave.doc)).toEqual(canonicalSnapshot(bob.doc));
    const all = canonicalSnapshot(bob.doc);

    clients.destroyAll();
    await server.close();
    const again = await start(dataDir);
    const erin = clients.connect(again.url, mapId);
    await waitSynced(erin);
    expect(canonicalSnapshot(erin.doc)).toEqual(all);
  });

  it('takes the edits a returning client made offline, when it comes back to a cold room', async () => {
    const dataDir = tempDir();
    // Edited while the server is down, then back on a restarted server (the room opens cold).
    const { mapId, ann } = await editedDuringOutage(dataDir, 'Before the outage', 'Typed offline');
    const server = await start(dataDir);
    const back = clients.connect(server.url, mapId, { doc: ann.doc });
    await waitSynced(back);
    const bob = clients.connect(server.url, mapId);
    await waitFor(() => cardTitles(bob.doc).length === 2, 'the offline card at a fresh client');
    expect(cardTitles(bob.doc)).toEqual(['Before the outage', 'Typed offline']);
    await waitFor(() => sameStateVector(bob.doc, back.doc), 'both to agree');
  });

  it('corrects a recorded state vector that claims more than the map holds, so offline edits still arrive', async () => {
    const dataDir = tempDir();
    const { mapId, ann } = await editedDuringOutage(dataDir, 'Stored', 'Typed offline');

    // The record says the server already has Ann's offline edit, which it has not.
    const store = openSqliteStorage(dataDir);
    const { updates, lastSeq } = await store.loadDoc(mapId);
    expect(updates).toHaveLength(1);
    await store.compact(mapId, updates[0]!, lastSeq, Date.now(), Y.encodeStateVector(ann.doc));
    await store.close();

    const restarted = await start(dataDir);
    const back: TestClient = clients.connect(restarted.url, mapId, { doc: ann.doc });
    await waitSynced(back);
    const bob = clients.connect(restarted.url, mapId);
    await waitFor(() => cardTitles(bob.doc).length === 2, 'the offline card at a fresh client');
    expect(cardTitles(bob.doc)).toEqual(['Stored', 'Typed offline']);
  });

  it('loads a map stored by the previous schema (no state vectors) and records one for next time', async () => {
    const dataDir = tempDir();
    const { mapId, expected } = await storedMap(dataDir, ['Landing page', 'Call centre']);
    // As version 2 left it: the same tables without the state vector column.
    const file = path.join(dataDir, 'cjm.sqlite');
    const old = new Database(file);
    old.exec('ALTER TABLE snapshots DROP COLUMN state_vector; PRAGMA user_version = 2;');
    old.close();

    const server = await start(dataDir);
    const bob = clients.connect(server.url, mapId);
    await waitSynced(bob);
    expect(canonicalSnapshot(bob.doc)).toEqual(expected);

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const row = db.prepare('SELECT state_vector FROM snapshots WHERE map_id = ?').get(mapId) as { state_vector: Buffer | null };
      expect(row.state_vector).not.toBeNull();
      expect(Y.decodeStateVector(row.state_vector!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(bob.doc)));
    } finally {
      db.close();
    }

    clients.destroyAll();
    await server.close();
    const again = await start(dataDir);
    const carol = clients.connect(again.url, mapId);
    await waitSynced(carol);
    expect(canonicalSnapshot(carol.doc)).toEqual(expected);
  });
});
