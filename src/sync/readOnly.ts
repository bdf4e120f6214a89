// A live map opened with a view link: the doc still syncs (colleagues' edits arrive), but no
// command may change it. The UI hides editing; this is the second guard behind it, and the
// server, which refuses a view link's updates, is the third.
import type { MapCommands } from '../doc/commands';

/** What a command on a view-only map throws: the UI should never have offered the edit. */
export class ViewOnlyMapError extends Error {
  constructor(command: string) {
    super(`${command}: this map was opened with a view link; it cannot be edited`);
    this.name = 'ViewOnlyMapError';
  }
}

/** Commands that only read and so stay available. */
const QUERIES: ReadonlySet<string> = new Set<keyof MapCommands>(['touchpointsInLane']);

/** `commands` with every edit refusing (new commands included: only known queries pass). */
export function refusingCommands(commands: MapCommands): MapCommands {
  return new Proxy(commands, {
    get(target, name, receiver) {
      if (typeof name === 'string' && QUERIES.has(name)) return Reflect.get(target, name, receiver) as unknown;
      return () => {
        throw new ViewOnlyMapError(String(name));
      };
    },
  });
}
