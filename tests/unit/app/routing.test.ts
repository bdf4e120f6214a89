import { describe, expect, it } from 'vitest';
import { mapHref, parseRoute } from '../../../src/app/routing';

describe('parseRoute', () => {
  it('shows the map list for an empty or root hash', () => {
    expect(parseRoute('')).toEqual({ page: 'list' });
    expect(parseRoute('#')).toEqual({ page: 'list' });
    expect(parseRoute('#/')).toEqual({ page: 'list' });
  });

  it('opens the map named in #/map/<id>', () => {
    expect(parseRoute('#/map/Ab3_-xYz0123456789abcd')).toEqual({ page: 'map', mapId: 'Ab3_-xYz0123456789abcd' });
  });

  it('ignores anything after the id', () => {
    expect(parseRoute('#/map/abc/extra')).toEqual({ page: 'map', mapId: 'abc' });
    expect(parseRoute('#/map/abc?view=1')).toEqual({ page: 'map', mapId: 'abc' });
  });

  it('falls back to the list for unknown paths and a missing id', () => {
    expect(parseRoute('#/settings')).toEqual({ page: 'list' });
    expect(parseRoute('#/map/')).toEqual({ page: 'list' });
  });

  it('keeps a malformed escape as a (non-existent) map id instead of throwing', () => {
    expect(parseRoute('#/map/%E0%A4%A')).toEqual({ page: 'map', mapId: '%E0%A4%A' });
  });

  it('round-trips ids through mapHref', () => {
    for (const id of ['Ab3_-xYz0123456789abcd', 'with space', 'ы/?#']) {
      expect(parseRoute(mapHref(id))).toEqual({ page: 'map', mapId: id });
    }
  });
});

describe('parseRoute with an access link', () => {
  const id = 'Ab3_-xYz0123456789abcd';

  it('reads the token from the query inside the hash', () => {
    expect(parseRoute(`#/map/${id}?token=eyJtIjoi.c2ln`)).toEqual({ page: 'map', mapId: id, token: 'eyJtIjoi.c2ln' });
  });

  it('finds the token among other parameters and decodes it', () => {
    expect(parseRoute(`#/map/${id}?view=1&token=a%2Eb`)).toEqual({ page: 'map', mapId: id, token: 'a.b' });
  });

  it('has no token for a plain map address or an empty token', () => {
    expect(parseRoute(`#/map/${id}`)).not.toHaveProperty('token');
    expect(parseRoute(`#/map/${id}?token=`)).not.toHaveProperty('token');
    expect(parseRoute(`#/map/${id}?token=%20`)).not.toHaveProperty('token');
  });

  it('never turns the list into a map because of a token', () => {
    expect(parseRoute('#/?token=abc')).toEqual({ page: 'list' });
    expect(parseRoute('#/map/?token=abc')).toEqual({ page: 'list' });
  });
});
