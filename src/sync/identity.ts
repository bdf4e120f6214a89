// Who this browser is: a stable id (also the voter id for dot-votes), a display name
// (asked once, remembered) and a colour for cursors and avatars.
import { newEntityId } from '../domain/ids';

export interface Identity {
  id: string;
  name: string;
  color: string;
}

const KEY = 'cjm-studio.identity';
export const PRESENCE_COLORS = ['#e11d48', '#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#4d7c0f'];

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadIdentity(): Identity {
  const raw = storage()?.getItem(KEY);
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<Identity>;
      if (typeof parsed.id === 'string' && typeof parsed.name === 'string' && typeof parsed.color === 'string') {
        return { id: parsed.id, name: parsed.name, color: parsed.color };
      }
    } catch {
      // A corrupt entry is replaced below.
    }
  }
  const id = newEntityId();
  const color = PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)]!;
  const identity = { id, name: '', color };
  storage()?.setItem(KEY, JSON.stringify(identity));
  return identity;
}

export function saveIdentity(identity: Identity): void {
  storage()?.setItem(KEY, JSON.stringify(identity));
}
