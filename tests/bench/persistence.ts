// Benchmark 4: persistence. A room whose history is 50,000 small updates (ten people typing
// titles, editing and voting notes on a 200-touchpoint map), written through the server's
// persistence module. Cold load before and after compaction, two ways: the server's own load
// path (persistence.loadDoc + new Room, as RoomRegistry.open does) and the first sync of a
// fresh client against the server in a child process. Plus the size on disk, and the same
// first sync for the 2,000-touchpoint benchmark map (the canvas's first render waits for it),
// with the server's own share of it (answering a fresh client on a cold room) timed in-process.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { silentLogger } from '../../server/log';
import { openSqliteStorage } from '../../server/storage/sqlite';
import type { Storage } from '../../server/storage/Storage';
import { listEntryOf, Room, type RoomPeer } from '../../server/rooms';
import { readSnapshot } from '../../src/doc/read';
import { addNote, updateNote, updateTouchpoint, voteNote } from '../../src/doc/mutations';
import { newMapId } from '../../src/domain/ids';
import { NOTE_KINDS } from '../../src/domain/types';
import type { Benchmark, Figure } from './types';
import { bigMapDoc } from './lib/bigMap';
import { connectClient } from './lib/clients';
import { startServerProcess } from './lib/serverProcess';
import { median, round, sleep, waitFor } from './lib/stats';
import { mulberry32 } from '../fixtures/random';
import { tempDir } from './lib/workspace';

const WRITERS = 10;
const SESSION = 100;
/** High enough that no measurement compacts by itself. */
const NEVER_COMPACT = 1_000_000;
const KB = 1024;
/** The canvas benchmark's big map. */
const BIG_MAP_TOUCHPOINTS = 2_000;
/** Rooms unload this soon in the first-sync server, so every measured sync starts cold. */
const UNLOAD_MS = 200;
/** What a client that holds nothing sends as its state vector. */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

/** The map's history as the server would have stored it, and the state it must load back to. */
export async function writeHistory(persistence: Storage, mapId: string, updates: number): Promise<Y.Doc> {
  const base = bigMapDoc(200);
  const master = new Y.Doc();
  Y.applyUpdate(master, Y.encodeStateAsUpdate(base));
  await persistence.createMap({ id: mapId, state: Y.encodeStateAsUpdate(base), entry: listEntryOf(base), now: Date.now() });
  base.destroy();

  const random = mulberry32(11);
  const writers = Array.from({ length: WRITERS }, () => new Y.Doc());
  const touchpointIds = [...readSnapshot(master).touchpoints.map((t) => t.id)];
  const noteIds = readSnapshot(master).notes.map((n) => n.id);
  let written = 0;
  while (written < updates) {
    const writer = writers[Math.floor(written / SESSION) % WRITERS]!;
    // Catch up with what the others wrote, as a reconnecting client does.
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(master, Y.encodeStateVector(writer)), 'sync');
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === 'sync') return;
      // SQLite commits inside the call; the history is written in order without awaiting each.
      void persistence.appendUpdates(mapId, [update]);
      Y.applyUpdate(master, update, 'sync');
      written++;
    };
    writer.on('update', onUpdate);
    const end = Math.min(updates, written + SESSION);
    while (written < end) {
      const roll = random();
      const tp = touchpointIds[Math.floor(random() * touchpointIds.length)]!;
      const note = noteIds[Math.floor(random() * noteIds.length)]!;
      if (roll < 0.45) updateTouchpoint(writer, tp, { title: `Touchpoint ${written} ${roll.toFixed(4)}` });
      else if (roll < 0.47) noteIds.push(addNote(writer, tp, NOTE_KINDS[written % 3]!, 'New idea'));
      else if (roll < 0.82) updateNote(writer, note, { text: `Edited ${written}` });
      else voteNote(writer, note, `voter${writer.clientID % 100}`, random() < 0.8 ? 1 : -1);
    }
    writer.off('update', onUpdate);
  }
  for (const w of writers) w.destroy();
  return master;
}

const roomSettings = (persistence: Storage) => ({
  persistence,
  log: silentLogger,
  now: Date.now,
  idleUnloadMs: 60_000,
  compactAfter: NEVER_COMPACT,
  listRefreshMs: 60_000,
});

/**
 * The server's cold load (RoomRegistry.open without the map-row lookup) including decoding the
 * map into the doc, which a room may otherwise put off until it is first needed; median of `runs`.
 */
async function timeServerLoad(persistence: Storage, mapId: string, expected: Y.Doc, runs: number) {
  const times: number[] = [];
  let matches = true;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const room = new Room(mapId, roomSettings(persistence), await persistence.loadDoc(mapId));
    room.load();
    times.push(performance.now() - start);
    matches &&= sameState(room.doc, expected);
    // Not room.close(): that may write to disk, and this measurement must leave the history as it is.
    room.doc.destroy();
  }
  return { ms: median(times), matches };
}

/** The map as plain data with every list in id order: Y.Map iteration order depends on load order. */
function canonical(doc: Y.Doc): string {
  const snapshot = readSnapshot(doc);
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify({
    ...snapshot,
    stages: byId(snapshot.stages),
    channels: byId(snapshot.channels),
    touchpoints: byId(snapshot.touchpoints),
    connections: byId(snapshot.connections),
    notes: byId(snapshot.notes),
    quotes: byId(snapshot.quotes),
  });
}

const sameState = (a: Y.Doc, b: Y.Doc) => canonical(a) === canonical(b);

/** A connection that keeps what it is sent (and never reports it sent: the room stays as it answered). */
function listeningPeer(): RoomPeer & { received: Uint8Array[] } {
  return {
    received: [],
    send(message: Uint8Array) {
      this.received.push(message);
    },
    close() {},
    awarenessClients: new Set<number>(),
    keyGeneration: null,
    refused() {},
  };
}

/** The server's answer to a client that holds nothing (sync step 2 for an empty state vector), as sync.ts asks for it. */
function answerFreshClient(room: Room, peer: ReturnType<typeof listeningPeer>): Uint8Array {
  room.answerSyncStep1(peer, EMPTY_STATE_VECTOR);
  return peer.received.at(-1)!;
}

/** The update inside a sync step 2 message. */
function updateOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder); // message type
  decoding.readVarUint(decoder); // sync step
  return decoding.readVarUint8Array(decoder);
}

/**
 * The server's share of a fresh client's first sync on a cold room, in-process: loadDoc, new
 * Room, the peer joining (sync step 1 sent) and the answer to the client's empty state vector.
 */
async function timeFreshAnswer(persistence: Storage, mapId: string, expected: Y.Doc, runs: number) {
  const times: number[] = [];
  let matches = true;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const room = new Room(mapId, roomSettings(persistence), await persistence.loadDoc(mapId));
    const peer = listeningPeer();
    room.addPeer(peer);
    const answer = answerFreshClient(room, peer);
    times.push(performance.now() - start);
    if (i === 0) {
      const client = new Y.Doc();
      Y.applyUpdate(client, updateOf(answer));
      matches = sameState(client, expected);
      client.destroy();
    }
    // Writes nothing: the map has no updates since its snapshot and nobody edited it.
    await room.close();
  }
  return { ms: median(times), matches };
}

interface SyncTarget {
  mapId: string;
  expected: Y.Doc;
}

/**
 * A fresh client's first sync against the server in a child process (which loads the room),
 * median of `runs` per map; between runs the room unloads, so each sync starts cold. Runs > 1
 * only on a compacted database: unloading compacts, which would change what is measured.
 */
async function timeFirstSync(
  dataDir: string,
  targets: SyncTarget[],
  warmUpMapId: string,
  runs: number,
): Promise<{ ms: number; matches: boolean }[]> {
  const server = await startServerProcess('ours', {
    dataDir,
    staticDir: dataDir,
    compactAfter: NEVER_COMPACT,
    ...(runs > 1 && { idleUnloadMs: UNLOAD_MS }),
  });
  const allUnloaded = async () => {
    const deadline = Date.now() + 30_000;
    while ((await server.stats()).rooms > 0) {
      if (Date.now() > deadline) throw new Error('the rooms did not unload');
      await sleep(UNLOAD_MS / 4);
    }
  };
  try {
    // A running server has loaded rooms before: warm its code paths on another map first.
    for (let i = 0; i < 3; i++) {
      const warm = connectClient(server.wsUrl, warmUpMapId);
      await waitFor(() => warm.provider.synced, 'the warm-up sync', 60_000, 1);
      warm.destroy();
    }
    const results: { ms: number; matches: boolean }[] = [];
    for (const { mapId, expected } of targets) {
      const times: number[] = [];
      let matches = true;
      for (let i = 0; i < runs; i++) {
        if (runs > 1) await allUnloaded();
        const start = performance.now();
        const client = connectClient(server.wsUrl, mapId);
        await waitFor(() => client.provider.synced, 'the first sync', 60_000, 1);
        times.push(performance.now() - start);
        matches &&= sameState(client.doc, expected);
        client.destroy();
      }
      results.push({ ms: median(times), matches });
    }
    return results;
  } finally {
    await server.stop();
  }
}

function diskSize(dataDir: string): number {
  return fs
    .readdirSync(dataDir)
    .filter((f) => f.startsWith('cjm.sqlite'))
    .reduce((sum, f) => sum + fs.statSync(path.join(dataDir, f)).size, 0);
}

/** Bytes of the map's rows (snapshot + updates), read beside the server's connection. */
function storedBytes(dataDir: string, mapId: string): { bytes: number; rows: number } {
  const db = new Database(path.join(dataDir, 'cjm.sqlite'), { readonly: true });
  try {
    const updates = db
      .prepare<[string], { bytes: number | null; rows: number }>('SELECT SUM(LENGTH(bytes)) AS bytes, COUNT(*) AS rows FROM updates WHERE map_id = ?')
      .get(mapId)!;
    const snapshot = db
      .prepare<[string], { bytes: number | null }>('SELECT SUM(LENGTH(bytes)) AS bytes FROM snapshots WHERE map_id = ?')
      .get(mapId)!;
    return { bytes: (updates.bytes ?? 0) + (snapshot.bytes ?? 0), rows: updates.rows };
  } finally {
    db.close();
  }
}

export const persistenceBenchmark: Benchmark = {
  name: 'persistence',
  description: 'Cold load of a room with 50,000 stored updates, before and after compaction; size on disk',
  async run(options) {
    const updates = options.quick ? 5_000 : 50_000;
    const runs = options.quick ? 1 : 3;
    const dataDir = tempDir('persistence');
    const mapId = newMapId();

    const persistence = openSqliteStorage(dataDir);
    const warmUpMapId = newMapId();
    const warmUp = bigMapDoc(200, 3);
    await persistence.createMap({ id: warmUpMapId, state: Y.encodeStateAsUpdate(warmUp), entry: listEntryOf(warmUp), now: Date.now() });
    warmUp.destroy();
    const writeStart = performance.now();
    const expected = await writeHistory(persistence, mapId, updates);
    options.log(`  wrote ${updates} updates in ${round((performance.now() - writeStart) / 1000)} s`);
    const before = storedBytes(dataDir, mapId);
    const diskBefore = diskSize(dataDir);
    // The server compacts when it shuts down, so the first sync before compaction runs on a copy.
    // Nothing is writing now, so the database and its WAL copy consistently (SQLite rebuilds -shm).
    const copyDir = tempDir('persistence-copy');
    for (const file of ['cjm.sqlite', 'cjm.sqlite-wal']) {
      if (fs.existsSync(path.join(dataDir, file))) fs.copyFileSync(path.join(dataDir, file), path.join(copyDir, file));
    }

    const loadBefore = await timeServerLoad(persistence, mapId, expected, runs);
    const room = new Room(mapId, roomSettings(persistence), await persistence.loadDoc(mapId));
    const compactStart = performance.now();
    await room.compact();
    const compactMs = performance.now() - compactStart;
    room.doc.destroy();
    const loadAfter = await timeServerLoad(persistence, mapId, expected, runs);
    const answerAfter = await timeFreshAnswer(persistence, mapId, expected, runs);
    await persistence.close();
    const after = storedBytes(dataDir, mapId);
    const diskAfter = diskSize(dataDir);

    // The canvas benchmark's big map, stored the way an imported map is (one snapshot).
    const bigMapId = newMapId();
    const bigMap = bigMapDoc(options.quick ? 200 : BIG_MAP_TOUCHPOINTS);
    const reopened = openSqliteStorage(dataDir);
    await reopened.createMap({ id: bigMapId, state: Y.encodeStateAsUpdate(bigMap), entry: listEntryOf(bigMap), now: Date.now() });
    const answerBigFirst = await timeFreshAnswer(reopened, bigMapId, bigMap, 1);
    const answerBig = await timeFreshAnswer(reopened, bigMapId, bigMap, runs);
    await reopened.close();

    const syncBefore = (await timeFirstSync(copyDir, [{ mapId, expected }], warmUpMapId, 1))[0]!;
    const syncedAfter = await timeFirstSync(
      dataDir,
      [
        { mapId, expected },
        { mapId: bigMapId, expected: bigMap },
      ],
      warmUpMapId,
      runs,
    );
    const syncAfter = syncedAfter[0]!;
    const syncBig = syncedAfter[1]!;
    options.log(
      `  before compaction: ${before.rows} update rows, ${round(before.bytes / KB)} KB stored, ${round(diskBefore / KB)} KB on disk; ` +
        `server load ${round(loadBefore.ms)} ms, first sync ${round(syncBefore.ms)} ms`,
    );
    options.log(
      `  compaction ${round(compactMs)} ms; after: ${after.rows} update rows, ${round(after.bytes / KB)} KB stored, ` +
        `${round(diskAfter / KB)} KB on disk; server load ${round(loadAfter.ms)} ms, answer to a fresh client ` +
        `${round(answerAfter.ms)} ms, first sync ${round(syncAfter.ms)} ms`,
    );
    options.log(
      `  big map: answer to a fresh client ${round(answerBig.ms)} ms (first open after import ${round(answerBigFirst.ms)} ms), ` +
        `first sync ${round(syncBig.ms)} ms`,
    );

    const checks = { loadBefore, syncBefore, loadAfter, answerAfter, syncAfter, answerBigFirst, answerBig, syncBig };
    const differing = Object.entries(checks).filter(([, result]) => !result.matches);
    const faithful = differing.length === 0;
    if (!faithful) {
      options.log(`  WARNING: the reloaded map differs from what was written in: ${differing.map(([name]) => name).join(', ')}`);
    }
    const wrong = faithful ? '' : '; WARNING: reloaded map differs from what was written';
    const label = `${updates.toLocaleString('en-US')} updates`;
    const bigLabel = `${(options.quick ? 200 : BIG_MAP_TOUCHPOINTS).toLocaleString('en-US')}-touchpoint map`;
    const figures: Figure[] = [
      {
        key: 'persistence.before.loadMs',
        name: `persistence ${label}: cold load, before compaction`,
        value: round(loadBefore.ms),
        unit: 'ms',
        note: `loadDoc + new Room + decoding the doc, median of ${runs}${wrong}`,
      },
      {
        key: 'persistence.after.loadMs',
        name: `persistence ${label}: cold load, after compaction`,
        value: round(loadAfter.ms),
        unit: 'ms',
        target: { op: '<', value: 150 },
        note: `loadDoc + new Room + decoding the doc, median of ${runs}${wrong}`,
      },
      {
        key: 'persistence.before.firstSyncMs',
        name: `persistence ${label}: fresh client's first sync, before compaction`,
        value: round(syncBefore.ms),
        unit: 'ms',
        note: 'server in a child process loads the room; includes the client applying the map',
      },
      {
        key: 'persistence.after.firstSyncMs',
        name: `persistence ${label}: fresh client's first sync, after compaction`,
        value: round(syncAfter.ms),
        unit: 'ms',
        note: `cold room each time, median of ${runs}${wrong}`,
      },
      {
        key: 'persistence.after.freshAnswerMs',
        name: `persistence ${label}: server's answer to a fresh client, cold room after compaction`,
        value: round(answerAfter.ms),
        unit: 'ms',
        note: `in-process: loadDoc + new Room + join + sync step 2, median of ${runs}${wrong}`,
      },
      {
        key: 'persistence.bigMap.freshAnswerMs',
        name: `persistence ${bigLabel}: server's answer to a fresh client, cold room`,
        value: round(answerBig.ms),
        unit: 'ms',
        note: `in-process: loadDoc + new Room + join + sync step 2, median of ${runs}; its first open after import: ${round(answerBigFirst.ms)} ms${wrong}`,
      },
      {
        key: 'persistence.bigMap.firstSyncMs',
        name: `persistence ${bigLabel}: fresh client's first sync`,
        value: round(syncBig.ms),
        unit: 'ms',
        note: `server in a child process, cold room each time, median of ${runs}; includes the client applying the map${wrong}`,
      },
      { key: 'persistence.compactMs', name: `persistence ${label}: compaction`, value: round(compactMs), unit: 'ms' },
      {
        key: 'persistence.before.storedKb',
        name: `persistence ${label}: stored before compaction`,
        value: round(before.bytes / KB),
        unit: 'KB',
        note: `${round(diskBefore / KB)} KB of database files on disk`,
      },
      {
        key: 'persistence.after.storedKb',
        name: `persistence ${label}: stored after compaction`,
        value: round(after.bytes / KB),
        unit: 'KB',
        note: `${round(diskAfter / KB)} KB of database files (SQLite keeps freed pages)`,
      },
    ];
    expected.destroy();
    bigMap.destroy();
    return figures;
  },
};
