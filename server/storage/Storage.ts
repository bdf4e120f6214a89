// The storage contract: everything the server keeps (maps, their updates and snapshots, saved
// reviews, the list's health figures, link key generations, replace backups) goes through
// this interface, and no other module speaks SQL. `sqlite.ts` is the implementation today; a
// second one (PostgreSQL) implements the same methods.
//
// Every method returns a Promise, and a write's Promise resolves only once the write is
// durable: rooms await it before they apply and relay an update (write-before-relay). The
// SQLite implementation does its work synchronously inside the call, so nothing waits on I/O
// threads; a networked implementation may take as long as it needs without changing callers.
import type { Id, JourneyMapSnapshot, Review, ReviewChecklist } from '../../src/domain/types';

/** The disk said no (full, read-only, locked): not the client's fault, worth retrying later. */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super(`storage failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageError';
  }
}

/**
 * The data directory cannot be used at all (missing and not creatable, read-only, or held by
 * another running server), or in PostgreSQL mode the database cannot be reached or migrated at
 * start. The message is one sentence naming the folder or database, for the operator.
 */
export class DataDirError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DataDirError';
  }
}

/** Driver errors that mean the disk refused (full, read-only, I/O), not a bug in the request. */
const DISK_ERRORS = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL)/;

export function isStorageFailure(error: unknown): boolean {
  if (error instanceof StorageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DISK_ERRORS.test(code);
}

export interface MapRow {
  id: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  title: string;
  touchpointCount: number;
  /** Links carry the generation they were minted in; only the current one is accepted. */
  keyGeneration: number;
}

export interface ListEntry {
  title: string;
  touchpointCount: number;
}

export interface StoredDoc {
  /** The snapshot first (if any), then every update after it, oldest first. All V1 updates. */
  updates: Uint8Array[];
  /** Updates stored since the snapshot. */
  pendingCount: number;
  lastSeq: number;
  /** The snapshot's state vector; null when there is no snapshot or it was stored without one. */
  snapshotStateVector: Uint8Array | null;
}

/** A map to store: its whole content as one V1 update, and its list entry. */
export interface NewMap {
  id: string;
  state: Uint8Array;
  entry: ListEntry;
  now: number;
  /** Y.encodeStateVector of the doc `state` was encoded from; read off the bytes when absent. */
  stateVector?: Uint8Array;
  /** Saved reviews stored with it, in the same transaction (an import). */
  reviews?: readonly Review[];
}

/** What a map's list of replace backups shows. */
export interface BackupRow {
  id: string;
  title: string;
  /** When the backup was taken (epoch ms). */
  createdAt: number;
  /** Stored size of the backup's content. */
  bytes: number;
}

/** How many replace backups one map keeps: past either bound, the oldest go for good. */
export interface BackupLimits {
  maxCount: number;
  maxBytes: number;
}

export interface ReviewSummaryRow {
  id: string;
  name: string;
  summary: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface Storage {
  // ---- maps and their list entries
  /** A new map with its initial content as the snapshot (and its reviews), in one transaction. */
  createMap(map: NewMap): Promise<void>;
  findMap(id: string): Promise<MapRow | undefined>;
  /** Maps not deleted, newest first. */
  liveMaps(): Promise<MapRow[]>;
  setListEntry(id: string, entry: ListEntry, updatedAt: number): Promise<void>;
  setDeletedAt(id: string, deletedAt: number | null): Promise<void>;
  /** Moves the map's link key to a new generation and returns it; undefined for an unknown map. */
  rotateKey(id: string): Promise<number | undefined>;
  /** Removes maps deleted before `cutoff` for good, with everything of theirs; returns how many. */
  purgeDeletedBefore(cutoff: number): Promise<number>;

  // ---- the Yjs content
  loadDoc(id: string): Promise<StoredDoc>;
  /** Appends updates in one commit, in order; resolves with the last one's seq once durable. */
  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<number>;
  /** Replaces the snapshot and drops the updates up to `upToSeq` (now in it), atomically. */
  compact(id: string, state: Uint8Array, upToSeq: number, now: number, stateVector: Uint8Array | null): Promise<void>;
  /**
   * Records the state vector of a snapshot stored without one, if that snapshot
   * (`snapshotBytes` long) is still the map's; true when it was written.
   */
  recordSnapshotStateVector(id: string, snapshotBytes: number, stateVector: Uint8Array): Promise<boolean>;

  // ---- replace backups: deleted maps tied to the map they were taken from
  /**
   * Stores `backup` as a deleted map remembered as a backup of `of`, then drops that map's
   * oldest backups past `limits`, in one transaction; resolves with the ids dropped.
   */
  createBackup(of: string, backup: NewMap, limits: BackupLimits): Promise<string[]>;
  /** The backups of a map still kept, newest first. */
  listBackups(of: string): Promise<BackupRow[]>;
  /** Brings a backup of `of` back as a map of its own (no longer a backup); false if it is not one. */
  restoreBackup(of: string, backupId: string): Promise<boolean>;

  // ---- saved reviews (frozen JSON, never edited)
  listReviews(mapId: string): Promise<ReviewSummaryRow[]>;
  getReview(mapId: string, reviewId: string): Promise<Review | undefined>;
  countReviews(mapId: string): Promise<number>;
  /** Stores reviews in one transaction (ids unique within the map). */
  insertReviews(mapId: string, reviews: readonly Review[]): Promise<void>;
  /** False when there was no such review. */
  removeReview(mapId: string, reviewId: string): Promise<boolean>;
  /** Every review of a map, oldest first (the JSON export). */
  allReviews(mapId: string): Promise<Review[]>;
  /** The newest review's time (epoch ms) of every map that has one. */
  lastReviewTimes(): Promise<Map<string, number>>;

  // ---- the map list's health figures, kept as opaque JSON per map
  putHealth(mapId: string, healthJson: string): Promise<void>;
  getHealth(mapId: string): Promise<string | undefined>;

  /** Resolves when the store answers, rejects when it does not (`GET /healthz`); optional. */
  ping?(): Promise<void>;

  /** Writes what is pending and releases the data directory. */
  close(): Promise<void>;
}

/** A saved review as both implementations store it (frozen JSON; the time as epoch ms). */
export interface ReviewRow {
  id: string;
  name: string;
  summary: string;
  /** Epoch ms; PostgreSQL hands a bigint back as a string. */
  created_at: number | string;
  snapshot_json: string;
  checklist_json: string;
}

export const reviewFromRow = (r: ReviewRow): Review => ({
  id: r.id,
  name: r.name,
  summary: r.summary,
  createdAt: new Date(Number(r.created_at)).toISOString(),
  snapshot: JSON.parse(r.snapshot_json) as JourneyMapSnapshot,
  checklist: JSON.parse(r.checklist_json) as Record<Id, ReviewChecklist>,
});
