// The PNG export of two or more builds side by side on one machine, in one run: the same
// generated map exported by each build in turn (a fresh page each time, alternating), so a slow
// or busy machine slows them alike. Prints per build the median export time, each phase's median
// (from the app's User Timing marks) and the picture's size; keeps the last PNG of each build
// (the paths are printed) so the pictures can be compared by eye.
//   npx vite build --configLoader runner --outDir /tmp/dist-x --emptyOutDir
//   node --import tsx tests/bench/lib/comparePng.ts 500 /tmp/dist-main /tmp/dist-x [rounds=3]
import { cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportOnce, type PngPhases, type PngRun } from '../io';
import { bigMapDoc } from './bigMap';
import { buildsArgs } from './buildArgs';
import { launchBrowser, seedMaps } from './browser';
import { startServerProcess } from './serverProcess';
import { median } from './stats';
import { removeTempDirs, tempDir } from './workspace';

const { touchpoints, builds, rounds } = buildsArgs(process.argv.slice(2), 'comparePng.ts <touchpoints> <dist A> <dist B> [...] [rounds=3]');
const PHASES: readonly (keyof PngPhases)[] = ['prepare', 'image', 'draw', 'encode'];
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

const doc = bigMapDoc(touchpoints);
const browser = await launchBrowser();
const servers = [];
const loadBefore = loadAverage();
try {
  for (const [i, dist] of builds.entries()) {
    const dataDir = tempDir('compare-png');
    const [mapId] = await seedMaps(dataDir, [doc]);
    const staticDir = tempDir('dist');
    cpSync(dist, staticDir, { recursive: true });
    const server = await startServerProcess('ours', { dataDir, staticDir });
    const picture = path.join(os.tmpdir(), `comparePng-${i}-${path.basename(dist)}.png`);
    servers.push({ dist, server, mapId: mapId!, picture, runs: [] as PngRun[] });
  }
  for (let round = 0; round < rounds; round++) {
    // Alternate which build goes first, so neither always meets a browser warmed by the other.
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const s of order) {
      const run = await exportOnce(browser, s.server.url, s.mapId, doc, { saveAs: s.picture });
      if (run.ms === null) throw new Error(`${s.dist}: ${run.note}`);
      s.runs.push(run);
      console.error(`round ${round + 1}: ${s.dist}: ${Math.round(run.ms)} ms${run.note.slice(run.note.indexOf(';'))}`);
    }
  }
  for (const s of servers) {
    const times = s.runs.map((r) => r.ms!);
    const phases = PHASES.map((name) => {
      const values = s.runs.flatMap((r) => (r.phases ? [r.phases[name]] : []));
      return values.length ? `${name} ${Math.round(median(values))}` : `${name} ?`;
    });
    console.log(
      `${s.dist}: median ${Math.round(median(times))} ms (${times.map(Math.round).join(' / ')}); ` +
        `${phases.join(', ')} ms; ${Math.round((s.runs.at(-1)!.bytes ?? 0) / 1024)} KB; ${s.picture}`,
    );
  }
  console.log(`load average ${loadBefore} before, ${loadAverage()} after`);
} finally {
  await browser.close();
  for (const s of servers) await s.server.stop();
  removeTempDirs();
}
