import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { removeTempDirs, startTestServer, tempDir } from './helpers';

let server: RunningServer;
let secretFile: string;

function writeApp(dir: string) {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>CJM Studio</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ef56Gh78.css'), 'body{}');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

/** Sends the path exactly as written (fetch would normalise `..`). */
function get(rawPath: string, headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const { port } = new URL(server.url);
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const staticDir = tempDir('cjm-static-');
  writeApp(staticDir);
  // A secret next to the app folder must never be reachable.
  secretFile = path.join(path.dirname(staticDir), 'cjm-secret.txt');
  fs.writeFileSync(secretFile, 'secret');
  server = await startTestServer({ staticDir });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(secretFile, { force: true });
  removeTempDirs();
});

describe('static app', () => {
  it('serves index.html at the root, revalidated on every load', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('CJM Studio');
  });

  it('serves hashed assets with their content type, cached for good', async () => {
    const js = await get('/assets/index-Ab12Cd34.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toBe('console.log("app")');
    const css = await get('/assets/index-Ef56Gh78.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const svg = await get('/favicon.svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['cache-control']).toBe('no-cache');
  });

  it('answers revalidation with 304 Not Modified', async () => {
    const first = await get('/');
    const again = await get('/', { 'If-Modified-Since': first.headers['last-modified']! });
    expect(again.status).toBe(304);
  });

  it("falls back to index.html for the app's own routes, but not for missing files", async () => {
    const route = await get('/maps/abc?x=1');
    expect(route.status).toBe(200);
    expect(route.body).toContain('CJM Studio');
    expect((await get('/assets/missing-123.js')).status).toBe(404);
  });

  it('never serves files outside the app folder', async () => {
    for (const p of ['/../cjm-secret.txt', '/..%2Fcjm-secret.txt', '/%2e%2e/cjm-secret.txt', '/assets/../../cjm-secret.txt']) {
      const res = await get(p);
      expect(res.body, p).not.toContain('secret');
    }
  });

  it('sends the security headers on every response: the app, the API, errors and refusals', async () => {
    for (const p of ['/', '/assets/index-Ab12Cd34.js', '/missing.png', '/api/maps', '/api/nothing', '/healthz']) {
      const res = await get(p);
      expect(res.headers['content-security-policy'], p).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
          "font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; " +
          "form-action 'self'; frame-ancestors 'none'",
      );
      expect(res.headers['x-content-type-options'], p).toBe('nosniff');
      expect(res.headers['referrer-policy'], p).toBe('no-referrer');
      expect(res.headers['x-frame-options'], p).toBe('DENY');
    }
  });

  it('keeps unknown API paths out of the app fallback', async () => {
    const res = await get('/api/unknown');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });
});
