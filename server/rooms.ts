// Rooms: one live Y.Doc per open map, shared by every connection to it. A room awaits the
// storage's write of each update before applying and relaying it (the updates that arrive within
// one turn of the event loop share one write; writes run one after another, in order), folds the
// update log into a snapshot in the background, keeps the map list's title and touchpoint count fresh (throttled), and
// leaves memory once nobody has been connected for a while. When the disk refuses a write the
// room turns read-only for a while: it still serves the map, but stores and relays nothing.
// Edits the server makes itself (rename, clearing the checklist, replace) go through `change`:
// they are relayed once stored, and no client is answered from the doc while one is being stored.
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
import type { Relay, RelayChannel, RelayHandlers } from './relay/Relay';
import { StorageError, type ListEntry, type Storage, type StoredDoc } from './storage/Storage';
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
  persistence: Storage;
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
  onListEntry?: (mapId: string, doc: Y.Doc) => Promise<void> | void;
  /**
   * Merges stored rows into one snapshot elsewhere (a worker thread). Maps stored bigger than
   * `offThreadCompactBytes` compact through it, so encoding them never stalls other maps.
   */
  buildSnapshot?: (rows: Uint8Array[]) => Promise<{ state: Uint8Array; stateVector: Uint8Array }>;
  /** Default 1 MB. */
  offThreadCompactBytes?: number;
  /** Cluster mode: other instances serving the same maps hear this one's stored updates and presence. */
  relay?: Relay;
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

/** Origin of updates the server built elsewhere and stored before applying (a replace). */
const STORED_BY_SERVER = Symbol('stored-by-server');

/** Origin of updates another instance stored (relayed, or read back when catching up): relayed, never stored again. */
const FROM_ELSEWHERE = Symbol('from-another-instance');

/** Origin of presence removed because the instance its clients were on is gone. */
const INSTANCE_GONE = Symbol('instance-gone');

/** Origin of presence another instance relayed: it speaks for that instance's clients. */
class FromInstance {
  constructor(readonly id: string) {}
}

const ignore = () => {};

const DEFAULT_OFF_THREAD_COMPACT_BYTES = 1024 * 1024;

/** The state vector that covers both. */
function mergedStateVector(a: Uint8Array, b: Uint8Array): Uint8Array {
  const merged = Y.decodeStateVector(a);
  for (const [client, clock] of Y.decodeStateVector(b)) merged.set(client, Math.max(clock, merged.get(client) ?? 0));
  return Y.encodeStateVector(merged);
}

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

/** How long an HTTP answer of the whole map is given again to others asking (wholeState). */
const STATE_REUSE_MS = 2000;

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
  /** Peers' updates waiting for the one write that stores them all, then applies and relays them. */
  private queued: QueuedUpdate[] = [];
  private flushScheduled: NodeJS.Immediate | null = null;
  /** True while applying updates that are already stored (their senders may have left since). */
  private applyingStored = false;
  /** The room's writes, one after another: each starts once the one before has settled. */
  private writing: Promise<void> = Promise.resolve();
  private writesInFlight = 0;
  /** The server's own edits, in the doc but not stored yet: relayed once they are. */
  private unsaved: Uint8Array[] = [];
  private savingEdits: Promise<void> | null = null;
  /** Counts the doc's transactions, to tell whether it changed during a write. */
  private docVersion = 0;
  private closing: Promise<void> | null = null;
  /** Update rows this room has stored (peers', the server's own, built elsewhere). */
  storedCount = 0;
  /** Compactions done: one that read the rows before another finished must not write. */
  private compactions = 0;
  /** API work holding the room open (`RoomRegistry.withRoom`): it does not unload meanwhile. */
  holds = 0;
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
  /** The last whole state answered over HTTP, and when: reused for a moment (wholeState). */
  private lastWholeState: { state: Uint8Array; at: number } | null = null;
  /**
   * Step-2 answers already encoded for the doc as it is, by the part of the asker's state vector
   * that matters: a flood of the same question costs one encoding. Dropped by any transaction.
   */
  private readonly answers = new Map<string, Uint8Array>();
  /** The structs of the queued updates: later updates in the queue may build on them. */
  private readonly queuedStructs = new StructIndex();
  /** Who introduced each client id in presence: only that connection may change or end it. */
  private readonly presenceOwners = new Map<number, RoomPeer>();
  /** Cluster mode: awareness client ids each other instance speaks for, dropped when it is gone. */
  private readonly remoteClients = new Map<string, Set<number>>();
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;

  constructor(
    readonly mapId: string,
    private readonly settings: RoomSettings,
    stored: StoredDoc,
    private readonly channel: RelayChannel | null = null,
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
   * it being encoded again, or loaded yet. Answers are shared until the doc changes. While a
   * write is under way the doc may hold what is not stored yet: the answer waits for it.
   */
  answerSyncStep1(peer: RoomPeer, stateVector: Uint8Array, sent?: () => void): void {
    if (this.writesInFlight > 0) {
      void this.writing.then(() => {
        if (!this.closed && this.peers.has(peer)) this.answerNow(peer, stateVector, sent);
        // Nobody to answer any more: free the connection's turn all the same.
        else sent?.();
      });
      return;
    }
    this.answerNow(peer, stateVector, sent);
  }

  /**
   * The whole map as one V1 update, for a client that holds none of it and asks over HTTP
   * (`GET /api/maps/:id/state`); null when the room cannot vouch for it right now (closing, or
   * holding its own edits the disk has not taken yet): the client's socket then brings the map.
   * Only what is stored: a write under way is waited for (once, as answerSyncStep1 does, so a
   * busy room's writes cannot keep the answer waiting). The stored snapshot goes as it is when it
   * is the whole map, without loading. An answer up to STATE_REUSE_MS old is given again rather
   * than encoding the map per request: older is harmless, the socket's sync adds what is missing.
   */
  async wholeState(): Promise<Uint8Array | null> {
    if (this.writesInFlight > 0) await this.writing;
    if (this.closed || this.closing || this.unsaved.length > 0 || this.settings.now() < this.readOnlyUntil) return null;
    if (this.fullState) return this.fullState;
    const now = this.settings.now();
    if (this.lastWholeState && now - this.lastWholeState.at < STATE_REUSE_MS) return this.lastWholeState.state;
    this.fullState = Y.encodeStateAsUpdate(this.doc);
    this.lastWholeState = { state: this.fullState, at: now };
    return this.fullState;
  }

  private answerNow(peer: RoomPeer, stateVector: Uint8Array, sent?: () => void): void {
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
   * in one write and only then applied (which relays it); a failed write is reported to
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
    // the same write (one commit instead of one per frame).
    this.flushScheduled ??= setImmediate(() => this.guarded('storing updates', () => this.flushQueued()));
  }

  /** Stores the queued updates in one write, then applies and relays them; resolves when done. */
  flushQueued(): Promise<void> {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = null;
    if (this.queued.length === 0) return this.writing;
    return this.serial(() => this.writeQueued());
  }

  /** Runs `work` after every write started before it has settled; the room's writes never overlap. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    this.writesInFlight++;
    const run = this.writing.then(work);
    this.writing = run.then(ignore, ignore).then(() => {
      this.writesInFlight--;
    });
    return run;
  }

  /** Inside `serial`: the queue as it is now, stored, then applied and relayed. */
  private async writeQueued(): Promise<void> {
    const batch = this.queued;
    if (batch.length === 0 || this.closed) return;
    this.queued = [];
    this.queuedStructs.clear();
    let lastSeq: number;
    try {
      lastSeq = await this.settings.persistence.appendUpdates(
        this.mapId,
        batch.map((queued) => queued.update),
      );
    } catch (failure) {
      this.markReadOnly();
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
    this.storedCount += batch.length;
    // Stored, so other instances may have it: exactly the bytes stored, in order.
    this.channel?.publishUpdates(batch.map((queued) => queued.update));
    // Stored: they are on disk and load with the map, even if the room closed meanwhile.
    if (this.closed) return;
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

  /**
   * An edit by the server itself (rename, clearing the checklist, a replace): made on the doc
   * now, stored, and relayed to everyone once stored. Rejects with StorageError while the
   * room is read-only or when the write fails; the doc then holds what the disk never took,
   * and the caller evicts the room so everyone reloads from disk.
   */
  async change(edit: (doc: Y.Doc) => void): Promise<void> {
    this.checkWritable();
    edit(this.doc);
    await (this.savingEdits ?? this.writing);
  }

  /** Resolves once every write started so far has settled (the doc and the storage agree). */
  async settled(): Promise<void> {
    await this.flushQueued();
    await (this.savingEdits ?? this.writing).catch(ignore);
  }

  /**
   * Updates the server built elsewhere (a replace, in a worker), against what was stored:
   * each is stored, then applied and relayed, one per turn of the event loop, so a big
   * replace never holds up other maps for long. A room whose doc is not decoded yet stays so:
   * the updates join its stored rows, and go to connected peers as they are.
   */
  async applyServerUpdates(updates: readonly Uint8Array[]): Promise<void> {
    for (const update of updates) {
      await this.serial(() => this.storeServerUpdate(update));
      // Other sockets' messages and timers run between two steps.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Inside `serial`: `state` becomes the stored snapshot, the log up to `upToSeq` folded into it. */
  private async storeSnapshot(state: Uint8Array, upToSeq: number, stateVector: Uint8Array | null): Promise<void> {
    try {
      await this.settings.persistence.compact(this.mapId, state, upToSeq, this.settings.now(), stateVector);
    } catch (error) {
      this.markReadOnly();
      throw new StorageError(error);
    }
  }

  /** Inside `serial`: one update of the server's own, stored (and published to other instances). */
  private async storeOne(update: Uint8Array): Promise<void> {
    try {
      this.lastSeq = await this.settings.persistence.appendUpdates(this.mapId, [update]);
    } catch (error) {
      this.markReadOnly();
      throw new StorageError(error);
    }
    this.readOnlyUntil = 0;
    this.pendingCount++;
    this.storedCount++;
    this.storedBytes += update.byteLength;
    this.channel?.publishUpdates([update]);
  }

  /** Inside `serial`. */
  private async storeServerUpdate(update: Uint8Array): Promise<void> {
    this.checkWritable();
    await this.writeQueued();
    if (this.closed) throw new StorageError(new Error('the map was closed during the replace'));
    await this.storeOne(update);
    const pending = this.pendingLoad;
    if (pending) {
      pending.rows.push(update);
      pending.stateVector = mergedStateVector(pending.stateVector, Y.encodeStateVectorFromUpdate(update));
      // Not a lone snapshot any more: nothing to record, and no stored answer for fresh clients.
      pending.recorded = true;
      if (this.announcedStateVector) this.announcedStateVector = pending.stateVector;
      this.fullState = null;
      this.relay(update, null);
    } else {
      this.applyingStored = true;
      try {
        Y.applyUpdate(this.ydoc, update, STORED_BY_SERVER);
      } finally {
        this.applyingStored = false;
      }
    }
    this.scheduleCompaction();
  }

  /** Inside `serial`: the server's edits made so far, stored as one update, then relayed. */
  private async saveEdits(): Promise<void> {
    this.savingEdits = null;
    // Peers' updates that arrived before the edit keep their order on disk.
    await this.writeQueued();
    const edits = this.unsaved;
    this.unsaved = [];
    if (edits.length === 0) return;
    const update = edits.length === 1 ? edits[0]! : Y.mergeUpdates(edits);
    await this.storeOne(update);
    this.relay(update, null);
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

  private markReadOnly(): void {
    this.readOnlyUntil = this.settings.now() + (this.settings.storageRetryMs ?? DEFAULTS.storageRetryMs);
  }

  private checkRoomFor(bytes: number): void {
    const limit = this.settings.maxMapBytes ?? DEFAULTS.maxMapBytes;
    if (this.storedBytes + bytes <= limit) return;
    // The update log overstates the size (overwritten and deleted content): measure what a
    // compaction would store, and compact soon so the log stops counting. In cluster mode the
    // count also holds what other instances stored (relayed here), which they compact themselves.
    if (this.pendingCount > 0 || this.channel) {
      let queuedBytes = 0;
      for (const { update } of this.queued) queuedBytes += update.byteLength;
      const measured = Y.encodeStateAsUpdate(this.doc).byteLength + queuedBytes;
      if (measured + bytes <= limit) {
        if (this.pendingCount > 0) this.compactSoon();
        // Nothing of this room's own to compact: the measure is the size, until the map grows again.
        else this.storedBytes = measured;
        return;
      }
    }
    throw new MapTooLarge(limit);
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
  async flushListEntry(): Promise<void> {
    if (this.listTimer) clearTimeout(this.listTimer);
    this.listTimer = null;
    if (!this.listDirty || this.closed) return;
    this.listDirty = false;
    await this.settings.persistence.setListEntry(this.mapId, listEntryOf(this.doc), this.lastChangeAt);
    await this.settings.onListEntry?.(this.mapId, this.doc);
  }

  /** Replaces the stored update log with one snapshot of the current state; resolves when stored. */
  compact(): Promise<void> {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    const offThread = this.settings.offThreadCompactBytes ?? DEFAULT_OFF_THREAD_COMPACT_BYTES;
    if (this.settings.buildSnapshot && this.storedBytes > offThread) {
      return this.compactElsewhere(this.settings.buildSnapshot).catch((error: unknown) => {
        if (error instanceof StorageError) throw error;
        // The worker could not do it (it failed to start, say): here, rather than never.
        this.settings.log.warn(`map ${this.mapId}: compacting in the worker failed; compacting here`, error);
        return this.serial(() => this.compactNow());
      });
    }
    return this.serial(() => this.compactNow());
  }

  /**
   * Makes `state` (built elsewhere from everything stored when `storedCount` was `expected`)
   * the map's snapshot, if the room has stored nothing else since; false when it has (a
   * compaction then has to read the rows again).
   */
  adoptSnapshot(state: Uint8Array, stateVector: Uint8Array, expected: number): Promise<boolean> {
    return this.serial(async () => {
      await this.writeQueued();
      if (this.closed || this.storedCount !== expected || this.unsaved.length > 0) return false;
      if (this.compactTimer) clearTimeout(this.compactTimer);
      this.compactTimer = null;
      await this.storeSnapshot(state, this.lastSeq, stateVector);
      this.compactions++;
      this.pendingCount = 0;
      let queuedBytes = 0;
      for (const { update } of this.queued) queuedBytes += update.byteLength;
      this.storedBytes = state.byteLength + queuedBytes;
      if (this.pendingLoad) {
        this.pendingLoad = { rows: [state], stateVector, recorded: true };
        if (this.announcedStateVector) this.announcedStateVector = stateVector;
        this.fullState = state;
      }
      return true;
    });
  }

  /**
   * Compaction of a big map: the stored rows are merged in a worker while the room goes on
   * storing and relaying. Only the rows read are folded into the snapshot (later ones stay in
   * the log), and nothing is written if another compaction got there first.
   */
  private async compactElsewhere(build: NonNullable<RoomSettings['buildSnapshot']>): Promise<void> {
    const taken = await this.serial(async () => {
      await this.writeQueued();
      if (this.pendingCount === 0 || this.closed) return null;
      const stored = await this.settings.persistence.loadDoc(this.mapId);
      let bytes = 0;
      for (const row of stored.updates) bytes += row.byteLength;
      return { rows: stored.updates, bytes, upToSeq: this.lastSeq, pendingCount: this.pendingCount, generation: this.compactions };
    });
    if (!taken) return;
    const { state, stateVector } = await build(taken.rows);
    await this.serial(async () => {
      if (this.closed || this.compactions !== taken.generation) return;
      await this.storeSnapshot(state, taken.upToSeq, stateVector);
      this.compactions++;
      this.pendingCount -= taken.pendingCount;
      // What was stored since the rows were read stays counted; the rows became the snapshot.
      this.storedBytes += state.byteLength - taken.bytes;
      // A room that never decoded its map opens from the new snapshot, as it would after a restart.
      if (this.pendingLoad && this.pendingCount === 0) {
        this.pendingLoad = { rows: [state], stateVector, recorded: true };
        if (this.announcedStateVector) this.announcedStateVector = stateVector;
        this.fullState = state;
      }
    });
  }

  /** Inside `serial`. */
  private async compactNow(): Promise<void> {
    // Queued updates are in neither the doc nor the table yet; the snapshot must not miss them.
    await this.writeQueued();
    if (this.pendingCount === 0 || this.closed) return;
    // encodeStateAsUpdate includes updates still waiting for missing parts, so nothing stored is dropped.
    const state = Y.encodeStateAsUpdate(this.doc);
    const stateVector = Y.encodeStateVector(this.ydoc);
    const version = this.docVersion;
    const pendingBefore = this.pendingCount;
    await this.storeSnapshot(state, this.lastSeq, stateVector);
    this.compactions++;
    this.pendingCount -= pendingBefore;
    let queuedBytes = 0;
    for (const { update } of this.queued) queuedBytes += update.byteLength;
    this.storedBytes = state.byteLength + queuedBytes;
    // Nothing changed the doc since it was encoded: it is the answer for fresh clients.
    if (version === this.docVersion) this.fullState = state;
  }

  /** Saves what is pending and frees the doc. Peers must already be gone or be told by the caller. */
  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    try {
      await this.flushQueued();
      await (this.savingEdits ?? this.writing);
      await this.flushListEntry();
      await this.compact();
    } finally {
      this.closed = true;
      if (this.idleTimer) clearTimeout(this.idleTimer);
      if (this.listTimer) clearTimeout(this.listTimer);
      if (this.compactTimer) clearTimeout(this.compactTimer);
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
      this.channel?.leave();
    }
  }

  /** What other instances send about this map (evictions and revocations are the registry's). */
  relayHandlers(): Omit<RelayHandlers, 'evict' | 'revoke'> {
    return {
      updates: (updates) => {
        if (this.closed) return;
        // Stored by another instance: the map's size limit counts them here too.
        for (const update of updates) this.storedBytes += update.byteLength;
        this.load();
        this.ydoc.transact(() => {
          for (const update of updates) Y.applyUpdate(this.ydoc, update, FROM_ELSEWHERE);
        }, FROM_ELSEWHERE);
      },
      awareness: (update, from) => {
        if (!this.closed) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, new FromInstance(from));
      },
      presenceWanted: () => {
        const local = [...this.peers].flatMap((peer) => [...peer.awarenessClients]);
        if (local.length > 0 && !this.closed) this.channel?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
      },
      catchUp: () => this.catchUp(),
      instanceGone: (instanceId) => {
        const owned = this.remoteClients.get(instanceId);
        this.remoteClients.delete(instanceId);
        if (owned && !this.closed) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], INSTANCE_GONE);
      },
    };
  }

  /**
   * Reads the map back from storage and applies it (Yjs skips what the doc has): whatever other
   * instances stored while their messages could not reach this one. Calls during one coalesce.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    if (this.closed) return Promise.resolve();
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const stored = await this.settings.persistence.loadDoc(this.mapId);
        if (this.closed) return;
        // What every instance stored, missed messages included (never less than counted here).
        let storedBytes = 0;
        for (const update of stored.updates) storedBytes += update.byteLength;
        for (const { update } of this.queued) storedBytes += update.byteLength;
        this.storedBytes = Math.max(this.storedBytes, storedBytes);
        this.load();
        this.ydoc.transact(() => {
          for (const update of stored.updates) {
            try {
              Y.applyUpdate(this.ydoc, update, FROM_ELSEWHERE);
            } catch {
              // A damaged row is skipped, as on load (which logged it).
            }
          }
        }, FROM_ELSEWHERE);
      } while (this.catchUpAgain);
    })()
      .catch((error: unknown) => {
        this.settings.log.warn(`map ${this.mapId}: catching up from storage failed; trying again shortly`, error);
        // Nothing else would bring what was missed (the database was down when Redis came back).
        setTimeout(() => void this.catchUp(), this.settings.storageRetryMs ?? DEFAULTS.storageRetryMs).unref();
      })
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
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
    this.settings.persistence
      .recordSnapshotStateVector(this.mapId, snapshot.byteLength, Y.encodeStateVector(this.ydoc))
      .catch((error: unknown) => this.settings.log.warn(`map ${this.mapId}: could not record its state vector`, error));
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
      try {
        this.load();
      } catch (error) {
        this.settings.log.error(`map ${this.mapId}: loading the map failed`, error);
      }
    });
  }

  /** Timer work logs its failure instead of taking the process down. */
  private guarded(what: string, work: () => Promise<void>): void {
    work().catch((error: unknown) => this.settings.log.error(`map ${this.mapId}: ${what} failed`, error));
  }

  private scheduleCompaction(): void {
    if (this.pendingCount <= this.settings.compactAfter) return;
    this.compactSoon();
  }

  private compactSoon(): void {
    if (this.compactTimer || this.closed) return;
    // Off the message path: the peer that triggered it is answered first.
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      this.guarded('compaction', () => this.compact());
    }, 0);
    this.compactTimer.unref();
  }

  /** Any transaction may have changed the map: the whole-map answer is encoded afresh next time. */
  private readonly onDocTransaction = (): void => {
    this.fullState = null;
    this.answers.clear();
    this.docVersion++;
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Stored by another instance, which also keeps the map list fresh.
    if (origin === FROM_ELSEWHERE) {
      this.relay(update, origin);
      return;
    }
    this.lastChangeAt = this.settings.now();
    this.listDirty = true;
    if (!this.listTimer) {
      this.listTimer = setTimeout(() => this.guarded('map list refresh', () => this.flushListEntry()), this.settings.listRefreshMs);
      this.listTimer.unref();
    }
    const fromPeer = this.applyingStored || this.peers.has(origin as RoomPeer);
    if (fromPeer || origin === LOADED_FROM_DISK) {
      this.relay(update, origin);
      return;
    }
    // Edits made by the server itself (rename through the API): stored first, relayed after.
    this.unsaved.push(update);
    if (this.savingEdits) return;
    this.savingEdits = this.serial(() => this.saveEdits());
    // `change` awaits it and reports a failure; this only keeps an unawaited one from crashing.
    this.savingEdits.catch(ignore);
  };

  /**
   * Cluster mode: remembers which instance speaks for which client (a client that reconnects
   * elsewhere moves), and publishes this instance's own presence changes. Removals by the
   * awareness timeout or a gone instance are not published: every instance makes them itself.
   */
  private trackRemotePresence(added: number[], updated: number[], removed: number[], origin: unknown): void {
    const changed = [...added, ...updated];
    for (const [instanceId, owned] of this.remoteClients) {
      if (origin instanceof FromInstance && origin.id === instanceId) continue;
      for (const id of changed) owned.delete(id);
    }
    if (origin instanceof FromInstance) {
      let owned = this.remoteClients.get(origin.id);
      if (!owned) this.remoteClients.set(origin.id, (owned = new Set()));
      for (const id of changed) owned.add(id);
      for (const id of removed) owned.delete(id);
      return;
    }
    if (origin === 'timeout' || origin === INSTANCE_GONE) return;
    this.channel!.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...changed, ...removed]));
  }

  /** Encoded once, the same buffer goes to every peer but the one it came from. */
  private relay(update: Uint8Array, origin: unknown): void {
    if (this.peers.size === 0) return;
    const message = encodeSyncUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  }

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
    if (this.channel) this.trackRemotePresence(added, updated, removed, origin);
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
  /** Rooms being loaded: a second caller waits for the same one. */
  private readonly loading = new Map<string, Promise<Room | undefined>>();
  /** Rooms still saving on their way out: the map loads again only once they are done. */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(private readonly settings: RoomSettings) {}

  /**
   * The live room of a map that exists and is not deleted; loads it if needed. A room opened
   * for a connection must be `attach`ed or `release`d by the caller.
   */
  open(mapId: string): Promise<Room | undefined> {
    const loaded = this.rooms.get(mapId);
    if (loaded) return Promise.resolve(loaded);
    let pending = this.loading.get(mapId);
    if (!pending) {
      pending = this.load(mapId).finally(() => this.loading.delete(mapId));
      this.loading.set(mapId, pending);
    }
    return pending;
  }

  private async load(mapId: string): Promise<Room | undefined> {
    await this.closing.get(mapId);
    const storage = this.settings.persistence;
    const row = await storage.findMap(mapId);
    if (!row || row.deletedAt !== null) return undefined;
    // Subscribed before reading: an update another instance stores meanwhile is either read
    // or heard (held until the room listens), never neither.
    const channel = (await this.settings.relay?.join(mapId)) ?? null;
    let stored: StoredDoc;
    try {
      stored = await storage.loadDoc(mapId);
    } catch (error) {
      channel?.leave();
      throw error;
    }
    const room = new Room(mapId, this.settings, stored, channel);
    this.rooms.set(mapId, room);
    channel?.listen({
      ...room.relayHandlers(),
      evict: (code, reason) => void this.evict(mapId, code, reason, false),
      revoke: (generation, code, reason) => this.revoke(mapId, generation, code, reason, false),
    });
    // Who is already here, on other instances (they renew only every 15 s otherwise).
    channel?.askPresence();
    return room;
  }

  get(mapId: string): Room | undefined {
    return this.rooms.get(mapId);
  }

  /** Adds a connection to a room `open` gave; false when that room has been unloaded since. */
  attach(room: Room, peer: RoomPeer): boolean {
    if (room.closed || this.rooms.get(room.mapId) !== room) return false;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
    room.addPeer(peer);
    return true;
  }

  /** Opens the map's room and adds the connection; undefined for a map that does not exist. */
  async join(mapId: string, peer: RoomPeer): Promise<Room | undefined> {
    const room = await this.open(mapId);
    if (!room) return undefined;
    if (!this.attach(room, peer)) return this.join(mapId, peer);
    return room;
  }

  leave(room: Room, peer: RoomPeer): void {
    room.removePeer(peer);
    this.release(room);
  }

  /** Runs `fn` on a map's live room (loading it if needed); the room may go idle afterwards. */
  async withRoom<T>(mapId: string, fn: (room: Room) => T | Promise<T>): Promise<T | undefined> {
    const room = await this.open(mapId);
    if (!room) return undefined;
    // A long job (a replace) must not see the room unload under it.
    room.holds++;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
    try {
      return await fn(room);
    } finally {
      room.holds--;
      this.release(room);
    }
  }

  /**
   * Disconnects everyone from a map and drops its room (the map was deleted); resolves once saved.
   * In cluster mode the other instances do the same (`publish`: false when told by one of them).
   */
  evict(mapId: string, code: number, reason: string, publish = true): Promise<void> {
    if (publish) this.settings.relay?.publishEvict(mapId, code, reason);
    const room = this.rooms.get(mapId);
    if (!room) return Promise.resolve();
    const peers = [...room.peers];
    const unloaded = this.unload(room);
    for (const peer of peers) peer.close(code, reason);
    return unloaded;
  }

  /** Closes the connections let in with a link older than `generation` (the key was rotated). */
  revoke(mapId: string, generation: number, code: number, reason: string, publish = true): void {
    if (publish) this.settings.relay?.publishRevoke(mapId, generation, code, reason);
    const room = this.rooms.get(mapId);
    if (!room) return;
    for (const peer of [...room.peers]) {
      if (peer.keyGeneration !== null && peer.keyGeneration < generation) peer.close(code, reason);
    }
  }

  async flushListEntries(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => room.flushListEntry()));
  }

  loadedMapIds(): string[] {
    return [...this.rooms.keys()];
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.loading.values()].map((loading) => loading.catch(ignore)));
    const unloads: Promise<void>[] = [];
    for (const room of [...this.rooms.values()]) {
      const peers = [...room.peers];
      unloads.push(this.unload(room));
      for (const peer of peers) peer.close(CLOSE_GOING_AWAY, 'server shutting down');
    }
    await Promise.all(unloads);
  }

  /** A room nobody is connected to leaves memory after `idleUnloadMs`. */
  release(room: Room): void {
    if (room.closed || room.peers.size > 0 || room.holds > 0 || this.rooms.get(room.mapId) !== room) return;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => {
      if (room.peers.size === 0 && room.holds === 0) void this.unload(room);
    }, this.settings.idleUnloadMs);
    room.idleTimer.unref();
  }

  private unload(room: Room): Promise<void> {
    if (this.rooms.get(room.mapId) === room) this.rooms.delete(room.mapId);
    const closed = room.close().catch((error: unknown) => {
      this.settings.log.error(`map ${room.mapId}: saving on unload failed`, error);
    });
    const done = closed.finally(() => {
      if (this.closing.get(room.mapId) === done) this.closing.delete(room.mapId);
    });
    this.closing.set(room.mapId, done);
    return done;
  }
}
