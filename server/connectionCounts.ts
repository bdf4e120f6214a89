// Counting open connections against MAX_CONNECTIONS_PER_MAP, the viewers' share of it and
// MAX_CONNECTIONS_PER_IP. One process counts in memory (`LocalConnectionCounts`); in cluster mode
// the counts are kept in Redis so the limits hold across instances (`relay/redisCounts.ts`).

/** Which limit refuses a connection. */
export type ConnectionRefusal = 'map' | 'viewers' | 'ip';

/** One connection as the limits see it. */
export interface ConnectionSlot {
  mapId: string;
  ip: string;
  /** A view link: counted against the viewers' places too. */
  viewer: boolean;
}

export interface ConnectionLimits {
  maxConnectionsPerMap: number;
  maxConnectionsPerIp: number;
  /** Places on each map only edit links may take: viewers fill at most the rest. */
  reservedForEditors: number;
}

export interface ConnectionCounts {
  /** Refusal judged on this instance's own connections alone: cheap, checked before any I/O. */
  refusedHere(slot: ConnectionSlot): ConnectionRefusal | null;
  /** Takes a place for the connection when every limit allows it (null), else says which limit refuses. */
  admit(slot: ConnectionSlot): Promise<ConnectionRefusal | null>;
  /** Frees a place `admit` took. */
  release(slot: ConnectionSlot): void;
  /** `cluster`: counted across every instance; `instance`: this process alone (no Redis, or Redis unreachable). */
  scope(): 'cluster' | 'instance';
  close(): Promise<void>;
}

/** The close reason of each refusal, the same in one process and in a cluster. */
export const REFUSAL_REASONS: Record<ConnectionRefusal, string> = {
  map: 'too many connections to this map',
  viewers: 'too many viewers on this map',
  ip: 'too many connections from this address',
};

/** A reserve set as large as the map itself still lets one viewer in. */
export const viewerPlacesOf = (limits: ConnectionLimits) => Math.max(1, limits.maxConnectionsPerMap - limits.reservedForEditors);

/** Counts per key; a key whose count falls to zero is dropped. */
export class Tally {
  readonly counts = new Map<string, number>();

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string, by: number): void {
    const next = this.get(key) + by;
    if (next > 0) this.counts.set(key, next);
    else this.counts.delete(key);
  }
}

/** This process's connections, counted in memory. */
export class LocalConnectionCounts implements ConnectionCounts {
  readonly perMap = new Tally();
  readonly viewersPerMap = new Tally();
  readonly perIp = new Tally();
  private readonly viewerPlaces: number;

  constructor(private readonly limits: ConnectionLimits) {
    this.viewerPlaces = viewerPlacesOf(limits);
  }

  refusedHere({ mapId, ip, viewer }: ConnectionSlot): ConnectionRefusal | null {
    if (this.perMap.get(mapId) >= this.limits.maxConnectionsPerMap) return 'map';
    // However many addresses viewers come from, editors can still join.
    if (viewer && this.viewersPerMap.get(mapId) >= this.viewerPlaces) return 'viewers';
    if (this.perIp.get(ip) >= this.limits.maxConnectionsPerIp) return 'ip';
    return null;
  }

  /** Counts the connection without checking (the cluster-wide check already passed). */
  take(slot: ConnectionSlot): void {
    this.perMap.add(slot.mapId, 1);
    if (slot.viewer) this.viewersPerMap.add(slot.mapId, 1);
    this.perIp.add(slot.ip, 1);
  }

  admitNow(slot: ConnectionSlot): ConnectionRefusal | null {
    const refusal = this.refusedHere(slot);
    if (!refusal) this.take(slot);
    return refusal;
  }

  admit(slot: ConnectionSlot): Promise<ConnectionRefusal | null> {
    return Promise.resolve(this.admitNow(slot));
  }

  release(slot: ConnectionSlot): void {
    this.perMap.add(slot.mapId, -1);
    if (slot.viewer) this.viewersPerMap.add(slot.mapId, -1);
    this.perIp.add(slot.ip, -1);
  }

  scope(): 'cluster' | 'instance' {
    return 'instance';
  }

  async close(): Promise<void> {}
}
