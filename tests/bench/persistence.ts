// Benchmark 4: persistence. A room whose history is 50,000 small updates (ten people typing
// titles, editing and voting notes on a 200-touchpoint map), written through the server's
// persistence module. Cold load before and after compaction, two ways: the server's own load
// path (persistence.loadDoc + new Room, as RoomRegistry.open does) and the first sync of a
// fresh client against the server in a child process. Plus the size on disk.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { silentLogger } from '../../server/log';
import { openPersistence, type Persistence } from '../../server/persistence';
import { listEntryOf, Room } from '../../server/rooms';
import { readSnapshot } from '../../src/doc/read';
import { addNote, updateNote, updateTouchpoint, voteNote } from '../../src/doc/mutations';
import { newMapId } from '../../src/domain/ids';
import { NOTE_KINDS } from '../../src/domain/types';
import type { Benchmark, Figure } from './types';
import { bigMapDoc } from './lib/bigMap';
import { connectClient } from './lib/clients';
import { startServerProcess } from './lib/serverProcess';
import { median, round, waitFor } from './lib/stats';
import { mulberry32 } from '../fixtures/random';
import { tempDir } from './lib/workspace';

const WRITERS = 10;
const SESSION = 100;
/** High enough that no measurement compacts by itself. */
const NEVER_COMPACT = 1_000_000;
const KB = 1024;

/** The map's history as the server would have stored it, and the state it must load back to. */
export function writeHistory(persistence: Persistence, mapId: string, updates: number): Y.Doc {
  const base = bigMapDoc(200);
  const master = new Y.Doc();
  Y.applyUpdate(master, Y.encodeStateAsUpdate(base));
  persistence.createMap(mapId, Y.encodeStateAsUpdate(base), listEntryOf(base), Date.now());
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
      persistence.appendUpdate(mapId, update);
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

const roomSettings = (persistence: Persistence) => ({
  persistence,
  log: silentLogger,
  now: Date.now,
  idleUnloadMs: 60_000,
  compactAfter: NEVER_COMPACT,
  listRefreshMs: 60_000,
});

/** The server's cold load (RoomRegistry.open without the map-row lookup), median of `runs`. */
function timeServerLoad(persistence: Persistence, mapId: string, expected: Y.Doc, runs: number) {
  const times: number[] = [];
  let matches = true;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const room = new Room(mapId, roomSettings(persistence), persistence.loadDoc(mapId));
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

/** A fresh client's first sync against the server in a child process (which loads the room). */
async function timeFirstSync(
  dataDir: string,
  mapId: string,
  warmUpMapId: string,
  expected: Y.Doc,
): Promise<{ ms: number; matches: boolean }> {
  const server = await startServerProcess('ours', { dataDir, staticDir: dataDir, compactAfter: NEVER_COMPACT });
  try {
    // A running server has loaded rooms before: warm its code paths on another map first.
    for (let i = 0; i < 3; i++) {
      const warm = connectClient(server.wsUrl, warmUpMapId);
      await waitFor(() => warm.provider.synced, 'the warm-up sync', 60_000, 1);
      warm.destroy();
    }
    const start = performance.now();
    const client = connectClient(server.wsUrl, mapId);
    await waitFor(() => client.provider.synced, 'the first sync', 60_000, 1);
    const ms = performance.now() - start;
    const matches = sameState(client.doc, expected);
    client.destroy();
    return { ms, matches };
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

    const persistence = openPersistence(dataDir);
    const warmUpMapId = newMapId();
    const warmUp = bigMapDoc(200, 3);
    persistence.createMap(warmUpMapId, Y.encodeStateAsUpdate(warmUp), listEntryOf(warmUp), Date.now());
    warmUp.destroy();
    const writeStart = performance.now();
    const expected = writeHistory(persistence, mapId, updates);
    options.log(`  wrote ${updates} updates in ${round((performance.now() - writeStart) / 1000)} s`);
    const before = storedBytes(dataDir, mapId);
    const diskBefore = diskSize(dataDir);
    // The server compacts when it shuts down, so the first sync before compaction runs on a copy.
    // Nothing is writing now, so the database and its WAL copy consistently (SQLite rebuilds -shm).
    const copyDir = tempDir('persistence-copy');
    for (const file of ['cjm.sqlite', 'cjm.sqlite-wal']) {
      if (fs.existsSync(path.join(dataDir, file))) fs.copyFileSync(path.join(dataDir, file), path.join(copyDir, file));
    }

    const loadBefore = timeServerLoad(persistence, mapId, expected, runs);
    const room = new Room(mapId, roomSettings(persistence), persistence.loadDoc(mapId));
    const compactStart = performance.now();
    room.compact();
    const compactMs = performance.now() - compactStart;
    room.doc.destroy();
    const loadAfter = timeServerLoad(persistence, mapId, expected, runs);
    persistence.close();
    const after = storedBytes(dataDir, mapId);
    const diskAfter = diskSize(dataDir);

    const syncBefore = await timeFirstSync(copyDir, mapId, warmUpMapId, expected);
    const syncAfter = await timeFirstSync(dataDir, mapId, warmUpMapId, expected);
    options.log(
      `  before compaction: ${before.rows} update rows, ${round(before.bytes / KB)} KB stored, ${round(diskBefore / KB)} KB on disk; ` +
        `server load ${round(loadBefore.ms)} ms, first sync ${round(syncBefore.ms)} ms`,
    );
    options.log(
      `  compaction ${round(compactMs)} ms; after: ${after.rows} update rows, ${round(after.bytes / KB)} KB stored, ` +
        `${round(diskAfter / KB)} KB on disk; server load ${round(loadAfter.ms)} ms, first sync ${round(syncAfter.ms)} ms`,
    );

    const faithful = loadBefore.matches && syncBefore.matches && loadAfter.matches && syncAfter.matches;
    if (!faithful) {
      options.log(
        `  WARNING: the reloaded map differs from what was written (server load before/after: ${loadBefore.matches}/${loadAfter.matches}, ` +
          `first sync before/after: ${syncBefore.matches}/${syncAfter.matches})`,
      );
    }
    const wrong = faithful ? '' : '; WARNING: reloaded map differs from what was written';
    const label = `${updates.toLocaleString('en-US')} updates`;
    const figures: Figure[] = [
      {
        key: 'persistence.before.loadMs',
        name: `persistence ${label}: cold load, before compaction`,
        value: round(loadBefore.ms),
        unit: 'ms',
        note: `loadDoc + new Room, median of ${runs}${wrong}`,
      },
      {
        key: 'persistence.after.loadMs',
        name: `persistence ${label}: cold load, after compaction`,
        value: round(loadAfter.ms),
        unit: 'ms',
        target: { op: '<', value: 150 },
        note: `loadDoc + new Room, median of ${runs}${wrong}`,
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
    return figures;
  },
};
