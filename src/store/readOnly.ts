// Commands for a map that may only be looked at: a live map opened with a view link, or a saved
// review opened from the past. The UI hides editing; these are the guard behind it (for a view
// link the server, which refuses the connection's updates, is the third).
import type { MapCommands } from '../doc/commands';

export type ReadOnlyReason = 'viewLink' | 'savedReview' | 'newerLayout';

const WHY: Record<ReadOnlyReason, string> = {
  viewLink: 'this map was opened with a view link',
  savedReview: 'this is a saved review',
  newerLayout: 'this map was saved by a newer CJM Studio',
};

/** What a command on a read-only map throws: the UI should never have offered the edit. */
export class ReadOnlyMapError extends Error {
  constructor(
    readonly command: string,
    readonly reason: ReadOnlyReason,
  ) {
    super(`${command}: ${WHY[reason]}; it cannot be edited`);
    this.name = 'ReadOnlyMapError';
  }
}

/** Commands that only read, so a read-only map still answers them. */
export type MapQueries = Pick<MapCommands, 'touchpointsInLane'>;

/** Every edit refuses, whatever its name (new commands included); only `queries` answer. */
export function refusingCommands(reason: ReadOnlyReason, queries: MapQueries): MapCommands {
  return new Proxy(queries as MapCommands, {
    get(target, name, receiver) {
      if (typeof name === 'string' && Object.hasOwn(target, name)) return Reflect.get(target, name, receiver) as unknown;
      return () => {
        throw new ReadOnlyMapError(String(name), reason);
      };
    },
  });
}
