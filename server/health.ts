// `GET /healthz`: which storage and relay this instance uses and whether it can reach them right
// now. Always 200 while the process answers (a load balancer must not restart instances because
// the shared database is down); `ok` is false when something it needs is unreachable.
import type { HealthAnswer } from '../src/domain/api';
import type { ConnectionCounts } from './connectionCounts';
import type { Relay } from './relay/Relay';
import type { Storage } from './storage/Storage';

/** A ping that does not answer within this long counts as unreachable. */
const PING_TIMEOUT_MS = 2000;

export interface HealthSources {
  access: 'open' | 'links';
  storageKind: 'sqlite' | 'postgres';
  persistence: Storage;
  relay: Relay | null;
  counts: ConnectionCounts;
}

async function reachable(ping: (() => Promise<void>) | undefined): Promise<boolean> {
  if (!ping) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function healthOf({ access, storageKind, persistence, relay, counts }: HealthSources): Promise<HealthAnswer> {
  const storageUp = await reachable(persistence.ping?.bind(persistence));
  const relayUp = relay ? relay.reachable() : true;
  return {
    ok: storageUp && relayUp,
    access,
    storage: { kind: storageKind, reachable: storageUp },
    relay: relay ? { kind: 'redis', reachable: relayUp, instance: relay.instanceId, limits: counts.scope() } : { kind: 'none' },
  };
}
