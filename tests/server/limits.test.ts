// Limits on hostile or runaway clients. Each exceeded limit closes only the connection that
// broke it, with its own close code and a log line; the map and everyone else carry on.
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { setScenario } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import type { Logger } from '../../server/log';
import type { RunningServer, StartOptions } from '../../server/server';
import {
  addCard,
  cardTitles,
  ClientPool,
  closeCodeFor,
  createMap,
  openRawPeer,
  removeTempDirs,
  startTestServer,
  waitFor,
  waitSynced,
  wsUrlOf,
  type RawPeer,
  type TestClient,
} from './helpers';

const clients = new ClientPool();
const peers: RawPeer[] = [];
const servers: RunningServer[] = [];

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, error?: unknown) =>
    lines.push(`${level} ${message}${error instanceof Error ? ` (${error.message})` : ''}`);
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

async function serverWith(options: Partial<StartOptions>) {
  const log = recordingLogger();
  const server = await startTestServer({ log, ...options });
  servers.push(server);
  return { server, log };
}

async function rawPeer(url: string, options?: Parameters<typeof openRawPeer>[1]) {
  const peer = await openRawPeer(url, options);
  peers.push(peer);
  return peer;
}

/** Two stock clients on a map; an edit by one must reach the other. */
async function pairOn(server: RunningServer, mapId: string) {
  const ann = clients.connect(server.url, mapId);
  const bob = clients.connect(server.url, mapId);
  await Promise.all([waitSynced(ann), waitSynced(bob)]);
  return { ann, bob };
}

async function stillSyncing(pair: { ann: TestClient; bob: TestClient }, title: string) {
  addCard(pair.ann.doc, title);
  await waitFor(() => cardTitles(pair.bob.doc).includes(title), `"${title}" to reach the other client`);
}

const frame = (type: number, ...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
};
const updateFrame = (update: Uint8Array) =>
  frame(0, (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint8Array(e, update));

afterEach(async () => {
  clients.destroyAll();
  for (const p of peers.splice(0)) p.ws.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => removeTempDirs());

describe('limits', () => {
  it('closes a connection that sends a frame over the message size limit with 1009', async () => {
    const { server, log } = await serverWith({ maxMessageBytes: 64 * 1024 });
    const mapId = await createMap(server.url);
    const pair = await pairOn(server, mapId);
    const peer = await rawPeer(`${wsUrlOf(server.url)}/${mapId}`);
    peer.ws.send(new Uint8Array(100 * 1024));
    expect(await peer.closed).toBe(1009);
    expect(log.lines.some((l) => /connection error .*Max payload size exceeded/.test(l))).toBe(true);
    await stillSyncing(pair, 'After the big frame');
  });

  it('refuses an update that would grow the map past its size limit, and stores none of it', async () => {
    const { server, log } = await serverWith({ maxMapBytes: 48 * 1024 });
    const mapId = await createMap(server.url);
    const pair = await pairOn(server, mapId);

    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(pair.ann.doc));
    const before = Y.encodeStateVector(forger);
    forger.getMap('meta').set('padding', 'x'.repeat(60 * 1024));
    const peer = await rawPeer(`${wsUrlOf(server.url)}/${mapId}`);
    peer.ws.send(updateFrame(Y.encodeStateAsUpdate(forger, before)));
    expect(await peer.closed).toBe(4413);
    expect(log.lines.some((l) => l.includes('the map would grow past 49152 bytes'))).toBe(true);

    await stillSyncing(pair, 'Small edits still fit');
    expect(pair.bob.doc.getMap('meta').has('padding')).toBe(false);
    const late = clients.connect(server.url, mapId);
    await waitSynced(late);
    expect(late.doc.getMap('meta').has('padding')).toBe(false);
  });

  it('does not mistake a long log of overwritten edits for a large map', async () => {
    const { server } = await serverWith({ maxMapBytes: 48 * 1024 });
    const mapId = await createMap(server.url);
    const pair = await pairOn(server, mapId);
    // 25 × 4000 characters pass through, but the map only ever holds one of them.
    for (let i = 0; i < 25; i++) {
      setScenario(pair.ann.doc, `${i} `.padEnd(4000, 'z'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => readSnapshot(pair.bob.doc).meta.scenario.startsWith('24 '), 'the last scenario at Bob');
    expect(pair.ann.provider.wsconnected).toBe(true);
  });

  it('limits connections per map and per address with 4408', async () => {
    const { server, log } = await serverWith({ maxConnectionsPerMap: 2, maxConnectionsPerIp: 3 });
    const [a, b, c] = [await createMap(server.url), await createMap(server.url), await createMap(server.url)];
    const ws = wsUrlOf(server.url);
    const first = await rawPeer(`${ws}/${a}`);
    await rawPeer(`${ws}/${a}`);
    expect(await closeCodeFor(`${ws}/${a}`)).toBe(4408);
    expect(server.loadedMapIds()).toEqual([a]);
    expect(log.lines.some((l) => l.includes('too many connections to this map (4408)'))).toBe(true);

    await rawPeer(`${ws}/${b}`);
    expect(await closeCodeFor(`${ws}/${c}`)).toBe(4408);
    expect(log.lines.some((l) => l.includes('too many connections from this address (4408)'))).toBe(true);
    // Another address is counted on its own.
    const elsewhere = await openRawPeer(`${ws}/${c}`, {}, { localAddress: '127.0.0.2' });
    peers.push(elsewhere);
    expect(elsewhere.ws.readyState).toBe(elsewhere.ws.OPEN);

    // A freed place can be taken again.
    first.ws.close();
    await waitFor(() => server.connectionCount() === 3, 'the closed connection to be counted out');
    const again = await rawPeer(`${ws}/${a}`);
    expect(again.ws.readyState).toBe(again.ws.OPEN);
  });

  it('closes a connection that sends faster than the rate limit with 4429', async () => {
    const { server, log } = await serverWith({ messagesPerSecond: 50, messageBurst: 20 });
    const mapId = await createMap(server.url);
    const pair = await pairOn(server, mapId);
    const peer = await rawPeer(`${wsUrlOf(server.url)}/${mapId}`);
    for (let i = 0; i < 60; i++) peer.ws.send(new Uint8Array([3])); // "who is here?"
    expect(await peer.closed).toBe(4429);
    expect(log.lines.some((l) => l.includes('over 50 messages/s'))).toBe(true);
    await stillSyncing(pair, 'Normal pace is fine');
  });

  it('refuses a client that sends data before its connection was accepted', async () => {
    const { server, log } = await serverWith({ maxEarlyBytes: 1024 });
    const mapId = await createMap(server.url);
    const { port } = new URL(server.url);
    const code = await new Promise<number>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf('\r\n\r\n');
        // The handshake answer, then a close frame: 0x88, length, then the code.
        if (end !== -1 && received.length >= end + 8) {
          expect(received.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
          expect(received[end + 4]).toBe(0x88);
          resolve(received.readUInt16BE(end + 6));
          socket.destroy();
        }
      });
      socket.on('error', reject);
      socket.write(
        `GET /ws/${mapId} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n' +
          'x'.repeat(4096),
      );
    });
    expect(code).toBe(4429);
    expect(server.loadedMapIds()).not.toContain(mapId);
    expect(log.lines.some((l) => l.includes('data sent before the connection was accepted'))).toBe(true);
  });

  it('closes a connection whose presence is too large with 4413, keeping everyone else', async () => {
    const { server } = await serverWith({});
    const mapId = await createMap(server.url);
    const pair = await pairOn(server, mapId);
    pair.ann.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    const peer = await rawPeer(`${wsUrlOf(server.url)}/${mapId}`);
    const huge = frame(1, (e) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, 12345);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(inner, JSON.stringify({ user: { name: 'y'.repeat(100 * 1024) } }));
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
    peer.ws.send(huge);
    expect(await peer.closed).toBe(4413);
    expect(pair.bob.provider.awareness.getStates().has(12345)).toBe(false);
    await waitFor(() => pair.bob.provider.awareness.getStates().get(pair.ann.doc.clientID)?.user?.name === 'Ann', 'Ann');
    await stillSyncing(pair, 'Presence limit passed');
  });
});
