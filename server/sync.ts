// The sync endpoint: ws://host:port/ws/<mapId>, speaking the y-websocket protocol so the stock
// WebsocketProvider works unchanged. The map id is checked before any database access; a frame
// that does not decode closes that one connection and never reaches the doc or the disk.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { isMapId } from '../src/domain/ids';
import type { Logger } from './log';
import { StorageError } from './persistence';
import {
  CLOSE_BAD_MAP_ID,
  CLOSE_GOING_AWAY,
  CLOSE_MALFORMED,
  CLOSE_MAP_NOT_FOUND,
  CLOSE_SERVER_ERROR,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  encodeAwareness,
  encodeSyncStep2,
} from './protocol';
import type { Room, RoomPeer, RoomRegistry } from './rooms';

const SYNC_PATH = '/ws/';
/** A whole map arrives in one frame on first sync; far above any real map, far below memory trouble. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;
/** A peer this far behind on reading is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;
const CLOSE_GRACE_MS = 1000;

class MalformedMessage extends Error {}

class Connection implements RoomPeer {
  readonly awarenessClients = new Set<number>();
  alive = true;

  constructor(readonly ws: WebSocket) {}

  send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }
}

function handleMessage(conn: Connection, room: Room, data: Uint8Array): void {
  const decoder = decoding.createDecoder(data);
  switch (decoding.readVarUint(decoder)) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP_1) {
        conn.send(encodeSyncStep2(room.doc, decoding.readVarUint8Array(decoder)));
      } else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
        room.receiveUpdate(decoding.readVarUint8Array(decoder), conn);
      } else {
        throw new MalformedMessage(`unknown sync step ${step}`);
      }
      break;
    }
    case MESSAGE_AWARENESS:
      room.receiveAwareness(decoding.readVarUint8Array(decoder), conn);
      break;
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

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export interface SyncEndpoint {
  connectionCount(): number;
  /** Says goodbye to every connection; waits briefly for them to close, then cuts the rest. */
  close(): Promise<void>;
}

export function attachSyncEndpoint(server: http.Server, registry: RoomRegistry, log: Logger): SyncEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const connections = new Set<Connection>();

  /** The room, undefined for a map that does not exist, null when it could not be loaded. */
  const joinRoom = (mapId: string, conn: Connection): Room | undefined | null => {
    try {
      return registry.join(mapId, conn);
    } catch (error) {
      log.error(`map ${mapId}: could not open the room`, error);
      return null;
    }
  };

  const accept = (ws: WebSocket, mapId: string) => {
    // Checked before the registry touches the database.
    if (!isMapId(mapId)) {
      ws.close(CLOSE_BAD_MAP_ID, 'invalid map id');
      return;
    }
    const conn = new Connection(ws);
    const room = joinRoom(mapId, conn);
    if (room === null) {
      ws.close(CLOSE_SERVER_ERROR, 'server error');
      return;
    }
    if (!room) {
      ws.close(CLOSE_MAP_NOT_FOUND, 'map not found');
      return;
    }
    connections.add(conn);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Frames still in flight after we started closing are dropped.
      if (ws.readyState !== WebSocket.OPEN) return;
      try {
        if (!isBinary || !Buffer.isBuffer(data)) throw new MalformedMessage('expected one binary frame');
        handleMessage(conn, room, data);
      } catch (error) {
        if (error instanceof StorageError) {
          // Nothing was applied or relayed; the client keeps the update and resends it on reconnect.
          log.error(`map ${mapId}: could not store an update`, error);
          ws.close(CLOSE_SERVER_ERROR, 'server error');
          return;
        }
        log.warn(`map ${mapId}: closing a connection that sent a malformed message`, error);
        ws.close(CLOSE_MALFORMED, 'malformed message');
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (error) => log.warn(`map ${mapId}: connection error`, error));
    ws.on('close', () => {
      connections.delete(conn);
      registry.leave(room, conn);
    });
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const mapId = mapIdFromUrl(req.url ?? '');
    if (mapId === null) {
      refuseUpgrade(socket, '404 Not Found');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, mapId));
  };
  server.on('upgrade', onUpgrade);

  // Peers that vanished without a close frame (sleeping laptops) are found by missing pongs.
  const heartbeat = setInterval(() => {
    for (const conn of connections) {
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
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
