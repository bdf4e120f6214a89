// Relaying between server instances that share one database (cluster mode). The instance whose
// client sent an update stores it, then publishes it; instances with the map open apply it to
// their room and pass it to their own clients, without storing it again. Presence travels the
// same way. Nothing here is needed for durability: whatever a relay message misses, an instance
// reads back from storage (`catchUp`).

export interface RelayHandlers {
  /** Updates another instance has stored, in the order it stored them. */
  updates(updates: Uint8Array[], from: string): void;
  /** A y-protocols awareness update of another instance's clients. */
  awareness(update: Uint8Array, from: string): void;
  /** Another instance opened the map (or came back) and wants to know who is here. */
  presenceWanted(): void;
  /** Messages may have been missed (a link to Redis was cut): read the map back from storage. */
  catchUp(): void;
  /** An instance said goodbye or missed its heartbeats: its clients' presence ends. */
  instanceGone(instanceId: string): void;
  /** The map was deleted (or broke) on another instance: disconnect everyone with this code. */
  evict(code: number, reason: string): void;
  /** The map's links were rotated on another instance: close connections older than `generation`. */
  revoke(generation: number, code: number, reason: string): void;
}

/** One open map's channel on this instance. */
export interface RelayChannel {
  /** Starts delivering; what arrived since `join` is delivered first, in order. */
  listen(handlers: RelayHandlers): void;
  publishUpdates(updates: readonly Uint8Array[]): void;
  publishAwareness(update: Uint8Array): void;
  /** Asks the instances with the map open for their clients' presence. */
  askPresence(): void;
  leave(): void;
}

export interface Relay {
  /** Random per process: a restarted instance is a new one. */
  readonly instanceId: string;
  /** Subscribes to the map's channel; resolves once messages published from now on will arrive. */
  join(mapId: string): Promise<RelayChannel>;
  publishEvict(mapId: string, code: number, reason: string): void;
  publishRevoke(mapId: string, generation: number, code: number, reason: string): void;
  /** True while both directions (publishing and subscribed) are connected. */
  reachable(): boolean;
  close(): Promise<void>;
}
