// The Host rule (DNS rebinding): a page of a foreign name that resolves to this server must
// get nothing from it, in every mode and on every interface. IP addresses and localhost names
// always work (rebinding needs a name); other names only when listed in PUBLIC_URL or
// ALLOWED_HOSTS.
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import type { StartOptions } from '../../server/server';
import { closeCodeFor, httpRequest, removeTempDirs, startTestServer, wsUrlOf } from './helpers';

const SECRET = 'a long enough secret for tests';
const ADMIN = { Authorization: `Bearer ${SECRET}` };

afterAll(() => removeTempDirs());

/** A server bound as in `options`, reached on 127.0.0.1 with whatever Host header a test names. */
async function serverWith(options: Partial<StartOptions>) {
  const server = await startTestServer(options);
  const base = `http://127.0.0.1:${server.port}`;
  const admin = options.authSecret ? ADMIN : {};
  const json = { ...admin, 'Content-Type': 'application/json' };
  const created = await httpRequest(base, 'POST', '/api/maps', json, JSON.stringify({ title: 'Rebinding' }));
  const id = (JSON.parse(created.body) as { id: string }).id;
  return {
    server,
    id,
    request: (method: string, path: string, host: string) => httpRequest(base, method, path, { ...json, Host: host }),
    wsCode: (host: string) => closeCodeFor(`${wsUrlOf(base)}/${id}`, (ws) => ws.close(1000), { ...admin, Host: host }),
  };
}

describe('the Host rule', () => {
  it.each<[string, Partial<StartOptions>]>([
    ['open, on every interface', { host: '0.0.0.0' }],
    ['open, on loopback', { host: '127.0.0.1' }],
    ['with AUTH_SECRET, on every interface', { host: '0.0.0.0', authSecret: SECRET }],
  ])('%s: a foreign name is refused on HTTP and the websocket, and nothing changes', async (_, options) => {
    const { server, id, request, wsCode } = await serverWith(options);
    try {
      const port = server.port;
      const rebound = await request('DELETE', `/api/maps/${id}`, `evil.example:${port}`);
      expect(rebound.status).toBe(403);
      expect(JSON.parse(rebound.body)).toEqual({
        error: expect.stringMatching(/does not answer to the name evil\.example.*ALLOWED_HOSTS=evil\.example/),
      });
      expect(await wsCode('evil.example')).toBe(4403);
      expect(await wsCode(`EVIL.example:${port}`)).toBe(4403);
      expect((await request('GET', '/healthz', `evil.example:${port}`)).status).toBe(403);
      expect((await request('GET', '/', `evil.example:${port}`)).status).toBe(403);

      // The map is still there, for addresses and localhost names.
      for (const host of [`127.0.0.1:${port}`, `192.168.1.5:${port}`, `[::1]:${port}`, `[fd00::5]:${port}`, `localhost:${port}`, 'cjm.localhost']) {
        expect((await request('GET', `/api/maps/${id}`, host)).status, host).toBe(200);
      }
      expect(await wsCode(`192.168.1.5:${port}`)).toBe(1000);
      expect(await wsCode(`localhost:${port}`)).toBe(1000);
    } finally {
      await server.close();
    }
  });

  it('answers names listed in ALLOWED_HOSTS or PUBLIC_URL, and no others', async () => {
    const { server, id, request, wsCode } = await serverWith({
      host: '0.0.0.0',
      allowedHosts: ['cjm.lan', 'team-box'],
      publicUrl: 'https://cjm.example.com',
    });
    try {
      for (const host of ['cjm.lan', `CJM.lan:${server.port}`, 'team-box:4321', 'cjm.example.com']) {
        expect((await request('GET', `/api/maps/${id}`, host)).status, host).toBe(200);
      }
      expect(await wsCode('cjm.lan')).toBe(1000);
      for (const host of ['other.lan', 'cjm.lan.evil.example', 'example.com']) {
        expect((await request('GET', `/api/maps/${id}`, host)).status, host).toBe(403);
      }
      expect(await wsCode('other.lan')).toBe(4403);
    } finally {
      await server.close();
    }
  });

  it('reads ALLOWED_HOSTS as comma-separated names, and says what is wrong with a bad one', () => {
    expect(readConfig({ ALLOWED_HOSTS: ' cjm.lan, Team-Box:8080 ,,' }).allowedHosts).toEqual(['cjm.lan', 'team-box']);
    expect(readConfig({}).allowedHosts).toEqual([]);
    expect(() => readConfig({ ALLOWED_HOSTS: 'https://cjm.lan/' })).toThrow(/ALLOWED_HOSTS.*"https:\/\/cjm\.lan\/"/);
  });
});
