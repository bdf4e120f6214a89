// The sync endpoint: ws://host:port/ws/<mapId>[?token=…], speaking the y-websocket protocol so
// the stock WebsocketProvider works unchanged.
//
// Everything that can refuse a connection runs in the HTTP upgrade, before the handshake and
// before any map doc is loaded: the path, the map id pattern, the Host/Origin guard of the open
// mode, the access link (signature first, then the map's key generation) and the connection
// limits. A refused client still gets a handshake so it can be told why with a close code in
// 4400–4499, which makes the stock client stop reconnecting; nothing it sends is ever read.
//
// After that, each limit closes only the connection that broke it, with a code and a log line:
// frames over the size limit (1009, by `ws`), messages over the rate (4429), a map that would
// grow past its size limit or oversized presence (4413), a field written past its length limit
// (4422), frames that do not decode (4402), and updates the disk refused (1011: nothing was
// applied or relayed; the client retries later).
//
// Some input is dropped rather than refused, logged once per connection: updates from view
// links, presence for client ids another connection introduced, and sync step-1 questions asked
// while the answer to the last one is still being sent (only the latest waiting one is answered).
// Step-1 answers can be the whole map, so they take turns: one per turn of the event loop.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import { isMapId } from '../src/domain/ids';
import { credentialsOf, isRefusal, type AccessControl, type Grant } from './access';
import { LocalConnectionCounts, REFUSAL_REASONS, type ConnectionCounts, type ConnectionSlot } from './connectionCounts';
import { FieldTooLong } from './fieldLimits';
import type { HostPolicy } from './hosts';
import type { Logger } from './log';
import { StorageError } from './storage/Storage';
import {
  CLOSE_BAD_MAP_ID,
  CLOSE_FIELD_TOO_LONG,
  CLOSE_FORBIDDEN,
  CLOSE_GOING_AWAY,
  CLOSE_MALFORMED,
  CLOSE_MAP_NOT_FOUND,
  CLOSE_SERVER_ERROR,
  CLOSE_TOO_LARGE,
  CLOSE_TOO_MANY_CONNECTIONS,
  CLOSE_TOO_MANY_MESSAGES,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  encodeAwareness,
} from './protocol';
import { MapTooLarge, type Room, type RoomPeer, type RoomRegistry } from './rooms';

const SYNC_PATH = '/ws/';
/** A peer this far behind on reading is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** One presence message: a name, a colour, a cursor and a selection fit many times over. */
export const MAX_PRESENCE_BYTES = 64 * 1024;
/** Presence entries one connection may add (a tab has one; echoes of others' add none). */
export const MAX_PRESENCE_CLIENTS = 32;
const HEARTBEAT_MS = 30_000;
/** A job that took this long (encoding a big diff) is followed by a pause as long. */
const LONG_JOB_MS = 10;
const CLOSE_GRACE_MS = 1000;
const NOTHING = Buffer.alloc(0);

export interface SyncLimits {
  maxMessageBytes: number;
  maxConnectionsPerMap: number;
  maxConnectionsPerIp: number;
  /** Places on each map that only edit links may take: viewers fill at most the rest. */
  reservedForEditors: number;
  messagesPerSecond: number;
  messageBurst: number;
  maxEarlyBytes: number;
}

export interface SyncContext {
  registry: RoomRegistry;
  access: AccessControl;
  hosts: HostPolicy;
  log: Logger;
  /** The clock links expire by. */
  now: () => number;
  limits: SyncLimits;
  /** Where open connections are counted against the limits; default: in this process. */
  counts?: ConnectionCounts;
}

class MalformedMessage extends Error {}

/** Refused before it reached the doc; closes the connection with `code`. */
class LimitExceeded extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
class MessageBudget {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

class Connection implements RoomPeer {
  readonly awarenessClients = new Set<number>();
  alive = true;
  warnedReadOnly = false;
  warnedPresence = false;
  warnedStep1 = false;
  /** An answer to this peer's sync step 1 is waiting for its turn or being sent. */
  step1InFlight = false;
  /** The state vector of the latest step 1 asked meanwhile; answered next. */
  nextStep1: Uint8Array | null = null;
  readonly budget: MessageBudget;
  /** Closes the connection for an error its message caused; set once the connection is accepted. */
  onRefused: (error: unknown) => void = () => this.ws.terminate();
  /** Drops a peer that has stopped reading; set once the connection is accepted. */
  onOverflow: () => void = () => this.ws.terminate();

  constructor(
    readonly ws: WebSocket,
    readonly mapId: string,
    readonly ip: string,
    readonly grant: Grant,
    limits: SyncLimits,
  ) {
    this.budget = new MessageBudget(limits.messagesPerSecond, limits.messageBurst);
  }

  get keyGeneration(): number | null {
    return this.grant.keyGeneration;
  }

  send(message: Uint8Array, sent?: () => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.onOverflow();
      return;
    }
    this.ws.send(message, sent && ((error) => !error && sent()));
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  refused(error: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.onRefused(error);
  }
}

/**
 * Jobs run one per turn of the event loop, so other sockets are read between any two; after a
 * long one the next waits as long as it took, so they never take more than half the time.
 */
class TakingTurns {
  private readonly jobs: (() => void)[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private pause: NodeJS.Timeout | null = null;

  push(job: () => void): void {
    this.jobs.push(job);
    if (!this.pause) this.scheduled ??= setImmediate(this.runOne);
  }

  clear(): void {
    this.jobs.length = 0;
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.pause) clearTimeout(this.pause);
    this.scheduled = null;
    this.pause = null;
  }

  private readonly runOne = (): void => {
    this.scheduled = null;
    const job = this.jobs.shift();
    const started = performance.now();
    job?.();
    const took = performance.now() - started;
    if (this.jobs.length === 0) return;
    if (took < LONG_JOB_MS) {
      this.scheduled = setImmediate(this.runOne);
    } else {
      this.pause = setTimeout(() => {
        this.pause = null;
        this.runOne();
      }, took);
    }
  };
}

/**
 * Answers a sync step 1 in its turn. While an answer to this peer is waiting or being sent,
 * further questions are not answered one by one: the latest waits and is answered next.
 */
function askSync(conn: Connection, room: Room, stateVector: Uint8Array, turns: TakingTurns, log: Logger): void {
  // Checked now, while a malformed one can still be refused with the frame that carried it.
  Y.decodeStateVector(stateVector);
  if (conn.step1InFlight) {
    conn.nextStep1 = stateVector;
    if (!conn.warnedStep1) {
      conn.warnedStep1 = true;
      log.warn(`map ${conn.mapId}: sync step 1 asked again before the last answer was sent; answering only the latest (${conn.ip})`);
    }
    return;
  }
  conn.step1InFlight = true;
  turns.push(() => {
    // A peer on its way out keeps its flag: nothing more is answered.
    if (conn.ws.readyState !== WebSocket.OPEN || room.closed) return;
    try {
      room.answerSyncStep1(conn, stateVector, () => {
        conn.step1InFlight = false;
        const next = conn.nextStep1;
        conn.nextStep1 = null;
        if (next) askSync(conn, room, next, turns, log);
      });
    } catch (error) {
      conn.refused(error);
    }
  });
}

function handleMessage(conn: Connection, room: Room, data: Uint8Array, log: Logger, turns: TakingTurns): void {
  const decoder = decoding.createDecoder(data);
  switch (decoding.readVarUint(decoder)) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP_1) {
        askSync(conn, room, decoding.readVarUint8Array(decoder), turns, log);
      } else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
        const update = decoding.readVarUint8Array(decoder);
        if (conn.grant.canEdit) {
          room.receiveUpdate(update, conn);
        } else if (!conn.warnedReadOnly) {
          // A view link: dropped, never stored or relayed. The stock client sends an (empty) step 2
          // on every connect, so this is only worth one line per connection.
          conn.warnedReadOnly = true;
          log.info(`map ${conn.mapId}: dropping updates from a view-only connection (${conn.ip})`);
        }
      } else {
        throw new MalformedMessage(`unknown sync step ${step}`);
      }
      break;
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder);
      if (update.byteLength > MAX_PRESENCE_BYTES) throw new LimitExceeded(CLOSE_TOO_LARGE, 'presence too large');
      if (room.receiveAwareness(update, conn) && !conn.warnedPresence) {
        conn.warnedPresence = true;
        log.warn(`map ${conn.mapId}: dropping presence for client ids it did not introduce (${conn.ip})`);
      }
      if (conn.awarenessClients.size > MAX_PRESENCE_CLIENTS) {
        throw new LimitExceeded(CLOSE_TOO_LARGE, 'presence for too many clients');
      }
      break;
    }
    case MESSAGE_QUERY_AWARENESS:
      conn.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
      break;
    case MESSAGE_AUTH:
      // Permission messages only flow from server to client.
      break;
    default:
      throw new MalformedMessage('unknown message type');
  }
}

/** The map id in `/ws/<mapId>[?query]`, unchecked; null when the path is not the sync endpoint. */
function mapIdFromUrl(url: string): string | null {
  const pathname = url.split('?', 1)[0]!;
  return pathname.startsWith(SYNC_PATH) ? pathname.slice(SYNC_PATH.length) : null;
}

function searchOf(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export interface SyncEndpoint {
  connectionCount(): number;
  /** Says goodbye to every connection; waits briefly for them to close, then cuts the rest. */
  close(): Promise<void>;
}

export function attachSyncEndpoint(server: http.Server, ctx: SyncContext): SyncEndpoint {
  const { registry, access, hosts, log, limits } = ctx;
  // No compression: a small compressed frame must not inflate into a huge one (and Yjs updates are compact).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
  const connections = new Set<Connection>();
  const counts = ctx.counts ?? new LocalConnectionCounts(limits);
  const turns = new TakingTurns();
  /** Refused sockets waiting for the client's close frame. */
  const refusing = new Set<WebSocket>();

  /** Completes the handshake only to say why, with a code that stops the stock client. */
  const refuse = (req: http.IncomingMessage, socket: Duplex, code: number, reason: string) => {
    wss.handleUpgrade(req, socket, NOTHING, (ws) => {
      refusing.add(ws);
      ws.on('close', () => refusing.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.close(code, reason);
    });
  };

  /** The room, undefined for a map that does not exist, null when it could not be loaded. */
  const openRoom = async (mapId: string): Promise<Room | undefined | null> => {
    try {
      return await registry.open(mapId);
    } catch (error) {
      log.error(`map ${mapId}: could not open the room`, error);
      return null;
    }
  };

  const closeFor = (conn: Connection, code: number, reason: string, line: string, error?: unknown) => {
    if (code === CLOSE_SERVER_ERROR) log.error(`map ${conn.mapId}: ${line} (${conn.ip}); closing with ${code}`, error);
    else log.warn(`map ${conn.mapId}: ${line} (${conn.ip}); closing with ${code}`, error);
    conn.ws.close(code, reason);
  };

  /** `room`: opened for this connection during the upgrade; `slot`: its place, taken then (see onUpgrade). */
  const accept = (conn: Connection, room: Room | undefined | null, slot: ConnectionSlot) => {
    const { ws, mapId } = conn;
    ws.on('close', () => counts.release(slot));
    ws.on('error', (error) => {
      // `ws` closes with 1009 by itself for a frame over maxPayload; this is its log line.
      log.warn(`map ${mapId}: connection error (${conn.ip})`, error);
    });
    if (room === null) {
      ws.close(CLOSE_SERVER_ERROR, 'server error');
      return;
    }
    if (!room) {
      ws.close(CLOSE_MAP_NOT_FOUND, 'map not found');
      return;
    }
    if (!registry.attach(room, conn)) {
      // Unloaded in the instant since it was opened (the map was deleted, or shutdown): try again.
      ws.close(CLOSE_GOING_AWAY, 'try again');
      return;
    }
    connections.add(conn);
    conn.onRefused = (error) => {
      if (error instanceof StorageError) {
        // Nothing was applied or relayed; the client keeps the update and resends it on reconnect.
        closeFor(conn, CLOSE_SERVER_ERROR, 'server cannot store', 'could not store an update', error);
      } else if (error instanceof FieldTooLong) {
        closeFor(conn, CLOSE_FIELD_TOO_LONG, 'field too long', `refused an update: ${error.message}`);
      } else if (error instanceof MapTooLarge) {
        closeFor(conn, CLOSE_TOO_LARGE, 'map too large', `refused an update: ${error.message}`);
      } else if (error instanceof LimitExceeded) {
        closeFor(conn, error.code, error.reason, error.reason);
      } else {
        closeFor(conn, CLOSE_MALFORMED, 'malformed message', 'malformed message', error);
      }
    };
    conn.onOverflow = () => {
      log.warn(`map ${mapId}: over ${MAX_BUFFERED_BYTES} bytes waiting for a peer that does not read (${conn.ip}); dropping it`);
      ws.terminate();
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Frames still in flight after we started closing are dropped.
      if (ws.readyState !== WebSocket.OPEN) return;
      if (!conn.budget.take()) {
        closeFor(conn, CLOSE_TOO_MANY_MESSAGES, 'too many messages', `over ${limits.messagesPerSecond} messages/s`);
        return;
      }
      try {
        if (!isBinary || !Buffer.isBuffer(data)) throw new MalformedMessage('expected one binary frame');
        handleMessage(conn, room, data, log, turns);
      } catch (error) {
        conn.onRefused(error);
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', () => {
      connections.delete(conn);
      registry.leave(room, conn);
    });
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = req.url ?? '';
    const mapId = mapIdFromUrl(url);
    if (mapId === null) {
      refuseUpgrade(socket, '404 Not Found');
      return;
    }
    const ip = req.socket.remoteAddress ?? 'unknown';
    const refused = (code: number, reason: string) => {
      log.warn(`refused a connection to ${isMapId(mapId) ? `map ${mapId}` : 'a bad map id'} (${ip}): ${reason} (${code})`);
      refuse(req, socket, code, reason);
    };
    // Checked before anything touches the database.
    if (!isMapId(mapId)) return refused(CLOSE_BAD_MAP_ID, 'invalid map id');
    if (!hosts.hostAllowed(req) || !hosts.originAllowed(req)) return refused(CLOSE_FORBIDDEN, 'foreign page');
    // Storage answers asynchronously: the link's map row, then the room. This instance's own counts
    // are checked first (cheap); after the last wait the connection takes its place (across the
    // cluster, in Redis), and gives it back if the socket is gone before the handshake completes.
    void (async () => {
      const grant = await access.forMap(mapId, credentialsOf(req, searchOf(url)));
      if (isRefusal(grant)) return refused(grant.closeCode, grant.message);
      const slot: ConnectionSlot = { mapId, ip, viewer: !grant.canEdit };
      const refusedHere = counts.refusedHere(slot);
      if (refusedHere) return refused(CLOSE_TOO_MANY_CONNECTIONS, REFUSAL_REASONS[refusedHere]);
      // Browsers send nothing before the handshake completes; a client that did is not one.
      if (head.byteLength > limits.maxEarlyBytes) {
        return refused(CLOSE_TOO_MANY_MESSAGES, 'data sent before the connection was accepted');
      }
      const room = await openRoom(mapId);
      // Idle until the connection attaches (which cancels this), so a handshake that never
      // completes leaves no room behind.
      if (room) registry.release(room);
      const refusal = await counts.admit(slot);
      if (refusal) return refused(CLOSE_TOO_MANY_CONNECTIONS, REFUSAL_REASONS[refusal]);
      if (socket.destroyed) return counts.release(slot);
      let accepted = false;
      // `ws` drops a socket that closes before the handshake without calling back: its place is freed here.
      socket.once('close', () => accepted || counts.release(slot));
      wss.handleUpgrade(req, socket, head, (ws) => {
        accepted = true;
        accept(new Connection(ws, mapId, ip, grant, limits), room, slot);
      });
    })().catch((error: unknown) => {
      log.error(`map ${mapId}: could not check a connection (${ip})`, error);
      socket.destroy();
    });
  };
  server.on('upgrade', onUpgrade);

  // Peers that vanished without a close frame (sleeping laptops) are found by missing pongs;
  // links that expired while connected end here too.
  const heartbeat = setInterval(() => {
    const now = ctx.now();
    for (const conn of connections) {
      if (conn.grant.expiresAt !== null && conn.grant.expiresAt <= now) {
        closeFor(conn, CLOSE_FORBIDDEN, 'the access link has expired', 'access link expired');
        continue;
      }
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    connectionCount: () => connections.size,
    async close() {
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      turns.clear();
      const closing = [...connections].map(
        (conn) =>
          new Promise<void>((resolve) => {
            if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
            conn.ws.once('close', () => resolve());
            conn.ws.close(CLOSE_GOING_AWAY, 'server shutting down');
          }),
      );
      const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([Promise.all(closing), grace]);
      for (const conn of connections) conn.ws.terminate();
      for (const ws of refusing) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
