// A stable, anonymous id for this browser, so a person's dot-votes add up in their own tally
// (see voteNote) instead of colliding with a colleague's.
import { newEntityId } from '../domain/ids';

export const VOTER_ID_KEY = 'cjm-studio.voterId';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const VALID_ID = /^[A-Za-z0-9_-]{8,64}$/;

let sessionFallback: string | null = null;

/** Reads (or creates and remembers) this browser's voter id. */
export function voterId(storage: KeyValueStorage | undefined = globalThis.localStorage): string {
  try {
    const saved = storage?.getItem(VOTER_ID_KEY);
    if (saved && VALID_ID.test(saved)) return saved;
    const fresh = newEntityId();
    storage?.setItem(VOTER_ID_KEY, fresh);
    if (storage) return fresh;
  } catch {
    // Storage refused (private mode, quota): fall back to one id for this page's lifetime.
  }
  sessionFallback ??= newEntityId();
  return sessionFallback;
}
