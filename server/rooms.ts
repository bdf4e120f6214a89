// Rooms: one live Y.Doc per open map, shared by every connection to it. A room writes each
// update to SQLite before applying and relaying it (the updates that arrive within one turn of
// the event loop share one transaction), folds the update log into a snapshot in
// the background, keeps the map list's title and touchpoint count fresh (throttled), and
// leaves memory once nobody has been connected for a while. When the disk refuses a write the
// room turns read-only for a while: it still serves the map, but stores and relays nothing.
//
// Decoding a big map into a Y.Doc is the slow part of opening a room (Yjs integrating every
// struct, tombstones included: ~130–250 ms for a 1–3 MB map). A room opened from a lone
// snapshot whose state vector is on record does not wait for it: it greets each client with
// that state vector and answers a client that holds nothing of the map with the snapshot's
// bytes as they are, then decodes the doc once that answer is on its way (or at once, when
// anything needs the doc). Until the doc changes, later such clients get the same bytes.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { readMeta } from '../src/doc/read';
import { touchpointsOf } from '../src/doc/layout';
import { DEFAULTS } from './config';
import { FieldTooLong, StructIndex, findOversizedField, structInDoc } from './fieldLimits';
import type { Logger } from './log';
import { StorageError, type ListEntry, type Persistence, type StoredDoc } from './persistence';
import {
  CLOSE_GOING_AWAY,
  SYNC_STEP_1,
  SYNC_STEP_2,
  type AwarenessEntry,
  decodeAwarenessEntries,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncBytes,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './protocol';

/** One connection as a room sees it. */
export interface RoomPeer {
  /** `sent` runs once the message has been handed to the network (not if the connection is gone). */
  send(message: Uint8Array, sent?: () => void): void;
  close(code: number, reason: string): void;
  /** Awareness client ids this connection speaks for; their presence ends when it leaves. */
  readonly awarenessClients: Set<number>;
  /** The link key generation it was let in with; null when not by a link (never revoked). */
  readonly keyGeneration: number | null;
  /** An update it sent was accepted but could not be stored or applied later on; nothing was relayed. */
  refused(error: unknown): void;
}

/** An update checked and waiting for the room's next write to disk. */
interface QueuedUpdate {
  update: Uint8Array;
  from: RoomPeer;
}

export interface RoomSettings {
  persistence: Persistence;
  log: Logger;
  now: () => number;
  idleUnloadMs: number;
  compactAfter: number;
  listRefreshMs: number;
  /** Largest stored size of one map (default DEFAULTS.maxMapBytes). */
  maxMapBytes?: number;
  /** After a failed write, edits are refused without trying the disk for this long. */
  storageRetryMs?: number;
  /** Called after the map list entry was written, with the live doc (the list's health figures). */
  onListEntry?: (mapId: string, doc: Y.Doc) => void;
}

/** An update that would make the map larger than `maxMapBytes`; nothing was stored. */
export class MapTooLarge extends Error {
  constructor(limit: number) {
    super(`the map would grow past ${limit} bytes`);
    this.name = 'MapTooLarge';
  }
}

export const listEntryOf = (doc: Y.Doc): ListEntry => ({
  title: readMeta(doc).title,
  touchpointCount: touchpointsOf(doc).size,
});

/** No structs, no deletions: what `encodeStateAsUpdate` gives when the peer lacks nothing. */
const isEmptyUpdate = (update: Uint8Array) => update.byteLength === 2 && update[0] === 0 && update[1] === 0;

/** A peer lacking over 1/this of the map's structs is answered with the whole map. */
const LACKING_FOR_WHOLE_MAP = 8;

/** Origin of the updates replayed from disk: they are already stored. */
const LOADED_FROM_DISK = Symbol('loaded-from-disk');

function sameStateVector(a: Uint8Array, b: Uint8Array): boolean {
  const left = Y.decodeStateVector(a);
  const right = Y.decodeStateVector(b);
  if (left.size !== right.size) return false;
  for (const [client, clock] of left) if (right.get(client) !== clock) return false;
  return true;
}

/** Stored rows not decoded into the doc yet, and the state vector they decode to. */
interface PendingLoad {
  rows: Uint8Array[];
  stateVector: Uint8Array;
  /** False when the state vector was read off the bytes and is not in the database yet. */
  recorded: boolean;
}

export class Room {
  /** The map; empty until loaded (`doc` and `load()` load it). */
  private readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly peers = new Set<RoomPeer>();
  closed = false;
  idleTimer: NodeJS.Timeout | null = null;
  private lastSeq: number;
  /** Updates stored since the last snapshot. */
  private pendingCount: number;
  /** Bytes stored for this map: the snapshot plus the updates since. */
  private storedBytes = 0;
  /** Until then, edits are refused: the disk said no a moment ago. */
  private readOnlyUntil = 0;
  private lastChangeAt = 0;
  private listDirty = false;
  private listTimer: NodeJS.Timeout | null = null;
  private compactTimer: NodeJS.Timeout | null = null;
  /** Peers' updates waiting for the one transaction that stores them all, then applies and relays them. */
  private queued: QueuedUpdate[] = [];
  private flushScheduled: NodeJS.Immediate | null = null;
  /** True while applying updates that are already stored (their senders may have left since). */
  private applyingStored = false;
  /** Set while the doc is not loaded yet. */
  private pendingLoad: PendingLoad | null = null;
  /** The state vector clients were greeted with before the doc was loaded. */
  private announcedStateVector: Uint8Array | null = null;
  private loadScheduled: NodeJS.Immediate | null = null;
  /**
   * The whole map as one V1 update, for clients that hold none of it: the stored snapshot, the
   * last compaction's, or encoded once on demand. Dropped by any transaction on the doc.
   */
  private fullState: Uint8Array | null = null;
  /**
   * Step-2 answers already encoded for the doc as it is, by the part of the asker's state vector
   * that matters: a flood of the same question costs one encoding. Dropped by any transaction.
   */
  private readonly answers = new Map<string, Uint8Array>();
  /** The structs of the queued updates: later updates in the queue may build on them. */
  private readonly queuedStructs = new StructIndex();
  /** Who introduced each client id in presence: only that connection may change or end it. */
  private readonly presenceOwners = new Map<number, RoomPeer>();

  constructor(
    readonly mapId: string,
    private readonly settings: RoomSettings,
    stored: StoredDoc,
  ) {
    this.lastSeq = stored.lastSeq;
    this.pendingCount = stored.pendingCount;
    for (const update of stored.updates) this.storedBytes += update.byteLength;
    // The server itself never appears in presence.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
    const snapshot = stored.pendingCount === 0 && stored.updates.length === 1 ? stored.updates[0]! : null;
    // The snapshot is the whole map, encoded as encodeStateAsUpdate would encode the loaded doc.
    this.fullState = snapshot;
    if (snapshot) {
      // Maps stored before state vectors were kept: read it off the snapshot's bytes (no decoding
      // into a doc); it is recorded once the doc is loaded and confirms it.
      const recorded = stored.snapshotStateVector !== null;
      const stateVector = stored.snapshotStateVector ?? Y.encodeStateVectorFromUpdate(snapshot);
      this.pendingLoad = { rows: stored.updates, stateVector, recorded };
    } else {
      this.applyStored(stored.updates, snapshot);
    }
    this.scheduleCompaction();
  }

  /** The map's doc, loaded from disk first if it was not yet. */
  get doc(): Y.Doc {
    this.load();
    return this.ydoc;
  }

  /** True once the stored map has been decoded into the doc. */
  get loaded(): boolean {
    return this.pendingLoad === null;
  }

  /** Decodes the stored map into the doc now, if that has not happened yet. */
  load(): void {
    const pending = this.pendingLoad;
    if (!pending || this.closed) return;
    this.pendingLoad = null;
    if (this.loadScheduled) clearImmediate(this.loadScheduled);
    this.loadScheduled = null;
    this.applyStored(pending.rows, pending.recorded ? null : (pending.rows[0] ?? null));
    const announced = this.announcedStateVector;
    this.announcedStateVector = null;
    if (!announced) return;
    // Recorded for this snapshot, so they agree unless the row was damaged; if not, greet again
    // with the truth so clients send what the room lacks.
    const actual = Y.encodeStateVector(this.ydoc);
    if (sameStateVector(announced, actual)) return;
    this.settings.log.warn(`map ${this.mapId}: the recorded state vector did not match the stored map`);
    const greeting = encodeSyncBytes(SYNC_STEP_1, actual);
    for (const peer of this.peers) peer.send(greeting);
  }

  addPeer(peer: RoomPeer): void {
    this.peers.add(peer);
    if (this.pendingLoad) {
      this.announcedStateVector = this.pendingLoad.stateVector;
      peer.send(encodeSyncBytes(SYNC_STEP_1, this.pendingLoad.stateVector));
    } else {
      peer.send(encodeSyncStep1(this.ydoc));
    }
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) peer.send(encodeAwareness(this.awareness, present));
  }

  /**
   * Answers a peer's sync step 1 with what it lacks; `sent` runs once the answer is handed to the
   * network. A peer that holds nothing the room has (a fresh client) gets the whole map without
   * it being encoded again, or loaded yet. Answers are shared until the doc changes.
   */
  answerSyncStep1(peer: RoomPeer, stateVector: Uint8Array, sent?: () => void): void {
    const key = this.answerKey(stateVector);
    let answer = this.answers.get(key);
    if (!answer) {
      if (key === 'all') {
        this.fullState ??= Y.encodeStateAsUpdate(this.doc);
        answer = encodeSyncBytes(SYNC_STEP_2, this.fullState);
      } else {
        answer = encodeSyncStep2(this.doc, stateVector);
      }
      // The whole-map answer and the latest other one: enough for a repeated question.
      for (const old of this.answers.keys()) if (old !== 'all') this.answers.delete(old);
      this.answers.set(key, answer);
    }
    // Load once the answer is on its way, so the client's first edit does not wait for it.
    const loadAfter = !this.loaded;
    peer.send(answer, () => {
      if (loadAfter) this.loadSoon();
      sent?.();
    });
  }

  removePeer(peer: RoomPeer): void {
    if (!this.peers.delete(peer) || this.closed) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
  }

  /**
   * An update sent by a peer: checked now (a malformed or oversized update throws before
   * anything is stored), then queued. Later in this turn of the event loop the queue is stored
   * in one transaction and only then applied (which relays it); a failed write is reported to
   * each sender through `refused`.
   */
  receiveUpdate(update: Uint8Array, from: RoomPeer): void {
    if (this.closed) return;
    // Every client answers the server's step 1, usually with nothing: not worth a row.
    if (isEmptyUpdate(update)) return;
    this.checkWritable();
    const { structs } = Y.decodeUpdate(update);
    this.checkRoomFor(update.byteLength);
    const oversized = findOversizedField(structs, (id) => this.queuedStructs.find(id) ?? structInDoc(this.doc, id));
    if (oversized) throw new FieldTooLong(oversized);
    // Counted now so the size limit sees what is queued.
    this.storedBytes += update.byteLength;
    this.queued.push({ update, from });
    this.queuedStructs.add(structs);
    // setImmediate, not a microtask: the frames of every socket read in this poll phase join
    // the same transaction (one commit instead of one per frame).
    this.flushScheduled ??= setImmediate(() => this.flushQueued());
  }

  /** Stores the queued updates in one transaction, then applies and relays them. */
  flushQueued(): void {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = null;
    const batch = this.queued;
    if (batch.length === 0 || this.closed) return;
    this.queued = [];
    this.queuedStructs.clear();
    const { persistence } = this.settings;
    let lastSeq = this.lastSeq;
    try {
      persistence.transaction(() => {
        for (const { update } of batch) lastSeq = persistence.appendUpdate(this.mapId, update);
      });
    } catch (failure) {
      this.readOnlyUntil = this.settings.now() + (this.settings.storageRetryMs ?? DEFAULTS.storageRetryMs);
      const error = new StorageError(failure);
      const told = new Set<RoomPeer>();
      for (const { update, from } of batch) {
        this.storedBytes -= update.byteLength;
        if (told.has(from)) continue;
        told.add(from);
        from.refused(error);
      }
      return;
    }
    this.lastSeq = lastSeq;
    this.readOnlyUntil = 0;
    this.pendingCount += batch.length;
    this.load();
    this.applyingStored = true;
    try {
      for (const { update, from } of batch) {
        try {
          Y.applyUpdate(this.doc, update, from);
        } catch (error) {
          // Checked on arrival, so not expected; the stored row is skipped on load like any damaged one.
          from.refused(error);
        }
      }
    } finally {
      this.applyingStored = false;
    }
    this.scheduleCompaction();
  }

  /** Throws StorageError while the room is read-only after a failed write. */
  checkWritable(): void {
    if (this.settings.now() < this.readOnlyUntil) {
      throw new StorageError(new Error('the data directory refused a recent write; not retrying yet'));
    }
  }

  /** Number of bytes stored for this map (snapshot and update log). */
  get storedSize(): number {
    return this.storedBytes;
  }

  private checkRoomFor(bytes: number): void {
    const limit = this.settings.maxMapBytes ?? DEFAULTS.maxMapBytes;
    if (this.storedBytes + bytes <= limit) return;
    // The update log overstates the size (overwritten and deleted content); measure for real.
    if (this.pendingCount > 0) this.compact();
    if (this.storedBytes + bytes > limit) throw new MapTooLarge(limit);
  }

  /**
   * Applies a peer's presence, except entries for client ids another connection introduced:
   * those are dropped. Returns true when a dropped entry would have changed or ended someone
   * else's presence (the stock client echoes others' entries unchanged; those are no news).
   */
  receiveAwareness(update: Uint8Array, from: RoomPeer): boolean {
    if (this.closed) return false;
    const entries = decodeAwarenessEntries(update);
    const kept: AwarenessEntry[] = [];
    let forged = false;
    for (const entry of entries) {
      if ((this.presenceOwners.get(entry.clientId) ?? from) === from) kept.push(entry);
      else forged ||= this.wouldChange(entry);
    }
    if (kept.length > 0) {
      const filtered = kept.length === entries.length ? update : encodeAwarenessEntries(kept);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, from);
    }
    return forged;
  }

  /** Whether applying `entry` would change the room's presence (as applyAwarenessUpdate decides). */
  private wouldChange({ clientId, clock, state }: AwarenessEntry): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return current < clock || (current === clock && state === 'null' && this.awareness.states.has(clientId));
  }

  /** Writes the title and touchpoint count to the map list now, if they may have changed. */
  flushListEntry(): void {
    if (this.listTimer) clearTimeout(this.listTimer);
    this.listTimer = null;
    if (!this.listDirty) return;
    this.listDirty = false;
    this.settings.persistence.setListEntry(this.mapId, listEntryOf(this.doc), this.lastChangeAt);
    this.settings.onListEntry?.(this.mapId, this.doc);
  }

  /** Replaces the stored update log with one snapshot of the current state. */
  compact(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    // Queued updates are in neither the doc nor the table yet; the snapshot must not miss them.
    this.flushQueued();
    if (this.pendingCount === 0) return;
    // encodeStateAsUpdate includes updates still waiting for missing parts, so nothing stored is dropped.
    const state = Y.encodeStateAsUpdate(this.doc);
    const stateVector = Y.encodeStateVector(this.ydoc);
    try {
      this.settings.persistence.compact(this.mapId, state, this.lastSeq, this.settings.now(), stateVector);
    } catch (error) {
      this.readOnlyUntil = this.settings.now() + (this.settings.storageRetryMs ?? DEFAULTS.storageRetryMs);
      throw new StorageError(error);
    }
    this.pendingCount = 0;
    this.storedBytes = state.byteLength;
    // Nothing changed the doc since it was encoded.
    this.fullState = state;
  }

  /** Saves what is pending and frees the doc. Peers must already be gone or be told by the caller. */
  close(): void {
    if (this.closed) return;
    this.flushQueued();
    this.flushListEntry();
    this.compact();
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.loadScheduled) clearImmediate(this.loadScheduled);
    this.loadScheduled = null;
    // A room nobody edited may close without ever decoding its map.
    this.pendingLoad = null;
    this.fullState = null;
    this.answers.clear();
    this.ydoc.off('update', this.onDocUpdate);
    this.ydoc.off('afterTransaction', this.onDocTransaction);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.ydoc.destroy();
  }

  /**
   * Applies stored rows to the empty doc and starts watching it. `snapshot`: the lone stored
   * snapshot, whose state vector gets recorded if it was stored without one.
   */
  private applyStored(rows: Uint8Array[], snapshot: Uint8Array | null): void {
    let damaged = false;
    this.ydoc.transact(() => {
      for (const update of rows) {
        try {
          Y.applyUpdate(this.ydoc, update, LOADED_FROM_DISK);
        } catch (error) {
          // One damaged row must not make the whole map unreadable.
          damaged = true;
          this.settings.log.warn(`map ${this.mapId}: skipped a stored update that does not apply`, error);
        }
      }
    }, LOADED_FROM_DISK);
    // The stored bytes are not the map then; a fresh client gets the doc encoded instead.
    if (damaged) {
      this.fullState = null;
      this.answers.clear();
    }
    this.ydoc.on('update', this.onDocUpdate);
    this.ydoc.on('afterTransaction', this.onDocTransaction);
    if (!snapshot || damaged) return;
    // Maps stored before state vectors were kept: next time the room opens without decoding first.
    try {
      this.settings.persistence.recordSnapshotStateVector(this.mapId, snapshot.byteLength, Y.encodeStateVector(this.ydoc));
    } catch (error) {
      this.settings.log.warn(`map ${this.mapId}: could not record its state vector`, error);
    }
  }

  /** True when the peer with this state vector has nothing the room has: the whole map is its answer. */
  private holdsNothingOf(stateVector: Uint8Array): boolean {
    const theirs = Y.decodeStateVector(stateVector);
    if (theirs.size === 0) return true;
    const ours = Y.decodeStateVector(this.pendingLoad?.stateVector ?? Y.encodeStateVector(this.ydoc));
    for (const [client, clock] of theirs) if (clock > 0 && ours.has(client)) return false;
    return true;
  }

  /**
   * What decides the answer to a state vector: its clocks of the clients the room has, capped at
   * the room's; 'all' when it lacks over an eighth of the map. The whole map (kept encoded)
   * answers that too, since a peer ignores what it already has (at most eight times the bytes
   * it needed): no question costs more than encoding an eighth of the map.
   */
  private answerKey(stateVector: Uint8Array): string {
    if (this.holdsNothingOf(stateVector)) return 'all';
    const ours = Y.decodeStateVector(this.pendingLoad?.stateVector ?? Y.encodeStateVector(this.ydoc));
    const theirs = Y.decodeStateVector(stateVector);
    const parts: string[] = [];
    let total = 0;
    let lacking = 0;
    for (const [client, have] of ours) {
      const clock = Math.min(theirs.get(client) ?? 0, have);
      total += have;
      lacking += have - clock;
      if (theirs.has(client)) parts.push(`${client}:${clock}`);
    }
    if (lacking * LACKING_FOR_WHOLE_MAP > total) return 'all';
    return parts.sort().join(',');
  }

  private loadSoon(): void {
    if (!this.pendingLoad || this.loadScheduled || this.closed) return;
    this.loadScheduled = setImmediate(() => {
      this.loadScheduled = null;
      this.guarded('loading the map', () => this.load());
    });
  }

  /** Timer work logs its failure instead of taking the process down. */
  private guarded(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.settings.log.error(`map ${this.mapId}: ${what} failed`, error);
    }
  }

  private store(update: Uint8Array): void {
    try {
      this.lastSeq = this.settings.persistence.appendUpdate(this.mapId, update);
    } catch (error) {
      this.readOnlyUntil = this.settings.now() + (this.settings.storageRetryMs ?? DEFAULTS.storageRetryMs);
      throw new StorageError(error);
    }
    this.readOnlyUntil = 0;
    this.pendingCount++;
    this.storedBytes += update.byteLength;
    this.scheduleCompaction();
  }

  private scheduleCompaction(): void {
    if (this.pendingCount <= this.settings.compactAfter || this.compactTimer) return;
    // Off the message path: the peer that triggered it is answered first.
    this.compactTimer = setTimeout(() => this.guarded('compaction', () => this.compact()), 0);
    this.compactTimer.unref();
  }

  /** Any transaction may have changed the map: the whole-map answer is encoded afresh next time. */
  private readonly onDocTransaction = (): void => {
    this.fullState = null;
    this.answers.clear();
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const fromPeer = this.applyingStored || this.peers.has(origin as RoomPeer);
    // Edits made by the server itself (rename through the API) are stored here, before relaying.
    if (!fromPeer && origin !== LOADED_FROM_DISK) this.store(update);
    this.lastChangeAt = this.settings.now();
    this.listDirty = true;
    if (!this.listTimer) {
      this.listTimer = setTimeout(
        () => this.guarded('map list refresh', () => this.flushListEntry()),
        this.settings.listRefreshMs,
      );
      this.listTimer.unref();
    }
    if (this.peers.size === 0) return;
    // Encoded once, the same buffer goes to every other peer.
    const message = encodeSyncUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (this.peers.has(origin as RoomPeer)) {
      const peer = origin as RoomPeer;
      for (const id of added) {
        peer.awarenessClients.add(id);
        this.presenceOwners.set(id, peer);
      }
      for (const id of removed) peer.awarenessClients.delete(id);
    }
    for (const id of removed) this.presenceOwners.delete(id);
    if (this.peers.size === 0) return;
    // Echoed to the sender too: a lone client hears its own presence renewals, which keeps the
    // stock provider's "no message for 30 s" watchdog from dropping a healthy connection.
    const message = encodeAwareness(this.awareness, [...added, ...updated, ...removed]);
    for (const peer of this.peers) peer.send(message);
  };
}

/** The rooms in memory, loaded on demand and unloaded when idle. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly settings: RoomSettings) {}

  /** The live room of a map that exists and is not deleted; loads it if needed. */
  open(mapId: string): Room | undefined {
    const loaded = this.rooms.get(mapId);
    if (loaded) return loaded;
    const row = this.settings.persistence.findMap(mapId);
    if (!row || row.deletedAt !== null) return undefined;
    const room = new Room(mapId, this.settings, this.settings.persistence.loadDoc(mapId));
    this.rooms.set(mapId, room);
    return room;
  }

  get(mapId: string): Room | undefined {
    return this.rooms.get(mapId);
  }

  join(mapId: string, peer: RoomPeer): Room | undefined {
    const room = this.open(mapId);
    if (!room) return undefined;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
    room.addPeer(peer);
    return room;
  }

  leave(room: Room, peer: RoomPeer): void {
    room.removePeer(peer);
    this.releaseIfIdle(room);
  }

  /** Runs `fn` on a map's live room (loading it if needed); the room may go idle afterwards. */
  withRoom<T>(mapId: string, fn: (room: Room) => T): T | undefined {
    const room = this.open(mapId);
    if (!room) return undefined;
    try {
      return fn(room);
    } finally {
      this.releaseIfIdle(room);
    }
  }

  /** Disconnects everyone from a map and drops its room (the map was deleted). */
  evict(mapId: string, code: number, reason: string): void {
    const room = this.rooms.get(mapId);
    if (!room) return;
    const peers = [...room.peers];
    this.unload(room);
    for (const peer of peers) peer.close(code, reason);
  }

  /** Closes the connections let in with a link older than `generation` (the key was rotated). */
  revoke(mapId: string, generation: number, code: number, reason: string): void {
    const room = this.rooms.get(mapId);
    if (!room) return;
    for (const peer of [...room.peers]) {
      if (peer.keyGeneration !== null && peer.keyGeneration < generation) peer.close(code, reason);
    }
  }

  flushListEntries(): void {
    for (const room of this.rooms.values()) room.flushListEntry();
  }

  loadedMapIds(): string[] {
    return [...this.rooms.keys()];
  }

  closeAll(): void {
    for (const room of [...this.rooms.values()]) {
      const peers = [...room.peers];
      this.unload(room);
      for (const peer of peers) peer.close(CLOSE_GOING_AWAY, 'server shutting down');
    }
  }

  private releaseIfIdle(room: Room): void {
    if (room.closed || room.peers.size > 0 || this.rooms.get(room.mapId) !== room) return;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => {
      if (room.peers.size === 0) this.unload(room);
    }, this.settings.idleUnloadMs);
    room.idleTimer.unref();
  }

  private unload(room: Room): void {
    if (this.rooms.get(room.mapId) === room) this.rooms.delete(room.mapId);
    try {
      room.close();
    } catch (error) {
      this.settings.log.error(`map ${room.mapId}: saving on unload failed`, error);
    }
  }
}
