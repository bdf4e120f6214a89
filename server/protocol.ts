// The y-websocket wire format (what the stock WebsocketProvider speaks): every frame starts
// with a message type; sync frames carry a y-protocols/sync message, awareness frames an
// awareness update.
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP_2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** Close codes in 4400–4499 tell the stock client not to reconnect. */
export const CLOSE_BAD_MAP_ID = 4400;
/** No access link, or one that is not valid (wrong signature, garbled). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_MALFORMED = 4402;
/** A valid link that does not open this map: for another map, expired or revoked; or a foreign page. */
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_MAP_NOT_FOUND = 4404;
/** Too many connections to this map, or from this address. */
export const CLOSE_TOO_MANY_CONNECTIONS = 4408;
/** The map would grow past its size limit, or a presence message is too large. */
export const CLOSE_TOO_LARGE = 4413;
/** Messages faster than the rate limit, or data sent before the connection was accepted. */
export const CLOSE_TOO_MANY_MESSAGES = 4429;
export const CLOSE_GOING_AWAY = 1001;
/** Sent by `ws` itself for a frame over the message size limit. */
export const CLOSE_MESSAGE_TOO_BIG = 1009;
/**
 * Transient (outside 4400–4499): the client retries later. Also "the server cannot store your
 * edits right now" (disk full or read-only): nothing of that update was applied or relayed.
 */
export const CLOSE_SERVER_ERROR = 1011;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** What `doc` has that a peer with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
