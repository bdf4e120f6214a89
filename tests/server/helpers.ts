// Shared fixtures for the server tests: temp data dirs, an in-process server on port 0,
// stock y-websocket clients (with `ws` as the WebSocket in Node) and polling waits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { readSnapshot } from '../../src/doc/read';
import { silentLogger } from '../../server/log';
import { startServer, type RunningServer, type StartOptions } from '../../server/server';

export const WS_POLYFILL = WebSocket as unknown as typeof globalThis.WebSocket;

const tempDirs: string[] = [];

export function tempDir(prefix = 'cjm-server-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function startTestServer(options: Partial<StartOptions> = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: options.dataDir ?? tempDir(),
    staticDir: options.staticDir ?? tempDir('cjm-static-'),
    log: silentLogger,
    ...options,
  });
}

export const wsUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws') + '/ws';

export async function api(
  baseUrl: string,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(baseUrl + urlPath, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function createMap(baseUrl: string, title = 'Journey', template: 'default' | 'blank' = 'default') {
  const res = await api(baseUrl, 'POST', '/api/maps', { title, template });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

export function connectClient(baseUrl: string, mapId: string, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(wsUrlOf(baseUrl), mapId, doc, {
    WebSocketPolyfill: WS_POLYFILL,
    // Clients in one test process would otherwise sync through BroadcastChannel, bypassing the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const waitSynced = (client: TestClient, timeoutMs?: number) =>
  waitFor(() => client.provider.synced, 'the provider to sync', timeoutMs);

export const sameStateVector = (a: Y.Doc, b: Y.Doc) =>
  Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

/** Opens a raw socket and resolves with the close code the server chose. */
export function closeCodeFor(url: string, send?: (ws: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => send?.(ws));
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

/** readSnapshot with every collection in id order: peers iterate Y.Maps in arrival order. */
export function canonicalSnapshot(doc: Y.Doc) {
  const snap = readSnapshot(doc);
  return {
    ...snap,
    touchpoints: byId(snap.touchpoints),
    connections: byId(snap.connections),
    notes: byId(snap.notes),
    quotes: byId(snap.quotes),
  };
}
