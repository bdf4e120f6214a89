import { describe, expect, it } from 'vitest';
import { readLinkClaims, tokenOfLink } from '../../../src/app/access/linkToken';

const MAP_ID = 'Ab3_-xYz0123456789abcd';

/** A token shaped like the server's: base64url(JSON payload) "." a signature we never check here. */
function makeToken(payload: Record<string, unknown>, signature = 'c2lnbmF0dXJl'): string {
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

describe('readLinkClaims', () => {
  it('reads the map, the role and the expiry (seconds) of a view link', () => {
    const token = makeToken({ m: MAP_ID, r: 'view', e: 1_800_000_000, k: 0 });
    expect(readLinkClaims(token)).toEqual({ mapId: MAP_ID, role: 'view', expiresAt: 1_800_000_000_000 });
  });

  it('reads an edit link', () => {
    expect(readLinkClaims(makeToken({ m: MAP_ID, r: 'edit', e: 1, k: 3 }))?.role).toBe('edit');
  });

  it('refuses tokens that are not shaped like ours', () => {
    const cases = [
      '',
      'no-dot-at-all',
      'a.b.c',
      `${makeToken({ m: MAP_ID, r: 'view', e: 1, k: 0 })}.extra`,
      makeToken({ m: MAP_ID, r: 'view', e: 1, k: 0 }, ''),
      'not+base64url.sig',
      `${Buffer.from('not json').toString('base64url')}.sig`,
      makeToken({ m: 'short', r: 'view', e: 1, k: 0 }),
      makeToken({ m: MAP_ID, r: 'admin', e: 1, k: 0 }),
      makeToken({ m: MAP_ID, r: 'view', e: 'soon', k: 0 }),
      `${Buffer.from('null').toString('base64url')}.sig`,
    ];
    for (const token of cases) expect(readLinkClaims(token), token).toBeNull();
  });

  it('does not trust bytes that are not UTF-8', () => {
    expect(readLinkClaims(`${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.sig`)).toBeNull();
  });
});

describe('tokenOfLink', () => {
  it('takes the token out of an edit or view link', () => {
    const token = makeToken({ m: MAP_ID, r: 'edit', e: 1, k: 0 });
    expect(tokenOfLink(`http://127.0.0.1:4321/#/map/${MAP_ID}?token=${token}`)).toBe(token);
  });

  it('ignores a token outside the hash and links without one', () => {
    expect(tokenOfLink(`http://host/?token=abc#/map/${MAP_ID}`)).toBeNull();
    expect(tokenOfLink(`http://host/#/map/${MAP_ID}`)).toBeNull();
    expect(tokenOfLink('http://host/')).toBeNull();
  });
});
