// What the header shows about the connection and the people on the map, derived from the
// session's connection and presence stores. Plain functions, so the wording rules are testable.
import { CLOSE_MAP_NOT_FOUND } from '../domain/closeCodes';
import type { ConnectionState, Peer, PresenceState } from '../store/session';

export type ConnectionView =
  | { kind: 'local' }
  | { kind: 'synced' }
  | { kind: 'syncing' }
  | { kind: 'connecting' }
  | { kind: 'offline'; pending: number }
  | { kind: 'refused'; reason: 'notFound' | 'invalidLink' };

export function connectionView(state: ConnectionState): ConnectionView {
  switch (state.status) {
    case 'local':
      return { kind: 'local' };
    case 'connected':
      return state.synced ? { kind: 'synced' } : { kind: 'syncing' };
    case 'connecting':
      return { kind: 'connecting' };
    case 'offline':
      return { kind: 'offline', pending: state.pendingChanges };
    case 'refused':
      return { kind: 'refused', reason: state.refusal?.code === CLOSE_MAP_NOT_FOUND ? 'notFound' : 'invalidLink' };
  }
}

/**
 * "Olga Petrova" → "OP", "olga" → "O", "Viktor (viewer)" → "V", "  " → "?" (letters, not code units:
 * emoji and accents stay whole). A remark in brackets and words that start with punctuation are not names.
 */
export function initials(name: string): string {
  const bare = name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  const words = bare.trim().split(/\s+/).filter((word) => word !== '' && !/^\p{P}/u.test(word));
  if (words.length === 0) return '?';
  const first = (word: string) => Array.from(word)[0] ?? '';
  const letters = words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words[words.length - 1]!);
  return letters.toLocaleUpperCase();
}

export interface Avatar {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

export interface AvatarRow {
  shown: Avatar[];
  /** People on the map beyond the shown ones ("+N"). */
  hidden: Avatar[];
}

/** How many avatars fit in the header before the rest fold into "+N". */
export const AVATARS_SHOWN = 8;

/**
 * You first, then everyone else in a stable order. One person with two tabs open is one
 * avatar (the same browser identity), and your own other tabs are not shown twice.
 */
export function avatarRow(presence: PresenceState, max = AVATARS_SHOWN): AvatarRow {
  const { name, color } = presence.self;
  const self: Avatar = { clientId: presence.selfClientId, name, color, isSelf: true };
  const seen = new Set([presence.self.id]);
  const others: Avatar[] = [];
  for (const peer of presence.peers) {
    if (seen.has(peer.user.id)) continue;
    seen.add(peer.user.id);
    others.push(avatarOf(peer));
  }
  const all = [self, ...others];
  if (all.length <= max) return { shown: all, hidden: [] };
  // The "+N" chip takes the last slot.
  return { shown: all.slice(0, max - 1), hidden: all.slice(max - 1) };
}

const avatarOf = (peer: Peer): Avatar => ({
  clientId: peer.clientId,
  name: peer.user.name,
  color: peer.user.color,
  isSelf: false,
});
