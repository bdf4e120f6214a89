// Where one PNG export's time goes inside the browser: a Chromium trace (devtools.timeline) of
// one export with the given build, summed by event name within each phase of the export (the
// app's User Timing marks). Times are inclusive (a Layout inside a decode counts for both).
// With a fourth argument, also a DevTools CPU profile of the page, summarised by function and by
// file (mapped to src/ through dist/'s source maps: build dist/ from the same code).
//   node --import tsx tests/bench/lib/tracePng.ts 500 /tmp/dist-x [/tmp/png.trace.json] [/tmp/png.cpuprofile]
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportOnce } from '../io';
import { bigMapDoc } from './bigMap';
import { summarize } from './profileSummary';
import { launchBrowser, seedMaps } from './browser';
import { startServerProcess } from './serverProcess';
import { removeTempDirs, tempDir } from './workspace';

const [sizeArg, distArg, traceFile, profileFile] = process.argv.slice(2);
if (!sizeArg || !distArg) {
  console.error('usage: tracePng.ts <touchpoints> <dist> [trace.json] [profile.cpuprofile]');
  process.exit(2);
}
const MARKS = ['png:click', 'png:render', 'png:decoded', 'png:drawn', 'png:encoded'] as const;
const CATEGORIES = ['devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc', 'gpu'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
}

const doc = bigMapDoc(Number(sizeArg));
const browser = await launchBrowser();
const dataDir = tempDir('trace-png');
const [mapId] = await seedMaps(dataDir, [doc]);
const staticDir = tempDir('dist');
cpSync(path.resolve(distArg), staticDir, { recursive: true });
const server = await startServerProcess('ours', { dataDir, staticDir });
try {
  await browser.startTracing(undefined, { categories: CATEGORIES });
  let profile: object | undefined;
  const run = await exportOnce(browser, server.url, mapId!, doc, profileFile ? { onProfile: (p) => (profile = p) } : {});
  const trace = await browser.stopTracing();
  if (traceFile) writeFileSync(traceFile, trace);
  console.log(`${Math.round(run.ms ?? -1)} ms; ${run.note}`);
  if (profileFile && profile) {
    writeFileSync(profileFile, JSON.stringify(profile));
    console.log(summarize(profile as never, 30));
  }
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const at = new Map<string, number>();
  for (const e of events) if ((MARKS as readonly string[]).includes(e.name) && !at.has(e.name)) at.set(e.name, e.ts);
  // Every png: mark in order (a build may set finer ones than the phases).
  const all = events.filter((e) => e.name.startsWith('png:') && e.ph !== 'X').sort((a, b) => a.ts - b.ts);
  const seen = new Set<string>();
  let previous: number | undefined;
  for (const e of all) {
    if (seen.has(e.name)) continue;
    seen.add(e.name);
    console.log(`${e.name.padEnd(24)} +${previous === undefined ? 0 : Math.round((e.ts - previous) / 1000)} ms`);
    previous = e.ts;
  }
  for (let i = 0; i + 1 < MARKS.length; i++) {
    const from = at.get(MARKS[i]!);
    const to = at.get(MARKS[i + 1]!);
    if (from === undefined || to === undefined) continue;
    const sums = new Map<string, number>();
    for (const e of events) {
      if (e.ph !== 'X' || e.dur === undefined || e.ts < from || e.ts > to) continue;
      sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
    }
    const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 14);
    console.log(`\n${MARKS[i]} → ${MARKS[i + 1]}: ${Math.round((to - from) / 1000)} ms`);
    for (const [name, ms] of top) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
  }
} finally {
  await browser.close();
  await server.stop();
  removeTempDirs();
}
