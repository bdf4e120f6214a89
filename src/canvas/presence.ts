// Colleagues on the canvas, derived from the session's presence: where their cursors are and
// which touchpoints they have selected or are editing. Plain functions over PresenceState, so
// each component's selector stays cheap and returns values that compare equal when nothing
// it shows changed.
import type { Id } from '../domain/types';
import type { Peer, PresenceState } from '../store/session';

/** Someone else's presence on one touchpoint: editing it in their panel, or just selecting it. */
export interface PeerMark {
  clientId: number;
  name: string;
  color: string;
  mode: 'editing' | 'selecting';
}

export interface PeerCursor {
  clientId: number;
  name: string;
  color: string;
  x: number;
  y: number;
}

/** Other people: every peer but this person's own other tabs (those are not "someone else"). */
export function otherPeers(state: PresenceState): Peer[] {
  return state.peers.filter((peer) => peer.user.id !== state.self.id);
}

export function peerCursors(state: PresenceState): PeerCursor[] {
  const cursors: PeerCursor[] = [];
  for (const peer of otherPeers(state)) {
    if (!peer.cursor) continue;
    const { name, color } = peer.user;
    cursors.push({ clientId: peer.clientId, name, color, x: peer.cursor.x, y: peer.cursor.y });
  }
  return cursors;
}

/**
 * Per touchpoint, the person to show on it: whoever edits it first (in client order), else
 * whoever selected it first. Built once per presence change and shared by every card.
 */
function buildPeerMarks(state: PresenceState): ReadonlyMap<Id, PeerMark> {
  const marks = new Map<Id, PeerMark>();
  const others = otherPeers(state);
  const markOf = (peer: Peer, mode: PeerMark['mode']): PeerMark => ({
    clientId: peer.clientId,
    name: peer.user.name,
    color: peer.user.color,
    mode,
  });
  for (const peer of others) {
    if (peer.editing !== null && !marks.has(peer.editing)) marks.set(peer.editing, markOf(peer, 'editing'));
  }
  for (const peer of others) {
    for (const id of peer.selection) if (!marks.has(id)) marks.set(id, markOf(peer, 'selecting'));
  }
  return marks;
}

// Every card asks on every presence change (cursor moves included): one build per change,
// then a map lookup per card.
let cached: { peers: readonly Peer[]; selfId: string; marks: ReadonlyMap<Id, PeerMark> } | null = null;

export function peerMarks(state: PresenceState): ReadonlyMap<Id, PeerMark> {
  if (cached?.peers !== state.peers || cached.selfId !== state.self.id) {
    cached = { peers: state.peers, selfId: state.self.id, marks: buildPeerMarks(state) };
  }
  return cached.marks;
}

/**
 * The mark on one touchpoint as a string ("" when none): a card's selector returns this, so
 * the card re-renders only when its own mark changes, never because a cursor moved.
 */
export function peerMarkKey(state: PresenceState, touchpointId: Id): string {
  const mark = peerMarks(state).get(touchpointId);
  return mark ? JSON.stringify(mark) : '';
}

export const parsePeerMark = (key: string): PeerMark | null => (key === '' ? null : (JSON.parse(key) as PeerMark));
