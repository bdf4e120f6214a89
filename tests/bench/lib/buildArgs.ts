// The command line of the scripts that run builds side by side (compareBuilds.ts, comparePng.ts):
// <touchpoints> <dist A> <dist B> [...] [rounds].
import path from 'node:path';

export interface BuildsArgs {
  touchpoints: number;
  /** Absolute paths of the built apps. */
  builds: string[];
  rounds: number;
}

/** Reads the arguments, or prints `usage` and exits when fewer than two builds are given. */
export function buildsArgs(argv: readonly string[], usage: string, defaultRounds = 3): BuildsArgs {
  const [sizeArg, ...rest] = argv;
  const rounds = rest.length > 2 && /^\d+$/.test(rest[rest.length - 1]!) ? Number(rest.pop()) : defaultRounds;
  if (!sizeArg || rest.length < 2) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { touchpoints: Number(sizeArg), builds: rest.map((dir) => path.resolve(dir)), rounds };
}
