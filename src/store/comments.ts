// Derived comment data for the UI, computed once per version of the comments record (the map
// store keeps the record's identity until a comment changes), so a card's badge selector is a
// lookup, not a pass over every comment per card per edit.
import { openThreadCounts, threadsOf, type Thread } from '../domain/comments';
import type { Comment, Id } from '../domain/types';

interface Derived {
  threads: Thread[];
  openCounts: Map<Id, number>;
}

const cache = new WeakMap<Record<Id, Comment>, Derived>();

function derived(comments: Record<Id, Comment>): Derived {
  let d = cache.get(comments);
  if (!d) {
    const threads = threadsOf(Object.values(comments));
    d = { threads, openCounts: openThreadCounts(threads) };
    cache.set(comments, d);
  }
  return d;
}

/** Every thread of the map, newest activity first. */
export const threadsOfMap = (comments: Record<Id, Comment>): Thread[] => derived(comments).threads;

/** Open threads on one touchpoint or cell. */
export const openThreadCount = (comments: Record<Id, Comment>, placeId: Id): number => derived(comments).openCounts.get(placeId) ?? 0;

// ---------------------------------------------------------------- last visit, per person and map

const seenKey = (mapId: string, personId: string) => `cjm-studio.comments-seen.${mapId}.${personId}`;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** When this person last had this map open in this browser (ISO), or null on a first visit. */
export function lastSeenAt(mapId: string, personId: string): string | null {
  const raw = storage()?.getItem(seenKey(mapId, personId));
  return raw && !Number.isNaN(Date.parse(raw)) ? raw : null;
}

export function markSeen(mapId: string, personId: string, at: Date = new Date()): void {
  try {
    storage()?.setItem(seenKey(mapId, personId), at.toISOString());
  } catch {
    // Storage full or refused: the marks show again next time, nothing is lost.
  }
}
