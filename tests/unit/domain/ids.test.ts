import { describe, expect, it } from 'vitest';
import { MAP_ID_PATTERN, isMapId, newEntityId, newMapId } from '../../../src/domain/ids';

const URL_SAFE = /^[A-Za-z0-9_-]+$/;

describe('map ids', () => {
  it('are 22 URL-safe characters that match the pattern the server checks', () => {
    for (let i = 0; i < 200; i++) {
      const id = newMapId();
      expect(id).toHaveLength(22);
      expect(id).toMatch(URL_SAFE);
      expect(isMapId(id)).toBe(true);
    }
  });

  it('are unique', () => {
    const ids = new Set(Array.from({ length: 5000 }, newMapId));
    expect(ids.size).toBe(5000);
  });

  it('use the whole alphabet, so they carry the randomness they claim', () => {
    const seen = new Set(Array.from({ length: 400 }, newMapId).join(''));
    expect(seen.size).toBe(64);
  });

  it('are refused when malformed', () => {
    expect(isMapId('a'.repeat(21))).toBe(false);
    expect(isMapId('a'.repeat(23))).toBe(false);
    expect(isMapId(`${'a'.repeat(21)}/`)).toBe(false);
    expect(isMapId(`${'a'.repeat(21)}.`)).toBe(false);
    expect(isMapId('../../../../etc/passwd1')).toBe(false);
    expect(MAP_ID_PATTERN.test(`${'a'.repeat(22)}\n`)).toBe(false);
  });
});

describe('entity ids', () => {
  it('are 12 URL-safe characters and unique', () => {
    const ids = Array.from({ length: 5000 }, newEntityId);
    for (const id of ids.slice(0, 50)) {
      expect(id).toHaveLength(12);
      expect(id).toMatch(URL_SAFE);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
