import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { removeTempDirs, startTestServer, tempDir } from './helpers';

let server: RunningServer;
let secretFile: string;
let staticDir: string;
// Big enough that compressing it is worth it, and unlike the small files above.
const APP_CODE = Array.from({ length: 2000 }, (_, i) => `export const field${i} = "value ${i}";`).join('\n');

function writeApp(dir: string) {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>CJM Studio</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ef56Gh78.css'), 'body{}');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(dir, 'assets', 'startApp-Xy12Zw34.js'), APP_CODE);
  fs.writeFileSync(path.join(dir, 'assets', 'photo-Qr12St34.png'), Buffer.alloc(4096, 7));
}

/** Sends the path exactly as written (fetch would normalise `..`). */
function get(rawPath: string, headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; bytes: Buffer }>((resolve, reject) => {
    const { port } = new URL(server.url);
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: bytes.toString(), bytes });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  staticDir = tempDir('cjm-static-');
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

describe('compressed app files', () => {
  const code = '/assets/startApp-Xy12Zw34.js';

  it('sends code gzipped to a browser that accepts only gzip (any browser over plain HTTP)', async () => {
    const res = await get(code, { 'Accept-Encoding': 'gzip, deflate' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.bytes.byteLength);
    expect(res.bytes.byteLength).toBeLessThan(APP_CODE.length / 3);
    expect(zlib.gunzipSync(res.bytes).toString()).toBe(APP_CODE);
  });

  it('prefers brotli when the browser offers it, unless the browser ranks gzip higher', async () => {
    const br = await get(code, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.bytes).toString()).toBe(APP_CODE);
    const ranked = await get(code, { 'Accept-Encoding': 'br;q=0.5, gzip' });
    expect(ranked.headers['content-encoding']).toBe('gzip');
  });

  it('sends the bytes as they are to a client that asks for no encoding, and leaves images alone', async () => {
    const plain = await get(code);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(APP_CODE);
    const refused = await get(code, { 'Accept-Encoding': 'identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(APP_CODE);
    const png = await get('/assets/photo-Qr12St34.png', { 'Accept-Encoding': 'gzip, br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.bytes.equals(Buffer.alloc(4096, 7))).toBe(true);
  });

  it('answers HEAD with the compressed length and no body', async () => {
    const { port } = new URL(server.url);
    const head = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: code, method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res));
      });
      req.on('error', reject);
      req.end();
    });
    const full = await get(code, { 'Accept-Encoding': 'gzip' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
  });

  it('compresses a file again once it changed on disk (a new build under the same name)', async () => {
    const before = await get('/', { 'Accept-Encoding': 'gzip' });
    expect(zlib.gunzipSync(before.bytes).toString()).toContain('CJM Studio');
    const index = path.join(staticDir, 'index.html');
    fs.writeFileSync(index, '<!doctype html><title>CJM Studio, rebuilt</title>');
    fs.utimesSync(index, new Date(), new Date(Date.now() + 5000));
    const after = await get('/', { 'Accept-Encoding': 'gzip' });
    expect(zlib.gunzipSync(after.bytes).toString()).toContain('CJM Studio, rebuilt');
  });
});
