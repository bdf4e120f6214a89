// Profiles one fresh load of a generated map in the built app: a DevTools CPU profile from
// navigation until the cards settle, written to a file and summarised (self time by function and
// by file, mapped back to src/ through dist/assets/*.map). Run `npm run build` first.
//   node --import tsx tests/bench/lib/profileCanvas.ts [touchpoints=2000] [out=/tmp/canvas.cpuprofile]
// With CJM_PROFILE_PAN=1 the profile covers 5 s of the benchmark's pan and zoom cycle after the
// load instead of the load.
import fs from 'node:fs';
import { panAndZoom, settledRender } from '../canvas';
import { bigMapDoc } from './bigMap';
import { copyOfBuiltApp, installProbe, launchBrowser, openMapPage, seedMaps, VIEWPORT, type ProbeWindow } from './browser';
import { summarize } from './profileSummary';
import { startServerProcess } from './serverProcess';
import { removeTempDirs, tempDir } from './workspace';

const touchpoints = Number(process.argv[2] ?? 2000);
const out = process.argv[3] ?? '/tmp/canvas.cpuprofile';

const doc = bigMapDoc(touchpoints);
const dataDir = tempDir('profile-canvas');
const [mapId] = await seedMaps(dataDir, [doc]);
const server = await startServerProcess('ours', { dataDir, staticDir: copyOfBuiltApp() });
await fetch(`${server.url}/api/maps`).then((r) => r.text());
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await installProbe(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const pan = process.env.CJM_PROFILE_PAN === '1';
  if (!pan) await cdp.send('Profiler.start');
  await openMapPage(page, server.url, mapId!, doc);
  const settled = await settledRender(page);
  console.error(`settled at ${Math.round(settled.at)} ms with ${settled.cards} cards`);
  if (pan) {
    await cdp.send('Profiler.start');
    await panAndZoom(page, 5000);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const milestones = await page.evaluate(() => {
    const b = (window as unknown as ProbeWindow).__bench;
    const resources = performance
      .getEntriesByType('resource')
      .map((r) => `${new URL(r.name).pathname} ${Math.round(r.startTime)}→${Math.round((r as PerformanceResourceTiming).responseEnd)}`);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return [
      `DOMContentLoaded ${Math.round(nav.domContentLoadedEventEnd)} ms, load ${Math.round(nav.loadEventEnd)} ms`,
      ...resources,
      `socket created ${Math.round(b.socket.createdAt)}, open ${Math.round(b.socket.openAt)}, biggest message (${b.socket.biggestBytes} B) ${Math.round(b.socket.biggestAt)} ms`,
    ];
  });
  console.error(milestones.join('\n'));
  fs.writeFileSync(out, JSON.stringify(profile));
  console.log(summarize(profile as never, 40));
} finally {
  await browser.close();
  await server.stop();
  removeTempDirs();
}

