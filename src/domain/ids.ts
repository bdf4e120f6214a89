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

export const MAP_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const isMapId = (value: string): boolean => MAP_ID_PATTERN.test(value);
