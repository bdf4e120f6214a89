// Prints where a V8 CPU profile (.cpuprofile, from --cpu-prof or the DevTools Profiler) spent
// its time: the functions and the files with the most self time. Frames of the built app are
// mapped back to src/ through the source maps in dist/assets/.
//   node --import tsx tests/bench/lib/profileSummary.ts <file.cpuprofile> [top=25]
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { ROOT } from './serverProcess';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const maps = new Map<string, SourceMap | null>();

/** A built asset's frame as `src/...:line` with its original name, when dist/ has its map. */
function original(url: string, line: number, column: number): { file: string; name: string | null } | null {
  const asset = /\/assets\/([^/?#]+\.js)$/.exec(url)?.[1];
  if (!asset) return null;
  if (!maps.has(asset)) {
    const file = path.join(ROOT, 'dist/assets', `${asset}.map`);
    maps.set(asset, fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))) : null);
  }
  const entry = maps.get(asset)?.findEntry(line, column) as
    | { originalSource?: string; originalLine?: number; name?: string }
    | undefined;
  if (!entry?.originalSource) return null;
  const source = entry.originalSource.replace(/^.*?\/(node_modules|src)\//, '$1/');
  return { file: `${source}:${(entry.originalLine ?? 0) + 1}`, name: entry.name ?? null };
}

export function summarize(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = profile.endTime - profile.startTime;
  const fnSelf = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    const mapped = original(url, lineNumber, columnNumber);
    const file = mapped
      ? mapped.file.replace(/:\d+$/, '')
      : url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'node_modules/').replace(`${ROOT}/`, '');
    const where = mapped ? mapped.file : file ? `${file}:${lineNumber + 1}` : '';
    const fn = `${mapped?.name ?? (functionName || '(anonymous)')} ${where}`.trim();
    fnSelf.set(fn, (fnSelf.get(fn) ?? 0) + us);
    const fileKey = file || functionName;
    fileSelf.set(fileKey, (fileSelf.get(fileKey) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${pct(us)}  ${k}`);
  return [
    `profile: ${(total / 1000).toFixed(0)} ms`,
    'self time by function:',
    ...list(fnSelf),
    '',
    'self time by file:',
    ...list(fileSelf),
  ].join('\n');
}

if (process.argv[1]?.endsWith('profileSummary.ts')) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node --import tsx tests/bench/lib/profileSummary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, top ? Number(top) : 25));
}
