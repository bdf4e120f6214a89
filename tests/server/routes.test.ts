// Every route of the API, walked from the router's own table, so a route added later is covered
// without anyone remembering to: writes that a web page could send without asking (text/plain,
// a form, no type) are refused with 415 and change nothing; every error is `{error}` JSON.
import { describe, expect, it } from 'vitest';
import type { StartOptions } from '../../server/server';
import { httpRequest } from './helpers';
import { useSharedServer } from './sharedServer';

const SECRET = 'a long enough secret for tests';
const NOW = Date.parse('2026-06-01T10:00:00Z');
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** What a cross-site page can send without a preflight, and a client that sends no type. */
const NOT_JSON: [string, Record<string, string>][] = [
  ['text/plain', { 'Content-Type': 'text/plain;charset=UTF-8' }],
  ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['a multipart form', { 'Content-Type': 'multipart/form-data; boundary=x' }],
  ['no content type', {}],
];
/** Valid JSON for any route taking a title or a name: only the content type may stop it. */
const BODY = JSON.stringify({ title: 'Changed', name: 'Changed' });

describe.each<[string, Partial<StartOptions>, Record<string, string>]>([
  ['open mode', {}, {}],
  ['with AUTH_SECRET, as the administrator', { authSecret: SECRET }, { Authorization: `Bearer ${SECRET}` }],
])('every route, %s', (_, options, admin) => {
  // A fixed clock: exports and links are then the same bytes each time they are fetched.
  const shared = useSharedServer(() => ({ ...options, now: () => NOW }));
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    httpRequest(shared.url, method, path, { ...admin, ...headers }, body);
  const json = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, JSON_TYPE, body === undefined ? undefined : JSON.stringify(body));
    return { status: res.status, body: res.body ? (JSON.parse(res.body) as unknown) : null };
  };

  async function fixtures() {
    const live = ((await json('POST', '/api/maps', { title: 'Live' })).body as { id: string }).id;
    const review = ((await json('POST', `/api/maps/${live}/reviews`, { name: 'Q2' })).body as { id: string }).id;
    const deleted = ((await json('POST', '/api/maps', { title: 'Deleted' })).body as { id: string }).id;
    expect((await json('DELETE', `/api/maps/${deleted}`)).status).toBe(200);
    return { live, review, deleted };
  }

  /** Everything a write could change, as the API shows it. */
  async function state(live: string, deleted: string) {
    const texts = await Promise.all(
      ['/api/maps', `/api/maps/${live}`, `/api/maps/${live}/reviews`, `/api/maps/${live}/export.json`, `/api/maps/${live}/links`, `/api/maps/${deleted}`].map(
        async (path) => {
          const res = await call('GET', path);
          return `${res.status} ${res.body}`;
        },
      ),
    );
    return texts.join('\n');
  }

  it('refuses every write that is not declared JSON with 415, changing nothing', async () => {
    const { live, review, deleted } = await fixtures();
    const writes = shared.server.routes().filter((route) => route.method !== 'GET');
    // Maps, duplicate, restore, rename, delete, links/rotate, import, replace, reviews.
    expect(writes.length).toBeGreaterThanOrEqual(10);
    const before = await state(live, deleted);
    for (const route of writes) {
      for (const id of [live, deleted]) {
        // Every other parameter (a backup id…) gets a well-formed id: the 415 must come first.
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? id : name === 'reviewId' ? review : live));
        for (const [what, headers] of NOT_JSON) {
          const res = await call(route.method, path, headers, BODY);
          expect(res.status, `${route.method} ${path} with ${what}`).toBe(415);
          expect(JSON.parse(res.body)).toEqual({ error: 'Content-Type must be application/json' });
        }
      }
    }
    expect(await state(live, deleted)).toBe(before);
  });

  it('answers errors of every route as {error} JSON: a malformed id is 400 before anything is read', async () => {
    const routes = shared.server.routes();
    expect(routes.length).toBeGreaterThanOrEqual(16);
    const { live } = await fixtures();
    for (const route of routes.filter((r) => r.path.includes(':'))) {
      const ids = route.path.includes(':reviewId') ? [['bad id', live], [live, 'no/review']] : [['bad id', '']];
      for (const [id, reviewId] of ids) {
        const path = route.path.replace(':id', encodeURIComponent(id!)).replace(':reviewId', encodeURIComponent(reviewId!));
        const res = await json(route.method, path, route.method === 'GET' ? undefined : {});
        expect(res.status, `${route.method} ${path}`).toBe(400);
        expect(res.body, `${route.method} ${path}`).toEqual({ error: expect.stringMatching(/^invalid (map|review) id$/) });
      }
    }
    expect(await json('GET', '/api/nothing')).toEqual({ status: 404, body: { error: 'no such endpoint' } });
    const wrongMethod = await call('PUT', `/api/maps/${live}`, JSON_TYPE, BODY);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, PATCH, DELETE');
    expect(JSON.parse(wrongMethod.body)).toEqual({ error: 'method not allowed' });
  });
});
