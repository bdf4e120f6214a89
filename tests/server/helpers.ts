// Shared fixtures for the server tests: temp data dirs, an in-process server on port 0,
// stock y-websocket clients (with `ws` as the WebSocket in Node) and polling waits.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { addTouchpoint } from '../../src/doc/mutations';
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

/** A JSON request without credentials; the answer's status and parsed body. */
export async function api(
  baseUrl: string,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await authedApi(baseUrl, method, urlPath, {}, body);
  return { status: res.status, body: res.body };
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

export function connectClient(
  baseUrl: string,
  mapId: string,
  doc = new Y.Doc(),
  options: { params?: Record<string, string> } = {},
): TestClient {
  const provider = new WebsocketProvider(wsUrlOf(baseUrl), mapId, doc, {
    WebSocketPolyfill: WS_POLYFILL,
    params: options.params ?? {},
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

/** Clients a test opens, destroyed together once it is over. */
export class ClientPool {
  private readonly open: TestClient[] = [];

  connect(baseUrl: string, mapId: string, options: { doc?: Y.Doc; params?: Record<string, string> } = {}): TestClient {
    const client = connectClient(baseUrl, mapId, options.doc, { params: options.params });
    this.open.push(client);
    return client;
  }

  /** Keeps `client` to be destroyed with the others (one opened some other way). */
  add(...clients: TestClient[]): void {
    this.open.push(...clients);
  }

  destroyAll(): void {
    for (const client of this.open.splice(0)) client.destroy();
  }
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
export function closeCodeFor(
  url: string,
  send?: (ws: WebSocket) => void,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => send?.(ws));
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

/** A raw socket that keeps every frame the server sends, for hand-crafted protocol tests. */
export interface RawPeer {
  ws: WebSocket;
  received: Uint8Array[];
  /** Resolves with the close code once the server (or we) closed the socket. */
  closed: Promise<number>;
}

export function openRawPeer(
  url: string,
  headers: Record<string, string> = {},
  options: WebSocket.ClientOptions = {},
): Promise<RawPeer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...options, headers });
    const received: Uint8Array[] = [];
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    ws.on('open', () => resolve({ ws, received, closed }));
    ws.on('error', reject);
  });
}

/** A sync step 1 from a peer that has nothing: [sync, step 1, length 1, state vector with 0 clients]. */
export const SYNC_STEP_1_EMPTY = new Uint8Array([0, 0, 1, 0]);

/** Sends `frame` then a sync step 1, and waits for the answer: the server has handled `frame`. */
export async function sendAndSettle(peer: RawPeer, frame: Uint8Array): Promise<void> {
  const before = peer.received.length;
  peer.ws.send(frame);
  peer.ws.send(SYNC_STEP_1_EMPTY);
  await waitFor(
    () => peer.received.slice(before).some((m) => m[0] === 0 && m[1] === 1),
    'the answer to a sync step 1',
  );
}

/** The sync token in a link `<origin>/#/map/<id>?token=<token>`. */
export const tokenOf = (link: string) => new URL(link).hash.split('?token=')[1]!;

export async function authedApi(
  baseUrl: string,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  // Every write declares JSON, as the app's clients do (the server refuses others with 415).
  const json = body !== undefined || (method !== 'GET' && method !== 'HEAD');
  const res = await fetch(baseUrl + urlPath, {
    method,
    headers: json ? { ...headers, 'Content-Type': 'application/json' } : headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text, headers: res.headers };
}

/** The map's first cell (of the template's lanes), where tests put their cards. */
export function firstCell(doc: Y.Doc) {
  const snap = readSnapshot(doc);
  return { stageId: snap.stages[0]!.id, channelId: snap.channels[0]!.id };
}

/** Adds a card in the first cell, the way the app does; returns its id. */
export const addCard = (doc: Y.Doc, title: string) => addTouchpoint(doc, { ...firstCell(doc), title });

/** The cards' titles, sorted: peers hold the cards in arrival order. */
export const cardTitles = (doc: Y.Doc) => readSnapshot(doc).touchpoints.map((t) => t.title).sort();

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

/** A request exactly as written: headers fetch would drop (Host), a body fetch would not send, and the raw answer text. */
export function httpRequest(
  baseUrl: string,
  method: string,
  urlPath: string,
  headers: http.OutgoingHttpHeaders = {},
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // Node sends a DELETE's body without a length unless told: give it one.
    const length = body === undefined ? {} : { 'Content-Length': Buffer.byteLength(body) };
    const req = http.request(baseUrl + urlPath, { method, headers: { ...length, ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
