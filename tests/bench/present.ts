// Benchmark 8: the slide decks. PDF and PowerPoint export of the 200- and 500-touchpoint maps,
// driven through the UI in headless Chromium (Export → Slides as PDF / PowerPoint, from the
// click until the download arrives, each in a fresh page so the writers' chunk and the fonts
// load cold), and the page's peak JS heap while writing.
import type { Browser, CDPSession } from 'playwright-core';
import type * as Y from 'yjs';
import type { Benchmark, Figure } from './types';
import { bigMapDoc } from './lib/bigMap';
import { copyOfBuiltApp, launchBrowser, openMapPage, seedMaps, VIEWPORT } from './lib/browser';
import { startServerProcess } from './lib/serverProcess';
import { round, sleep } from './lib/stats';
import { tempDir } from './lib/workspace';

const TARGET_MS: Record<number, number> = { 200: 5000, 500: 15000 };
const MEMORY_TARGET_MB = 500;
const GIVE_UP_MS = 120_000;

interface DeckRun {
  ms: number;
  bytes: number;
  peakHeapMb: number;
}

async function heapMb(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576;
}

async function exportOnce(browser: Browser, url: string, mapId: string, doc: Y.Doc, item: 'export-pdf' | 'export-pptx'): Promise<DeckRun> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await openMapPage(page, url, mapId, doc);
    await sleep(500);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // Clicked from inside the page, as the PNG benchmark does: nothing in front of the menu matters.
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="export-menu"]')?.click());
    await page.locator(`[data-testid="${item}"]`).waitFor();
    const download = page.waitForEvent('download', { timeout: GIVE_UP_MS });
    let peak = await heapMb(cdp);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await heapMb(cdp).catch(() => 0));
        await sleep(100);
      }
    })();
    const start = performance.now();
    await page.evaluate((testId) => {
      setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.click(), 0);
    }, item);
    const file = await (await download).path();
    const ms = performance.now() - start;
    sampling = false;
    await sampler;
    const { size } = await import('node:fs').then((fs) => fs.promises.stat(file));
    return { ms, bytes: size, peakHeapMb: peak };
  } finally {
    await context.close();
  }
}

export const presentBenchmark: Benchmark = {
  name: 'present',
  description: 'PDF and PowerPoint decks of the 200- and 500-touchpoint maps, through the Export menu',
  async run(options) {
    const sizes = options.quick ? [200] : [200, 500];
    const dataDir = tempDir('present');
    const docs = sizes.map((n) => bigMapDoc(n));
    const ids = await seedMaps(dataDir, docs);
    const server = await startServerProcess('ours', { dataDir, staticDir: copyOfBuiltApp() });
    const browser = await launchBrowser();
    const figures: Figure[] = [];
    let peak = 0;
    try {
      for (const [i, touchpoints] of sizes.entries()) {
        for (const [item, label] of [
          ['export-pdf', 'PDF'],
          ['export-pptx', 'PPTX'],
        ] as const) {
          const run = await exportOnce(browser, server.url, ids[i]!, docs[i]!, item).catch((error: unknown) => error as Error);
          if (run instanceof Error) {
            figures.push({ key: `present.${touchpoints}.${label.toLowerCase()}Ms`, name: `present: ${label}, ${touchpoints} touchpoints`, value: null, unit: 'ms', text: 'failed', note: run.message.split('\n', 1)[0] });
            continue;
          }
          peak = Math.max(peak, run.peakHeapMb);
          options.log(`  ${label} ${touchpoints} touchpoints: ${round(run.ms)} ms, ${round(run.bytes / 1024)} KB, peak heap ${round(run.peakHeapMb)} MB`);
          figures.push({
            key: `present.${touchpoints}.${label.toLowerCase()}Ms`,
            name: `present: ${label}, ${touchpoints} touchpoints`,
            value: round(run.ms),
            unit: 'ms',
            target: { op: '<', value: TARGET_MS[touchpoints]! },
            note: `click until the download, in a fresh page (writers and fonts load cold); ${round(run.bytes / 1024)} KB`,
          });
        }
      }
    } finally {
      await browser.close();
      await server.stop();
      for (const doc of docs) doc.destroy();
    }
    figures.push({
      key: 'present.peakHeapMb',
      name: 'present: peak JS heap in the page while exporting',
      value: round(peak),
      unit: 'MB',
      target: { op: '<', value: MEMORY_TARGET_MB },
      note: 'JSHeapUsedSize sampled every 100 ms (Chrome DevTools Protocol)',
    });
    return figures;
  },
};
