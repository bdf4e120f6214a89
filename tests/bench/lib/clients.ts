// Stock y-websocket clients in Node (WebsocketProvider over the `ws` package), the same
// provider the app uses, plus the probe that times an edit from its sender to every peer.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { waitFor } from './stats';

const WS_POLYFILL = WebSocket as unknown as typeof globalThis.WebSocket;
// Every provider adds a process 'exit' listener in Node; hundreds of clients are intended here.
process.setMaxListeners(0);

export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

export function connectClient(wsUrl: string, mapId: string, doc = new Y.Doc()): BenchClient {
  const provider = new WebsocketProvider(wsUrl, mapId, doc, {
    WebSocketPolyfill: WS_POLYFILL,
    // Clients in one process would otherwise talk over BroadcastChannel and bypass the server.
    disableBc: true,
    maxBackoffTime: 1000,
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

/** Connects `count` clients, a few at a time so the handshakes do not all queue at once. */
export async function connectClients(wsUrl: string, mapId: string, count: number, timeoutMs = 60_000): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i++) {
    clients.push(connectClient(wsUrl, mapId));
    if (i % 20 === 19) await waitFor(() => clients.every((c) => c.provider.synced), `${clients.length} clients to sync`, timeoutMs);
  }
  await waitFor(() => clients.every((c) => c.provider.synced), `${count} clients to sync`, timeoutMs);
  return clients;
}

/** The shared map every probe edit goes into: one key per sender, the value is its send time. */
const PROBE_MAP = 'benchProbe';

/** Wall-clock milliseconds with sub-millisecond precision, comparable across threads. */
export const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Edit-to-peer latency. An edit writes the send time under the sender's key; every other
 * client records now − that value when the change arrives. Clients may live in different
 * worker threads of this process: the clock is wall time, not a thread's performance.now().
 */
export class LatencyProbe {
  private samples: number[] = [];
  private received = 0;
  private sent = 0;
  /** Values written before this moment (first sync, an earlier step) are not samples. */
  private since = Number.POSITIVE_INFINITY;
  private readonly detach: (() => void)[] = [];

  constructor(private readonly clients: readonly BenchClient[]) {
    for (const client of clients) {
      const map = client.doc.getMap<number>(PROBE_MAP);
      const onChange = (event: Y.YMapEvent<number>) => {
        if (event.transaction.local) return;
        const now = epochNow();
        for (const key of event.keysChanged) {
          const sentAt = map.get(key);
          if (typeof sentAt !== 'number' || sentAt < this.since) continue;
          this.samples.push(now - sentAt);
          this.received++;
        }
      };
      map.observe(onChange);
      this.detach.push(() => map.unobserve(onChange));
    }
  }

  /** Starts a new window: earlier samples and counts are dropped; edits sent before `since` are ignored. */
  start(since = epochNow()): void {
    this.samples = [];
    this.received = 0;
    this.sent = 0;
    this.since = since;
  }

  edit(client: BenchClient): void {
    client.doc.getMap<number>(PROBE_MAP).set(String(client.doc.clientID), epochNow());
    this.sent++;
  }

  /** Deliveries expected so far: every edit reaches every other client once. */
  expected(): number {
    return this.sent * (this.clients.length - 1);
  }

  result() {
    return { samples: this.samples, received: this.received, sent: this.sent, expected: this.expected() };
  }

  dispose(): void {
    for (const off of this.detach) off();
  }
}
