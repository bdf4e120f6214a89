// Who is presenting, as the follow banner reads it from presence: plain functions over the
// presence state, so the choice (first presenter by client id, never oneself) is testable.
import type { Peer, PresenceState } from '../../store/session';

/** The peer presenting now, or null. With several, the one who joined first (lowest client id). */
export function presenterOf(presence: Pick<PresenceState, 'peers' | 'selfClientId'>): Peer | null {
  let found: Peer | null = null;
  for (const peer of presence.peers) {
    if (peer.clientId === presence.selfClientId || !peer.presenting) continue;
    if (!found || peer.clientId < found.clientId) found = peer;
  }
  return found;
}

/** A slide number a follower can show: within the deck (the two may briefly differ while edits sync). */
export const clampSlide = (slide: number, count: number): number => Math.min(Math.max(0, slide), Math.max(0, count - 1));
