// Presence over Yjs awareness: who is on the map, their cursor (in flow coordinates),
// what they have selected and what they are editing. Ephemeral: never stored in the doc.
import type { Awareness } from 'y-protocols/awareness';
import { createStore } from 'zustand/vanilla';
import type { MapPresence, Peer, PeerUser, PresenceState, Presenting } from '../store/session';
import type { Identity } from './identity';
import { saveIdentity } from './identity';

/** Longest display name shown to others. */
export const PRESENCE_NAME_MAX = 60;
const HEX = /^#[0-9a-fA-F]{6}$/;

const finiteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A peer's presenting state, or null when it is missing or malformed. */
export function readPresenting(raw: unknown): Presenting | null {
  if (!raw || typeof raw !== 'object') return null;
  const state = raw as Record<string, unknown>;
  const slide = Number.isInteger(state.slide) && (state.slide as number) >= 0 && (state.slide as number) < 10_000 ? (state.slide as number) : null;
  const v = state.viewport as Record<string, unknown> | null | undefined;
  const viewport =
    v && finiteNumber(v.x) && finiteNumber(v.y) && finiteNumber(v.zoom) && v.zoom > 0 ? { x: v.x, y: v.y, zoom: v.zoom } : null;
  return slide === null && viewport === null ? null : { slide, viewport };
}

/** Awareness states come from other peers: keep only well-formed fields. */
export function readPeer(clientId: number, raw: unknown): Peer | null {
  if (!raw || typeof raw !== 'object') return null;
  const state = raw as Record<string, unknown>;
  const user = state.user as Record<string, unknown> | undefined;
  if (!user || typeof user.id !== 'string') return null;
  const cursor = state.cursor as Record<string, unknown> | null | undefined;
  const validCursor =
    cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number' && Number.isFinite(cursor.x) && Number.isFinite(cursor.y)
      ? { x: cursor.x, y: cursor.y }
      : null;
  return {
    clientId,
    user: {
      id: user.id.slice(0, 40),
      name: typeof user.name === 'string' ? user.name.slice(0, PRESENCE_NAME_MAX) : '',
      color: typeof user.color === 'string' && HEX.test(user.color) ? user.color : '#64748b',
    },
    cursor: validCursor,
    selection: Array.isArray(state.selection)
      ? state.selection.filter((s): s is string => typeof s === 'string').slice(0, 500)
      : [],
    editing: typeof state.editing === 'string' ? state.editing : null,
    presenting: readPresenting(state.presenting),
  };
}

export function bindPresence(awareness: Awareness, identity: Identity): MapPresence & { dispose: () => void } {
  const self: PeerUser = { id: identity.id, name: identity.name, color: identity.color };
  awareness.setLocalState({ user: self, cursor: null, selection: [], editing: null });

  const state = createStore<PresenceState>(() => ({ self, selfClientId: awareness.clientID, peers: [] }));
  const refresh = () => {
    const peers: Peer[] = [];
    awareness.getStates().forEach((raw, clientId) => {
      if (clientId === awareness.clientID) return;
      const peer = readPeer(clientId, raw);
      if (peer) peers.push(peer);
    });
    peers.sort((a, b) => a.clientId - b.clientId);
    state.setState({ peers });
  };
  awareness.on('change', refresh);

  // Cursor moves are frequent: send at most one per animation-frame-ish interval.
  let pendingCursor: { x: number; y: number } | null | undefined;
  let cursorTimer: ReturnType<typeof setTimeout> | null = null;
  const flushCursor = () => {
    cursorTimer = null;
    if (pendingCursor !== undefined) awareness.setLocalStateField('cursor', pendingCursor);
    pendingCursor = undefined;
  };

  return {
    state,
    setCursor: (cursor) => {
      pendingCursor = cursor;
      if (!cursorTimer) cursorTimer = setTimeout(flushCursor, 33);
    },
    setSelection: (ids) => awareness.setLocalStateField('selection', ids),
    setEditing: (id) => awareness.setLocalStateField('editing', id),
    setPresenting: (presenting) => awareness.setLocalStateField('presenting', presenting),
    setName: (name) => {
      const trimmed = name.trim().slice(0, PRESENCE_NAME_MAX);
      const user = { ...state.getState().self, name: trimmed };
      saveIdentity({ id: user.id, name: user.name, color: user.color });
      awareness.setLocalStateField('user', user);
      state.setState({ self: user });
    },
    dispose: () => {
      if (cursorTimer) clearTimeout(cursorTimer);
      awareness.off('change', refresh);
    },
  };
}
