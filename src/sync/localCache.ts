// The browser's copy of every map: each map's Yjs updates and the map list, in IndexedDB
// through Dexie. Updates are appended as they happen (nothing is lost by a reload or a
// crash) and merged into one row once there are many, so storage does not grow without bound.
import Dexie, { type Table } from 'dexie';
import * as Y from 'yjs';
import { CACHE_DB_NAME, forgetCopy, noteCopy, notedCopy } from './copyNote';

export interface StoredUpdate {
  seq?: number;
  mapId: string;
  update: Uint8Array;
}

export interface CachedMapEntry {
  id: string;
  title: string;
  updatedAt: string;
  touchpointCount: number;
  /** Created while offline and not yet known to the server. */
  pendingCreate?: boolean;
}

export class CjmCacheDb extends Dexie {
  updates!: Table<StoredUpdate, number>;
  maps!: Table<CachedMapEntry, string>;

  constructor(name = CACHE_DB_NAME) {
    super(name);
    this.version(1).stores({
      updates: '++seq, mapId',
      maps: 'id, updatedAt',
    });
    // Noted where it can be read before IndexedDB opens (see mayHoldCopy).
    this.updates.hook('creating', (_seq, row) => noteCopy(this.name, row.mapId));
  }
}

/** Updates stored per map before they are merged into one. */
export const COMPACT_AFTER = 100;

/** Origin of updates replayed from the cache, so they are not written back. */
export const CACHE_ORIGIN = Symbol('cjm-cache');

export async function readMapUpdates(db: CjmCacheDb, mapId: string): Promise<Uint8Array[]> {
  const rows = await db.updates.where('mapId').equals(mapId).sortBy('seq');
  return rows.map((r) => r.update);
}

/** Merges a map's stored updates into one row, atomically. */
export async function compactMap(db: CjmCacheDb, mapId: string): Promise<void> {
  await db.transaction('rw', db.updates, async () => {
    const rows = await db.updates.where('mapId').equals(mapId).sortBy('seq');
    if (rows.length < 2) return;
    const merged = Y.mergeUpdates(rows.map((r) => r.update));
    await db.updates.bulkDelete(rows.map((r) => r.seq!));
    await db.updates.add({ mapId, update: merged });
  });
}

export async function deleteMapData(db: CjmCacheDb, mapId: string): Promise<void> {
  await db.transaction('rw', db.updates, db.maps, async () => {
    await db.updates.where('mapId').equals(mapId).delete();
    await db.maps.delete(mapId);
  });
  forgetCopy(db.name, mapId);
}

/** Runs once the browser is idle after drawing, or within a second whatever happens. */
function afterPaint(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: 1000 });
  else setTimeout(run, 50);
}

/**
 * Keeps one Y.Doc in step with its cached updates: `whenLoaded` resolves once the
 * cached state is applied; every later update is appended (batched per microtask).
 */
export class DocCache {
  readonly whenLoaded: Promise<void>;
  private pending: Uint8Array[] = [];
  private flushing: Promise<void> | null = null;
  /** A write of what came from the server waits for the browser to be idle. */
  private idleFlush = false;
  private storedSinceCompact = 0;
  private destroyed = false;
  /** The cached copy could not be read, decoded or found (set by the time `whenLoaded` resolves). */
  unreadable = false;

  constructor(
    private readonly db: CjmCacheDb,
    private readonly mapId: string,
    private readonly doc: Y.Doc,
  ) {
    doc.on('update', this.onUpdate);
    this.whenLoaded = this.load();
  }

  /**
   * Never rejects: a copy that cannot be read leaves `unreadable` set and the map loads from the
   * server alone (the user is told), rather than the map staying blank.
   */
  private async load(): Promise<void> {
    let updates: Uint8Array[];
    try {
      updates = await readMapUpdates(this.db, this.mapId);
    } catch (error) {
      // IndexedDB itself failed: keep the rows (they may read next time) and go on without them.
      console.error('The cached copy of the map could not be read', error);
      this.unreadable = true;
      return;
    }
    this.storedSinceCompact = updates.length;
    // Noted as stored here, yet nothing is: the browser evicted it, or someone cleared IndexedDB.
    if (updates.length === 0 && notedCopy(this.db.name, this.mapId)) this.unreadable = true;
    if (updates.length === 0 || this.destroyed) return;
    try {
      Y.transact(this.doc, () => updates.forEach((u) => Y.applyUpdate(this.doc, u)), CACHE_ORIGIN);
    } catch (error) {
      // Damaged bytes nobody can decode: replace them by what did decode, so the next start is clean.
      console.error('The cached copy of the map is damaged', error);
      this.unreadable = true;
      await this.replaceWithDoc().catch(() => undefined);
    }
  }

  private async replaceWithDoc(): Promise<void> {
    await this.db.transaction('rw', this.db.updates, async () => {
      await this.db.updates.where('mapId').equals(this.mapId).delete();
      await this.db.updates.add({ mapId: this.mapId, update: Y.encodeStateAsUpdate(this.doc) });
    });
    this.storedSinceCompact = 1;
  }

  /**
   * The whole map as the server sent it (a first visit's early fetch), applied while nothing
   * listens for 'update': Yjs would otherwise encode all of it again for the listener (a
   * quarter of a second for 2,000 touchpoints). These very bytes are kept, when the browser is idle.
   * Throws when the bytes do not decode.
   */
  adoptServerState(update: Uint8Array, origin: unknown): void {
    this.doc.off('update', this.onUpdate);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.doc.on('update', this.onUpdate);
    }
    this.keep(update, false);
  }

  private onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (origin === CACHE_ORIGIN || this.destroyed) return;
    this.keep(update, transaction.local);
  };

  private keep(update: Uint8Array, local: boolean): void {
    this.pending.push(update);
    // This person's edits are written at once (with whatever waits). What came from the server is
    // kept there already, so it waits for a pause: a whole map arriving is not cloned into
    // IndexedDB before it is drawn.
    if (local) this.flushSoon();
    else if (!this.idleFlush) {
      this.idleFlush = true;
      afterPaint(() => {
        this.idleFlush = false;
        this.flushSoon();
      });
    }
  }

  private flushSoon(): void {
    if (!this.flushing) this.flushing = Promise.resolve().then(() => this.flush());
  }

  /** Writes every queued update; resolves when they are on disk. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
      await this.db.updates.add({ mapId: this.mapId, update });
      this.storedSinceCompact += 1;
    }
    this.flushing = null;
    if (this.storedSinceCompact >= COMPACT_AFTER) {
      this.storedSinceCompact = 1;
      await compactMap(this.db, this.mapId);
    }
  }

  async destroy(): Promise<void> {
    this.doc.off('update', this.onUpdate);
    await (this.flushing ?? this.flush());
    this.destroyed = true;
  }
}
