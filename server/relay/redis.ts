// The relay on Redis pub/sub (`REDIS_URL`). One channel per map, `cjm:map:<mapId>`, subscribed
// only while this instance has the map open; `cjm:instances` carries heartbeats and goodbyes.
// Every message starts with its kind and the sender's instance id, so an instance ignores its own.
//
// Redis keeps nothing here: a message published while someone was not listening is simply
// lost, and that is fine, because the publisher had stored the update first. So whenever a
// link comes back, the instance reads its open maps back from storage (subscriber link) or
// tells the others to (publisher link). Presence of an instance that stops without a goodbye
// ends when it has missed three heartbeats.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log';
import type { Relay, RelayChannel, RelayHandlers } from './Relay';

const MAP_CHANNEL_PREFIX = 'cjm:map:';
const INSTANCES_CHANNEL = 'cjm:instances';
/** An instance silent for this many heartbeats is taken for dead. */
export const MISSED_BEATS = 3;
/** Joining a map waits at most this long for Redis to confirm the subscription. */
const SUBSCRIBE_WAIT_MS = 2000;

export const mapChannel = (mapId: string): string => MAP_CHANNEL_PREFIX + mapId;

const Kind = {
  Updates: 1,
  Awareness: 2,
  PresenceQuery: 3,
  CatchUp: 4,
  Evict: 5,
  Revoke: 6,
  Heartbeat: 7,
  Bye: 8,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

export interface RedisRelayOptions {
  log: Logger;
  heartbeatMs: number;
  /** How long start waits for Redis before going on without it (it keeps trying). */
  connectWaitMs?: number;
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

class Channel implements RelayChannel {
  private handlers: RelayHandlers | null = null;
  /** What arrived between `join` and `listen`: the room was being read from storage. */
  private backlog: ((handlers: RelayHandlers) => void)[] = [];
  left = false;

  constructor(
    readonly mapId: string,
    private readonly relay: RedisRelay,
  ) {}

  deliver(event: (handlers: RelayHandlers) => void): void {
    if (this.left) return;
    if (!this.handlers) {
      this.backlog.push(event);
      return;
    }
    try {
      event(this.handlers);
    } catch (error) {
      this.relay.log.warn(`relay: map ${this.mapId}: a message from another instance could not be applied`, error);
    }
  }

  listen(handlers: RelayHandlers): void {
    this.handlers = handlers;
    for (const event of this.backlog.splice(0)) this.deliver(event);
  }

  publishUpdates(updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return;
    this.relay.publish(this.mapId, Kind.Updates, (encoder) => {
      encoding.writeVarUint(encoder, updates.length);
      for (const update of updates) encoding.writeVarUint8Array(encoder, update);
    });
  }

  publishAwareness(update: Uint8Array): void {
    this.relay.publish(this.mapId, Kind.Awareness, (encoder) => encoding.writeVarUint8Array(encoder, update));
  }

  askPresence(): void {
    this.relay.publish(this.mapId, Kind.PresenceQuery);
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    this.handlers = null;
    this.backlog = [];
    this.relay.leave(this);
  }
}

class RedisRelay implements Relay {
  readonly instanceId = randomBytes(9).toString('base64url');
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channels = new Map<string, Channel>();
  /** When each other instance was last heard from. */
  private readonly lastSeen = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Set until a link is up, and again whenever it drops: its return means catching up. */
  private publisherDown = true;
  private subscriberDown = true;
  private complained = false;
  private closed = false;

  constructor(
    url: string,
    readonly log: Logger,
    private readonly heartbeatMs: number,
  ) {
    // Publishing while disconnected fails at once instead of queueing: the update is stored,
    // and the others catch up from storage when the link is back.
    this.publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, autoResubscribe: false });
    for (const link of [this.publisher, this.subscriber]) {
      link.on('error', (error: Error) => {
        if (this.complained || this.closed) return;
        this.complained = true;
        log.warn(`relay: Redis unreachable (${error.message}); serving this instance's clients alone until it is back`);
      });
    }
    this.publisher.on('close', () => (this.publisherDown = true));
    this.subscriber.on('close', () => (this.subscriberDown = true));
    this.publisher.on('ready', () => this.publisherReady());
    this.subscriber.on('ready', () => void this.subscriberReady());
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    this.heartbeat = setInterval(() => this.beat(), heartbeatMs);
    this.heartbeat.unref();
  }

  async connect(waitMs: number): Promise<void> {
    const connected = Promise.all([this.publisher.connect(), this.subscriber.connect()]).then(() => true);
    const ready = await withTimeout(connected, waitMs).catch(() => false);
    if (!ready) this.log.warn('relay: Redis did not answer at start; relaying begins once it does');
  }

  reachable(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  async join(mapId: string): Promise<RelayChannel> {
    const channel = new Channel(mapId, this);
    this.channels.set(mapId, channel);
    if (this.subscriber.status === 'ready') {
      // Not confirmed in time (or refused): the link is failing, and its return catches up.
      await withTimeout(this.subscriber.subscribe(mapChannel(mapId)), SUBSCRIBE_WAIT_MS).catch(() => {});
    }
    return channel;
  }

  leave(channel: Channel): void {
    if (this.channels.get(channel.mapId) !== channel) return;
    this.channels.delete(channel.mapId);
    if (this.subscriber.status === 'ready') this.subscriber.unsubscribe(mapChannel(channel.mapId)).catch(() => {});
  }

  publishEvict(mapId: string, code: number, reason: string): void {
    this.publish(mapId, Kind.Evict, (encoder) => {
      encoding.writeVarUint(encoder, code);
      encoding.writeVarString(encoder, reason);
    });
  }

  publishRevoke(mapId: string, generation: number, code: number, reason: string): void {
    this.publish(mapId, Kind.Revoke, (encoder) => {
      encoding.writeVarUint(encoder, generation);
      encoding.writeVarUint(encoder, code);
      encoding.writeVarString(encoder, reason);
    });
  }

  publish(mapId: string | null, kind: Kind, write?: (encoder: encoding.Encoder) => void): void {
    if (this.publisher.status !== 'ready') {
      this.publisherDown = true;
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeUint8(encoder, kind);
    encoding.writeVarString(encoder, this.instanceId);
    write?.(encoder);
    const target = mapId === null ? INSTANCES_CHANNEL : mapChannel(mapId);
    // A failed publish is caught up from storage once the link is back.
    this.publisher.publish(target, Buffer.from(encoding.toUint8Array(encoder))).catch(() => (this.publisherDown = true));
  }

  private receive(channelName: string, message: Buffer): void {
    let decoder: decoding.Decoder;
    let kind: number;
    let from: string;
    try {
      decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      kind = decoding.readUint8(decoder);
      from = decoding.readVarString(decoder);
    } catch (error) {
      this.log.warn(`relay: a message on ${channelName} that does not decode`, error);
      return;
    }
    if (from === this.instanceId) return;
    if (kind === Kind.Bye) {
      this.gone(from);
      return;
    }
    this.lastSeen.set(from, Date.now());
    if (!channelName.startsWith(MAP_CHANNEL_PREFIX)) return;
    const channel = this.channels.get(channelName.slice(MAP_CHANNEL_PREFIX.length));
    if (!channel) return;
    try {
      switch (kind) {
        case Kind.Updates: {
          const updates: Uint8Array[] = [];
          for (let n = decoding.readVarUint(decoder); n > 0; n--) updates.push(decoding.readVarUint8Array(decoder));
          channel.deliver((h) => h.updates(updates, from));
          break;
        }
        case Kind.Awareness: {
          const update = decoding.readVarUint8Array(decoder);
          channel.deliver((h) => h.awareness(update, from));
          break;
        }
        case Kind.PresenceQuery:
          channel.deliver((h) => h.presenceWanted());
          break;
        case Kind.CatchUp:
          channel.deliver((h) => h.catchUp());
          break;
        case Kind.Evict: {
          const code = decoding.readVarUint(decoder);
          const reason = decoding.readVarString(decoder);
          channel.deliver((h) => h.evict(code, reason));
          break;
        }
        case Kind.Revoke: {
          const generation = decoding.readVarUint(decoder);
          const code = decoding.readVarUint(decoder);
          const reason = decoding.readVarString(decoder);
          channel.deliver((h) => h.revoke(generation, code, reason));
          break;
        }
      }
    } catch (error) {
      this.log.warn(`relay: a message on ${channelName} that does not decode`, error);
    }
  }

  private gone(instanceId: string): void {
    this.lastSeen.delete(instanceId);
    for (const channel of this.channels.values()) channel.deliver((h) => h.instanceGone(instanceId));
  }

  private beat(): void {
    this.publish(null, Kind.Heartbeat);
    const deadline = Date.now() - MISSED_BEATS * this.heartbeatMs;
    for (const [instanceId, seen] of this.lastSeen) if (seen < deadline) this.gone(instanceId);
  }

  private publisherReady(): void {
    if (!this.publisherDown) return;
    this.publisherDown = false;
    // What this instance stored while it could not publish: the others read it from storage.
    for (const mapId of this.channels.keys()) this.publish(mapId, Kind.CatchUp);
  }

  private async subscriberReady(): Promise<void> {
    this.complained = false;
    const names = [INSTANCES_CHANNEL, ...[...this.channels.keys()].map(mapChannel)];
    try {
      await this.subscriber.subscribe(...names);
    } catch (error) {
      this.log.warn('relay: subscribing again failed', error);
      return;
    }
    if (!this.subscriberDown) return;
    this.subscriberDown = false;
    if (this.channels.size > 0) this.log.info(`relay: Redis is back; catching up ${this.channels.size} open map(s) from storage`);
    for (const channel of this.channels.values()) {
      // Subscribed first, then read: nothing published from now on is missed.
      channel.deliver((h) => h.catchUp());
      channel.askPresence();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Others drop this instance's presence now rather than after three missed heartbeats.
    this.publish(null, Kind.Bye);
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const link of [this.publisher, this.subscriber]) {
      await withTimeout(link.quit(), 1000).catch(() => {});
      link.disconnect();
    }
  }
}

export async function openRedisRelay(url: string, options: RedisRelayOptions): Promise<Relay> {
  const relay = new RedisRelay(url, options.log, options.heartbeatMs);
  await relay.connect(options.connectWaitMs ?? 3000);
  return relay;
}
