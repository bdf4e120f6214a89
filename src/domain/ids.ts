// Ids are random and URL-safe. Map ids carry 128 bits so they cannot be guessed;
// entity ids inside a map are shorter since they are only unique within one doc.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomId(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 63];
  return out;
}

/** 22 chars × 6 bits = 132 bits of randomness. */
export const newMapId = (): string => randomId(22);
export const newEntityId = (): string => randomId(12);

/**
 * The id of a layer's cell at a stage, the same on every replica: two people typing into the
 * same empty cell at once (or offline) create one cell, not two, and their concurrent writes
 * then resolve like any other concurrent edit of one field. Ids over 64 characters (possible
 * with ids from other tools) are folded into a hash.
 */
export function cellIdOf(layerId: string, stageId: string): string {
  const plain = `${layerId}:${stageId}`;
  if (plain.length <= 64) return plain;
  // FNV-1a, twice with different seeds: 64 bits, ample for the cells of one map.
  const fnv = (seed: number) => {
    let h = seed;
    for (let i = 0; i < plain.length; i++) h = Math.imul(h ^ plain.charCodeAt(i), 16777619) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  return `cell:${fnv(2166136261)}${fnv(33554467)}`;
}

export const MAP_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const isMapId = (value: string): boolean => MAP_ID_PATTERN.test(value);
