// Benchmark 5: import and export. JSON export (doc → snapshot → file text) and import (file
// text → validated snapshot → a new map's doc) of the 2,000-touchpoint map, through the format
// functions the app uses. And PNG export of a 500-touchpoint map, driven through the UI in
// headless Chromium when the app offers it: from the click on Export → PNG until the download
// arrives, the median of five exports, each in a fresh page.
import * as Y from 'yjs';
import type { Browser, Page } from 'playwright-core';
import { applySnapshot, docToSnapshot } from '../../src/doc/snapshot';
import { exportMapJson, parseMapJson } from '../../src/domain/format';
import type { Benchmark, Figure } from './types';
import { bigMapDoc } from './lib/bigMap';
import { copyOfBuiltApp, installProbe, launchBrowser, openMapPage, seedMaps, VIEWPORT } from './lib/browser';
import { startServerProcess } from './lib/serverProcess';
import { median, round, sleep } from './lib/stats';
import { tempDir } from './lib/workspace';

const JSON_TARGET_MS = 300;
const PNG_TARGET_MS = 3000;
/** Past this the export counts as failed (and the run stays within its time budget). */
const PNG_GIVE_UP_MS = 150_000;

function exportJson(doc: Y.Doc): string {
  return exportMapJson(docToSnapshot(doc), [], new Date());
}

function importJson(text: string): Y.Doc {
  const parsed = parseMapJson(text);
  if (!parsed.ok) throw new Error(`the exported file does not import: ${parsed.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  const doc = new Y.Doc();
  applySnapshot(doc, parsed.value.snapshot);
  return doc;
}

/** The first run (cold code) and the median of the warm runs after it. */
function timeRuns<T>(runs: number, fn: () => T, after: (result: T) => void = () => {}) {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const result = fn();
    times.push(performance.now() - start);
    after(result);
  }
  return { cold: times[0]!, warm: median(times.slice(1)) };
}

/** Selectors a PNG export control may have; the first one present is used. */
const PNG_CONTROLS = ['[data-testid="export-png"]', '[data-testid="toolbar-export-png"]', '[data-testid*="png" i]'];
const EXPORT_MENUS = ['[data-testid="export-menu"]', '[data-testid="toolbar-export"]', '[data-testid*="export" i]:not([data-testid*="json" i]):not([data-testid*="csv" i])'];

async function findPngControl(page: Page): Promise<string | null> {
  for (const selector of PNG_CONTROLS) if (await page.locator(selector).first().isVisible().catch(() => false)) return selector;
  // The control may sit in an export menu.
  for (const menu of EXPORT_MENUS) {
    const opener = page.locator(menu).first();
    if (!(await opener.isVisible().catch(() => false))) continue;
    await opener.click();
    await sleep(200);
    for (const selector of PNG_CONTROLS) if (await page.locator(selector).first().isVisible().catch(() => false)) return selector;
    await page.keyboard.press('Escape');
  }
  return null;
}

export interface PngRun {
  ms: number | null;
  bytes: number | null;
  note: string;
  /** The export's phases (ms) from the app's User Timing marks, when the build sets them. */
  phases?: PngPhases;
}

export interface PngPhases {
  prepare: number;
  image: number;
  draw: number;
  encode: number;
}

export interface ExportOptions {
  /** Where to keep the PNG (to look at it). */
  saveAs?: string;
  /** Receives a DevTools CPU profile of the page from the click to the download. */
  onProfile?: (profile: object) => void;
}

/** One export in a fresh page (nothing cached from an earlier export): click until the download arrives. */
export async function exportOnce(browser: Browser, url: string, mapId: string, doc: Y.Doc, options: ExportOptions = {}): Promise<PngRun> {
  const { saveAs, onProfile } = options;
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await installProbe(page);
    await openMapPage(page, url, mapId, doc);
    await sleep(1000);
    const control = await findPngControl(page);
    if (!control) return { ms: null, bytes: null, note: 'not available yet: the app has no PNG export control' };
    const download = page.waitForEvent('download', { timeout: PNG_GIVE_UP_MS });
    const cdp = onProfile && (await context.newCDPSession(page));
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const start = performance.now();
    // Clicked from inside the page: a click through playwright waits for the page to respond,
    // and the page may be busy drawing for a long time.
    await page.evaluate((selector) => {
      setTimeout(() => {
        performance.mark('png:click');
        document.querySelector<HTMLElement>(selector)?.click();
      }, 0);
    }, control);
    const arrived = await download;
    const file = await arrived.path();
    const ms = performance.now() - start;
    if (saveAs) await arrived.saveAs(saveAs);
    if (cdp) onProfile!((await cdp.send('Profiler.stop')).profile);
    const { size } = await import('node:fs').then((fs) => fs.promises.stat(file));
    // The phases from the app's User Timing marks (exportPng.ts): laying out every card, the
    // picture loaded as an image, drawn on the canvas, encoded.
    const phases = await page.evaluate(() => {
      const marks = ['png:click', 'png:render', 'png:decoded', 'png:drawn', 'png:encoded'].map(
        (name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? null,
      );
      if (marks.some((m) => m === null)) return undefined;
      const [click, render, decoded, drawn, encoded] = marks as number[];
      return { prepare: render! - click!, image: decoded! - render!, draw: drawn! - decoded!, encode: encoded! - drawn! };
    });
    const split = phases
      ? `; prepare ${Math.round(phases.prepare)}, image ${Math.round(phases.image)}, draw ${Math.round(phases.draw)}, encode ${Math.round(phases.encode)} ms`
      : '';
    return { ms, bytes: size, note: `click on ${control} until the download${split}`, ...(phases && { phases }) };
  } finally {
    await context.close();
  }
}

/**
 * The median of a few exports, each in a fresh page: one export varies by ±15 % on this
 * machine (other work, the browser's own start-up tasks), more than a single figure can show.
 */
async function measurePng(touchpoints: number, runs: number): Promise<PngRun> {
  const dataDir = tempDir('png');
  const doc = bigMapDoc(touchpoints);
  const [mapId] = await seedMaps(dataDir, [doc]);
  const server = await startServerProcess('ours', { dataDir, staticDir: copyOfBuiltApp() });
  const browser = await launchBrowser();
  try {
    const results: PngRun[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await exportOnce(browser, server.url, mapId!, doc);
      if (result.ms === null) return result;
      results.push(result);
    }
    const times = results.map((r) => r.ms!);
    const middle = results.find((r) => r.ms === median(times)) ?? results[0]!;
    const all = runs > 1 ? `median of ${runs} exports, each in a fresh page (${times.map((t) => round(t)).join(', ')} ms); ` : '';
    return { ms: median(times), bytes: middle.bytes, note: `${all}${middle.note}` };
  } finally {
    await browser.close();
    await server.stop();
    doc.destroy();
  }
}

export const ioBenchmark: Benchmark = {
  name: 'io',
  description: 'JSON export/import of the 2,000-touchpoint map; PNG export of a 500-touchpoint map',
  async run(options) {
    const touchpoints = options.quick ? 500 : 2000;
    const runs = options.quick ? 2 : 5;
    const source = bigMapDoc(touchpoints);
    const text = exportJson(source);
    const exported = timeRuns(runs, () => exportJson(source));
    const imported = timeRuns(runs, () => importJson(text), (doc) => doc.destroy());
    // Round trip check: what is imported is what was exported.
    const back = importJson(text);
    const same = exportJson(back).replace(/"exportedAt": "[^"]*"/, '') === text.replace(/"exportedAt": "[^"]*"/, '');
    back.destroy();
    source.destroy();
    options.log(
      `  JSON ${round(text.length / 1024 / 1024, 2)} MB: export ${round(exported.warm)} ms (cold ${round(exported.cold)} ms), ` +
        `import ${round(imported.warm)} ms (cold ${round(imported.cold)} ms)${same ? '' : ' — WARNING: round trip differs'}`,
    );

    const pngTouchpoints = options.quick ? 200 : 500;
    const png = await measurePng(pngTouchpoints, options.quick ? 1 : 5).catch((error: unknown) => ({
      ms: null,
      bytes: null,
      note: `failed: ${(error instanceof Error ? error.message : String(error)).split('\n', 1)[0]}`,
    }));
    options.log(`  PNG ${pngTouchpoints} touchpoints: ${png.ms === null ? png.note : `${round(png.ms)} ms, ${png.bytes} bytes`}`);

    const roundTrip = same ? '' : '; WARNING: export → import → export differs';
    const figures: Figure[] = [
      {
        key: 'io.jsonExportMs',
        name: `io: JSON export, ${touchpoints} touchpoints`,
        value: round(exported.warm),
        unit: 'ms',
        target: { op: '<', value: JSON_TARGET_MS },
        note: `median of ${runs} warm runs; first run ${round(exported.cold)} ms; ${round(text.length / 1024 / 1024, 2)} MB${roundTrip}`,
      },
      {
        key: 'io.jsonImportMs',
        name: `io: JSON import, ${touchpoints} touchpoints`,
        value: round(imported.warm),
        unit: 'ms',
        target: { op: '<', value: JSON_TARGET_MS },
        note: `parse + validate + write into a doc; median of ${runs} warm runs; first run ${round(imported.cold)} ms`,
      },
      {
        key: 'io.pngExportMs',
        name: `io: PNG export, ${pngTouchpoints} touchpoints`,
        value: png.ms === null ? null : round(png.ms),
        unit: 'ms',
        ...(png.ms === null && { text: png.note.startsWith('not available') ? 'not available yet' : 'failed' }),
        target: { op: '<', value: PNG_TARGET_MS },
        note: png.ms === null ? png.note : `${round((png.bytes ?? 0) / 1024)} KB; ${png.note}`,
      },
    ];
    return figures;
  },
};
