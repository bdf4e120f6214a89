// The Storage contract, run against both implementations: SQLite (a temp data folder) and
// PostgreSQL (a private engine from tests/fixtures/engines.ts, a fresh database per test).
// Then what only PostgreSQL has to get right: instances migrating at once, compaction that
// folds rows the compacting room never saw, one compaction per map at a time, and a database
// that goes away and comes back.
import * as Y from 'yjs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTouchpoint, setMapTitle } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import type { Review } from '../../src/domain/types';
import { openPostgresStorage } from '../../server/storage/postgres';
import { openSqliteStorage } from '../../server/storage/sqlite';
import { isStorageFailure, type NewMap, type Storage } from '../../server/storage/Storage';
import { makeMapDoc } from '../fixtures/factories';
import { describeWithEngines, freshDatabase, startPostgres, type RunningEngine } from '../fixtures/engines';
import { removeTempDirs, tempDir } from './helpers';

afterAll(() => removeTempDirs());

let idCounter = 0;
/** A valid map id (22 URL-safe characters), unique within the run. */
const mapId = () => `map${String(++idCounter).padStart(4, '0')}${'x'.repeat(15)}`;

function newMap(id: string, title: string, now = 1000): NewMap & { doc: Y.Doc } {
  const { doc } = makeMapDoc({ title });
  return { id, state: Y.encodeStateAsUpdate(doc), entry: { title, touchpointCount: 0 }, now, doc };
}

const review = (id: string, createdAt: string): Review => ({
  id,
  name: `Review ${id}`,
  summary: '',
  createdAt,
  snapshot: { meta: { title: 'x' } } as unknown as Review['snapshot'],
  checklist: {},
});

/** Rebuilds a map's doc from what the store returns. */
async function loaded(store: Storage, id: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await store.loadDoc(id)).updates) Y.applyUpdate(doc, update);
  return doc;
}

/** An edit made on a copy of `doc`, as the update a client would send. */
function editOf(doc: Y.Doc, edit: (d: Y.Doc) => void): Uint8Array {
  let update: Uint8Array | null = null;
  const onUpdate = (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u);
  doc.on('update', onUpdate);
  edit(doc);
  doc.off('update', onUpdate);
  return update!;
}

const cardsIn = (doc: Y.Doc) => readSnapshot(doc).touchpoints.map((t) => t.title).sort();

function addCardTo(doc: Y.Doc, title: string) {
  const snap = readSnapshot(doc);
  addTouchpoint(doc, { stageId: snap.stages[0]!.id, channelId: snap.channels[0]!.id, title });
}

interface Engine {
  /** Opens the store of test `key` (the same key reopens the same data). */
  open(key: string): Promise<Storage>;
}

function storageContract(engine: () => Engine) {
  it('creates, lists, renames, deletes and restores maps; rotates link keys', async () => {
    const store = await engine().open('maps');
    try {
      const a = mapId();
      const b = mapId();
      await store.createMap(newMap(a, 'First', 1000));
      await store.createMap(newMap(b, 'Second', 2000));
      await expect(store.createMap(newMap(a, 'Again'))).rejects.toThrow();
      expect(await store.findMap(a)).toEqual({
        id: a,
        createdAt: 1000,
        updatedAt: 1000,
        deletedAt: null,
        title: 'First',
        touchpointCount: 0,
        keyGeneration: 0,
      });
      expect(await store.findMap(mapId())).toBeUndefined();
      expect((await store.liveMaps()).map((m) => m.id)).toEqual([b, a]);

      await store.setListEntry(a, { title: 'Renamed', touchpointCount: 3 }, 3000);
      // A doc without a title yet keeps the list's title.
      await store.setListEntry(b, { title: '', touchpointCount: 1 }, 2500);
      expect((await store.liveMaps()).map((m) => [m.id, m.title, m.touchpointCount, m.updatedAt])).toEqual([
        [a, 'Renamed', 3, 3000],
        [b, 'Second', 1, 2500],
      ]);

      await store.setDeletedAt(a, 4000);
      expect((await store.liveMaps()).map((m) => m.id)).toEqual([b]);
      expect((await store.findMap(a))?.deletedAt).toBe(4000);
      await store.setDeletedAt(a, null);
      expect((await store.liveMaps()).length).toBe(2);

      expect(await store.rotateKey(a)).toBe(1);
      expect(await store.rotateKey(a)).toBe(2);
      expect((await store.findMap(a))?.keyGeneration).toBe(2);
      expect(await store.rotateKey(mapId())).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('appends updates in order, loads snapshot then log, compacts, and keeps it all across a reopen', async () => {
    const first = await engine().open('content');
    const id = mapId();
    const map = newMap(id, 'Content');
    await first.createMap(map);
    const fresh = await first.loadDoc(id);
    expect(fresh.pendingCount).toBe(0);
    expect(fresh.updates.length).toBe(1);
    expect(Buffer.from(fresh.snapshotStateVector!).equals(Buffer.from(Y.encodeStateVector(map.doc)))).toBe(true);

    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) seqs.push(await first.appendUpdates(id, [editOf(map.doc, (d) => addCardTo(d, `Card ${i}`))]));
    seqs.push(await first.appendUpdates(id, [editOf(map.doc, (d) => addCardTo(d, 'A')), editOf(map.doc, (d) => addCardTo(d, 'B'))]));
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    let stored = await first.loadDoc(id);
    expect(stored.pendingCount).toBe(7);
    expect(stored.lastSeq).toBe(seqs.at(-1));
    expect(cardsIn(await loaded(first, id))).toEqual(cardsIn(map.doc));

    await first.compact(id, Y.encodeStateAsUpdate(map.doc), stored.lastSeq, 5000, Y.encodeStateVector(map.doc));
    stored = await first.loadDoc(id);
    expect(stored.pendingCount).toBe(0);
    expect(stored.updates.length).toBe(1);
    expect(stored.snapshotStateVector).not.toBeNull();
    await first.appendUpdates(id, [editOf(map.doc, (d) => setMapTitle(d, 'After compaction'))]);
    await first.close();

    const second = await engine().open('content');
    try {
      const doc = await loaded(second, id);
      expect(cardsIn(doc)).toEqual(cardsIn(map.doc));
      expect(readSnapshot(doc).meta.title).toBe('After compaction');
      expect((await second.loadDoc(id)).pendingCount).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('records a missing snapshot state vector only while that snapshot is current', async () => {
    const store = await engine().open('vectors');
    try {
      const id = mapId();
      const map = newMap(id, 'Vectors');
      await store.createMap(map);
      // Stored with one already: nothing to record.
      expect(await store.recordSnapshotStateVector(id, map.state.byteLength, Y.encodeStateVector(map.doc))).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('keeps replace backups within their bounds, lists and restores them', async () => {
    const store = await engine().open('backups');
    try {
      const of = mapId();
      await store.createMap(newMap(of, 'Original'));
      const backups = [mapId(), mapId(), mapId()];
      const dropped: string[][] = [];
      for (const [i, id] of backups.entries()) {
        dropped.push(await store.createBackup(of, newMap(id, `Backup ${i}`, 2000 + i), { maxCount: 2, maxBytes: 1e9 }));
      }
      expect(dropped).toEqual([[], [], [backups[0]]]);
      expect(await store.findMap(backups[0]!)).toBeUndefined();
      const listed = await store.listBackups(of);
      expect(listed.map((b) => [b.id, b.title, b.createdAt])).toEqual([
        [backups[2], 'Backup 2', 2002],
        [backups[1], 'Backup 1', 2001],
      ]);
      expect(listed[0]!.bytes).toBeGreaterThan(0);
      // Backups are deleted maps: out of the list until restored.
      expect((await store.liveMaps()).map((m) => m.id)).toEqual([of]);
      expect(await store.restoreBackup(of, backups[1]!)).toBe(true);
      expect(await store.restoreBackup(of, backups[1]!)).toBe(false);
      expect((await store.liveMaps()).map((m) => m.id).sort()).toEqual([of, backups[1]].sort());
      // A byte bound keeps only the newest.
      const tight = await store.createBackup(of, newMap(mapId(), 'Big', 3000), { maxCount: 10, maxBytes: 1 });
      expect(tight).toEqual([backups[2]]);
    } finally {
      await store.close();
    }
  });

  it('stores reviews and health figures; purges deleted maps with everything of theirs', async () => {
    const store = await engine().open('reviews');
    try {
      const id = mapId();
      const other = mapId();
      await store.createMap(newMap(id, 'Reviewed'));
      await store.createMap({ ...newMap(other, 'Imported'), reviews: [review('imp', '2026-01-01T00:00:00.000Z')] });
      await store.insertReviews(id, [review('r1', '2026-03-01T00:00:00.000Z'), review('r2', '2026-06-01T00:00:00.000Z')]);
      await expect(store.insertReviews(id, [review('r3', '2026-07-01T00:00:00.000Z'), review('r1', '2026-07-01T00:00:00.000Z')])).rejects.toThrow();
      // One transaction: the failed batch left nothing behind.
      expect(await store.countReviews(id)).toBe(2);
      expect((await store.listReviews(id)).map((r) => [r.id, r.createdAt])).toEqual([
        ['r2', Date.parse('2026-06-01T00:00:00.000Z')],
        ['r1', Date.parse('2026-03-01T00:00:00.000Z')],
      ]);
      expect(await store.getReview(id, 'r1')).toEqual(review('r1', '2026-03-01T00:00:00.000Z'));
      expect(await store.getReview(id, 'nope')).toBeUndefined();
      expect((await store.allReviews(id)).map((r) => r.id)).toEqual(['r1', 'r2']);
      expect(await store.lastReviewTimes()).toEqual(
        new Map([
          [id, Date.parse('2026-06-01T00:00:00.000Z')],
          [other, Date.parse('2026-01-01T00:00:00.000Z')],
        ]),
      );
      expect(await store.removeReview(id, 'r1')).toBe(true);
      expect(await store.removeReview(id, 'r1')).toBe(false);

      await store.putHealth(id, '{"a":1}');
      await store.putHealth(id, '{"a":2}');
      expect(await store.getHealth(id)).toBe('{"a":2}');
      expect(await store.getHealth(other)).toBeUndefined();

      await store.appendUpdates(id, [new Uint8Array([0, 0])]);
      await store.setDeletedAt(id, 100);
      await store.setDeletedAt(other, 900);
      expect(await store.purgeDeletedBefore(500)).toBe(1);
      expect(await store.findMap(id)).toBeUndefined();
      expect(await store.countReviews(id)).toBe(0);
      expect(await store.getHealth(id)).toBeUndefined();
      expect((await store.loadDoc(id)).updates).toEqual([]);
      expect(await store.findMap(other)).toBeDefined();
    } finally {
      await store.close();
    }
  });
}

describe('storage contract: SQLite', () => {
  const dirs = new Map<string, string>();
  storageContract(() => ({
    async open(key) {
      if (!dirs.has(key)) dirs.set(key, tempDir('cjm-storage-'));
      return openSqliteStorage(dirs.get(key)!);
    },
  }));
});

describeWithEngines('storage contract: PostgreSQL', { postgres: true }, () => {
  let engine: RunningEngine;
  const databases = new Map<string, string>();
  let dbCounter = 0;
  beforeAll(async () => {
    engine = await startPostgres();
  });
  afterAll(async () => {
    await engine?.stop();
  });
  const database = async (key: string) => {
    if (!databases.has(key)) databases.set(key, await freshDatabase(engine, `t${++dbCounter}_${key}`));
    return databases.get(key)!;
  };

  storageContract(() => ({ open: async (key) => openPostgresStorage(await database(key)) }));

  it('migrates once when several instances start at the same moment', async () => {
    const url = await database('migrate');
    const stores = await Promise.all([0, 1, 2, 3].map(() => openPostgresStorage(url)));
    try {
      const id = mapId();
      await stores[0]!.createMap(newMap(id, 'Shared'));
      expect((await stores[3]!.findMap(id))?.title).toBe('Shared');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT version FROM schema_version');
      await client.end();
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('folds into the snapshot every row it drops, even rows the compacting room never saw', async () => {
    const url = await database('fold');
    const a = await openPostgresStorage(url);
    const b = await openPostgresStorage(url);
    try {
      const id = mapId();
      const map = newMap(id, 'Two instances');
      await a.createMap(map);
      // Instance B stores an edit that instance A's room never hears of (say the relay was down)…
      const other = new Y.Doc();
      Y.applyUpdate(other, map.state);
      await b.appendUpdates(id, [editOf(other, (d) => addCardTo(d, 'From B'))]);
      // …then A stores its own and compacts with its doc, which lacks B's card.
      const seq = await a.appendUpdates(id, [editOf(map.doc, (d) => addCardTo(d, 'From A'))]);
      await a.compact(id, Y.encodeStateAsUpdate(map.doc), seq, 2000, Y.encodeStateVector(map.doc));
      const stored = await a.loadDoc(id);
      expect(stored.pendingCount).toBe(0);
      expect(cardsIn(await loaded(a, id))).toEqual(['From A', 'From B']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('skips a compaction while another instance compacts the same map', async () => {
    const url = await database('lock');
    const store = await openPostgresStorage(url);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      const id = mapId();
      const map = newMap(id, 'Locked');
      await store.createMap(map);
      const seq = await store.appendUpdates(id, [editOf(map.doc, (d) => addCardTo(d, 'Kept'))]);
      // Another instance inside its compaction of this map: it holds the map's lock.
      await holder.query('BEGIN');
      const { rows } = await holder.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked",
        [0x636a6d2, id],
      );
      expect(rows[0]!.locked).toBe(true);
      await store.compact(id, Y.encodeStateAsUpdate(map.doc), seq, 2000, null);
      expect((await store.loadDoc(id)).pendingCount).toBe(1);
      await holder.query('COMMIT');
      await store.compact(id, Y.encodeStateAsUpdate(map.doc), seq, 2000, null);
      expect((await store.loadDoc(id)).pendingCount).toBe(0);
      expect(cardsIn(await loaded(store, id))).toEqual(['Kept']);
    } finally {
      await holder.end();
      await store.close();
    }
  });

  it('refuses writes as a storage failure while the database is down, and works again once it is back', async () => {
    const url = await database('outage');
    const store = await openPostgresStorage(url);
    try {
      const id = mapId();
      const map = newMap(id, 'Outage');
      await store.createMap(map);
      await store.appendUpdates(id, [editOf(map.doc, (d) => addCardTo(d, 'Before'))]);
      await engine.down();
      const during = editOf(map.doc, (d) => addCardTo(d, 'During'));
      const failure = await store.appendUpdates(id, [during]).catch((e: unknown) => e);
      expect(isStorageFailure(failure)).toBe(true);
      await expect(store.findMap(id)).rejects.toSatisfy(isStorageFailure);
      await engine.up();
      // The pool's broken connections are replaced; nothing acknowledged was lost, and the
      // refused update goes in when resent (as the stock client does on reconnect).
      await store.appendUpdates(id, [during, editOf(map.doc, (d) => addCardTo(d, 'After'))]);
      expect(cardsIn(await loaded(store, id))).toEqual(['After', 'Before', 'During']);
    } finally {
      await engine.up();
      await store.close();
    }
  });
});
