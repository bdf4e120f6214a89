// Two or more builds of the app side by side on one machine, in one run: the same generated map
// opened in turn by each build (fresh page each time), so a slow or busy machine slows them
// alike. Prints per build the median first render and the pan/zoom frame p95 (on the 60 Hz grid).
// Use it to judge a change before `npm run bench`, against the build before it:
//   git worktree add ../before HEAD~1 && (cd ../before && npm run build)
//   node --import tsx tests/bench/lib/compareBuilds.ts 2000 ../before/dist dist [rounds=3]
// CJM_NETWORK=<latency ms>,<Mbit/s> emulates a user's network for HTTP (Chromium's DevTools
// throttling; it leaves WebSocket frames alone, so it flatters whatever syncs over the socket).
import { cpSync } from 'node:fs';
import { measureFrames, settledRender } from '../canvas';
import { bigMapDoc } from './bigMap';
import { buildsArgs } from './buildArgs';
import { installProbe, launchBrowser, openMapPage, seedMaps, VIEWPORT, type ProbeWindow } from './browser';
import { startServerProcess } from './serverProcess';
import { median } from './stats';
import { removeTempDirs, tempDir } from './workspace';

const { touchpoints, builds, rounds } = buildsArgs(process.argv.slice(2), 'compareBuilds.ts <touchpoints> <dist A> <dist B> [...] [rounds=3]');
const network = networkFrom(process.env.CJM_NETWORK);

function networkFrom(value: string | undefined): { latencyMs: number; mbps: number } | null {
  if (!value) return null;
  const [latencyMs, mbps] = value.split(',').map(Number);
  if (!Number.isFinite(latencyMs) || !Number.isFinite(mbps) || mbps! <= 0) {
    console.error('CJM_NETWORK must be "<latency ms>,<Mbit/s>", e.g. 40,50');
    process.exit(2);
  }
  return { latencyMs: latencyMs!, mbps: mbps! };
}
const doc = bigMapDoc(touchpoints);
const browser = await launchBrowser();
const servers = [];
try {
  for (const dist of builds) {
    const dataDir = tempDir('compare');
    const [mapId] = await seedMaps(dataDir, [doc]);
    const staticDir = tempDir('dist');
    cpSync(dist, staticDir, { recursive: true });
    const server = await startServerProcess('ours', { dataDir, staticDir });
    await fetch(`${server.url}/api/maps`).then((r) => r.text());
    servers.push({ dist, server, mapId: mapId!, renders: [] as number[], stateAt: [] as number[], stateOver: '', p95s: [] as number[], missed: [] as number[] });
  }
  for (let round = 0; round < rounds; round++) {
    for (const s of servers) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        const page = await context.newPage();
        if (network) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.emulateNetworkConditions', {
            offline: false,
            latency: network.latencyMs,
            downloadThroughput: (network.mbps * 1e6) / 8,
            uploadThroughput: (network.mbps * 1e6) / 8,
          });
        }
        await installProbe(page);
        await openMapPage(page, s.server.url, s.mapId, doc);
        s.renders.push((await settledRender(page)).at);
        // When the map's state arrived: splits the time into before (loading, connecting) and after (applying, drawing).
        // A first visit gets it over HTTP (src/sync/earlyState.ts); older builds over the socket.
        const arrival = await page.evaluate(() => {
          const early = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) =>
            new URL(r.name).pathname.endsWith('/state'),
          );
          if (early) return { at: early.responseEnd, over: `HTTP, ${Math.round(early.encodedBodySize / 1024)} KB sent` };
          return { at: (window as unknown as ProbeWindow).__bench.socket.biggestAt, over: 'socket' };
        });
        s.stateAt.push(arrival.at);
        s.stateOver = arrival.over;
        // The app's own User Timing measures of the load (map:…), e.g. how long the arriving state took to apply.
        const measures = await page.evaluate(() =>
          performance.getEntriesByType('measure').filter((m) => m.name.startsWith('map:')).map((m) => `${m.name} ${Math.round(m.duration)} ms`),
        );
        if (measures.length > 0) console.error(`  ${measures.join(', ')}`);
        const frames = await measureFrames(page, 4000);
        s.p95s.push(frames.p95);
        s.missed.push(frames.over / frames.count);
      } finally {
        await context.close();
      }
      console.error(`round ${round + 1}: ${s.dist}: first render ${Math.round(s.renders.at(-1)!)} ms, frame p95 ${s.p95s.at(-1)!.toFixed(1)} ms`);
    }
  }
  for (const s of servers) {
    console.log(
      `${s.dist}: first render median ${Math.round(median(s.renders))} ms (${s.renders.map(Math.round).join(' / ')}), ` +
        `map state at ${Math.round(median(s.stateAt))} ms (${s.stateOver}), ` +
        `frame p95 median ${median(s.p95s).toFixed(1)} ms, missed ${(median(s.missed) * 100).toFixed(0)} % of frames`,
    );
  }
} finally {
  await browser.close();
  for (const s of servers) await s.server.stop();
  removeTempDirs();
}
