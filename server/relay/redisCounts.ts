// Connection limits across instances (`REDIS_URL`). Each count is a Redis hash per map, per map's
// viewers and per address, with one field per instance holding that instance's connections. An
// instance proves it is alive with `cjm:alive:<instance>`, renewed every relay heartbeat and
// expiring after three missed ones (as its presence does): the fields of an instance that died
// stop counting then, and the next admission removes them.
//
// Admission is one Lua script — sum the live fields, compare with the limit, add one — so two
// instances admitting at once cannot both take the last place. Each instance also counts its own
// connections in memory: a release or admission Redis did not hear of (the link dropped, or Redis
// restarted empty) is repaired by writing those counts back whole at the next heartbeat. While
// Redis cannot be reached each instance counts alone, so nobody is refused because Redis is down
// (a map may then hold up to the limit on every instance; `/healthz` says `limits: "instance"`).
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import {
  LocalConnectionCounts,
  viewerPlacesOf,
  type ConnectionCounts,
  type ConnectionLimits,
  type ConnectionRefusal,
  type ConnectionSlot,
} from '../connectionCounts';
import { MISSED_BEATS } from './redis';

const ALIVE_PREFIX = 'cjm:alive:';
const MAP_KEY = 'cjm:conns:map:';
const VIEWERS_KEY = 'cjm:conns:viewers:';
const IP_KEY = 'cjm:conns:ip:';
/** An admission Redis has not answered in this long is decided by this instance alone. */
const ADMIT_WAIT_MS = 1000;

// KEYS: the map's, its viewers', the address's hash. ARGV: this instance, the alive prefix,
// the per-map limit, the viewers' places, the per-address limit, 1 for a viewer.
// Returns 0 when admitted (and counted), 1/2/3 for the limit that refuses.
const ADMIT_SCRIPT = `
local function live(key)
  local total = 0
  local fields = redis.call('HGETALL', key)
  for i = 1, #fields, 2 do
    local id = fields[i]
    if id == ARGV[1] or redis.call('EXISTS', ARGV[2] .. id) == 1 then
      total = total + tonumber(fields[i + 1])
    else
      redis.call('HDEL', key, id)
    end
  end
  return total
end
local viewer = ARGV[6] == '1'
if live(KEYS[1]) >= tonumber(ARGV[3]) then return 1 end
if viewer and live(KEYS[2]) >= tonumber(ARGV[4]) then return 2 end
if live(KEYS[3]) >= tonumber(ARGV[5]) then return 3 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
if viewer then redis.call('HINCRBY', KEYS[2], ARGV[1], 1) end
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
return 0
`;

// KEYS: the hashes to take one from. ARGV: this instance. A field never goes below zero.
const RELEASE_SCRIPT = `
for _, key in ipairs(KEYS) do
  if redis.call('HINCRBY', key, ARGV[1], -1) <= 0 then redis.call('HDEL', key, ARGV[1]) end
end
return 0
`;

const REFUSALS: Record<number, ConnectionRefusal> = { 1: 'map', 2: 'viewers', 3: 'ip' };

const keysOf = ({ mapId, ip, viewer }: ConnectionSlot) => [MAP_KEY + mapId, ...(viewer ? [VIEWERS_KEY + mapId] : []), IP_KEY + ip];

class RedisConnectionCounts implements ConnectionCounts {
  private readonly redis: Redis;
  /** This instance's own connections: the fallback while Redis is away, and the truth Redis is repaired from. */
  private readonly local: LocalConnectionCounts;
  private readonly viewerPlaces: number;
  private readonly heartbeat: NodeJS.Timeout;
  /** Redis may not hold this instance's counts as they are: write them back whole at the next beat. */
  private dirty = true;
  /** Hash keys this instance has written a field to, so a count that fell to zero is removed too. */
  private readonly written = new Set<string>();
  private admitting = 0;
  /** This instance's alive key is set: its fields count for the others. */
  private alive = false;
  private beating = false;
  private closed = false;

  constructor(
    url: string,
    private readonly instanceId: string,
    private readonly limits: ConnectionLimits,
    private readonly heartbeatMs: number,
    private readonly log: Logger,
  ) {
    this.local = new LocalConnectionCounts(limits);
    this.viewerPlaces = viewerPlacesOf(limits);
    // Commands fail at once while disconnected: an admission is then decided here.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    // The relay reports Redis being unreachable; this link only follows it.
    this.redis.on('error', () => {});
    this.redis.on('close', () => {
      this.alive = false;
      this.dirty = true;
    });
    this.redis.on('ready', () => void this.beat());
    this.heartbeat = setInterval(() => void this.beat(), heartbeatMs);
    this.heartbeat.unref();
  }

  async connect(): Promise<void> {
    await this.redis.connect().catch(() => {});
    await this.beat();
  }

  scope(): 'cluster' | 'instance' {
    return this.redis.status === 'ready' && this.alive ? 'cluster' : 'instance';
  }

  refusedHere(slot: ConnectionSlot): ConnectionRefusal | null {
    return this.local.refusedHere(slot);
  }

  async admit(slot: ConnectionSlot): Promise<ConnectionRefusal | null> {
    const here = this.local.refusedHere(slot);
    if (here) return here;
    if (this.scope() === 'instance') return this.admitAlone(slot);
    this.admitting++;
    try {
      const answer = await this.withTimeout(
        this.redis.eval(
          ADMIT_SCRIPT,
          3,
          MAP_KEY + slot.mapId,
          VIEWERS_KEY + slot.mapId,
          IP_KEY + slot.ip,
          this.instanceId,
          ALIVE_PREFIX,
          this.limits.maxConnectionsPerMap,
          this.viewerPlaces,
          this.limits.maxConnectionsPerIp,
          slot.viewer ? 1 : 0,
        ),
      );
      const refusal = REFUSALS[Number(answer)];
      if (refusal) return refusal;
      for (const key of keysOf(slot)) this.written.add(key);
      this.local.take(slot);
      return null;
    } catch {
      // The script may still run later: the next beat writes this instance's counts back whole.
      return this.admitAlone(slot);
    } finally {
      this.admitting--;
    }
  }

  release(slot: ConnectionSlot): void {
    this.local.release(slot);
    if (this.dirty || this.redis.status !== 'ready') {
      this.dirty = true;
      return;
    }
    const keys = keysOf(slot);
    this.redis.eval(RELEASE_SCRIPT, keys.length, ...keys, this.instanceId).catch(() => (this.dirty = true));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    // The others stop counting this instance's connections now rather than after three beats.
    if (this.redis.status === 'ready') await this.withTimeout(this.redis.del(ALIVE_PREFIX + this.instanceId)).catch(() => {});
    await this.withTimeout(this.redis.quit()).catch(() => {});
    this.redis.disconnect();
  }

  private admitAlone(slot: ConnectionSlot): ConnectionRefusal | null {
    this.dirty = true;
    return this.local.admitNow(slot);
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not answer in time')), ADMIT_WAIT_MS);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Renews this instance's alive key; writes its counts back whole when Redis may have lost track. */
  private async beat(): Promise<void> {
    if (this.closed || this.beating || this.redis.status !== 'ready') return;
    this.beating = true;
    try {
      const before = await this.redis.set(ALIVE_PREFIX + this.instanceId, '1', 'PX', MISSED_BEATS * this.heartbeatMs, 'GET');
      // Expired (a stalled link) or never set (Redis restarted empty): others may have dropped our fields.
      if (before === null) this.dirty = true;
      this.alive = true;
      // An admission under way would be counted twice or not at all: repair at the next beat.
      if (this.dirty && this.admitting === 0) await this.writeCounts();
    } catch (error) {
      this.alive = false;
      this.dirty = true;
      if (!this.closed) this.log.warn('connection limits: Redis did not take the heartbeat; counting this instance alone for now', error);
    } finally {
      this.beating = false;
    }
  }

  private async writeCounts(): Promise<void> {
    this.dirty = false;
    const batch = this.redis.multi();
    const current = new Set<string>();
    const tallies: [string, Map<string, number>][] = [
      [MAP_KEY, this.local.perMap.counts],
      [VIEWERS_KEY, this.local.viewersPerMap.counts],
      [IP_KEY, this.local.perIp.counts],
    ];
    for (const [prefix, counts] of tallies) {
      for (const [name, count] of counts) {
        const key = prefix + name;
        current.add(key);
        batch.hset(key, this.instanceId, count);
      }
    }
    for (const key of this.written) if (!current.has(key)) batch.hdel(key, this.instanceId);
    try {
      await batch.exec();
    } catch (error) {
      this.dirty = true;
      throw error;
    }
    this.written.clear();
    for (const key of current) this.written.add(key);
  }
}

export interface RedisCountsOptions {
  instanceId: string;
  limits: ConnectionLimits;
  heartbeatMs: number;
  log: Logger;
}

export async function openRedisConnectionCounts(url: string, options: RedisCountsOptions): Promise<ConnectionCounts> {
  const counts = new RedisConnectionCounts(url, options.instanceId, options.limits, options.heartbeatMs, options.log);
  await counts.connect();
  return counts;
}
