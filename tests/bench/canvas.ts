// Benchmark 1: the canvas in headless Chromium against the built app served by the real server.
// Generated maps of 500, 2,000 and 5,000 touchpoints (8 stages × 10 channels, 3 notes, 1 quote
// and 1.25 connections per touchpoint) are written into the server's database; each is opened
// in a fresh browser context. Figures: navigation to the last card painted, frame times while
// panning and zooming for 5 s, one remote title edit (renders of card components, time until
// the new title is in the DOM), and the JS heap after load.
import type { Browser, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { updateTouchpoint } from '../../src/doc/mutations';
import type { Benchmark, Figure } from './types';
import { bigMapDoc } from './lib/bigMap';
import { copyOfBuiltApp, launchBrowser, installProbe, openMapPage, seedMaps, VIEWPORT, type ProbeWindow } from './lib/browser';
import { connectClient } from './lib/clients';
import { startServerProcess, type ServerProcess } from './lib/serverProcess';
import { median, onVsyncGrid, percentile, round, sleep, VSYNC_MS, waitFor } from './lib/stats';
import { tempDir } from './lib/workspace';

/** The targets' 60 fps budget: frames are judged on the display's refresh grid (onVsyncGrid). */
const FRAME_BUDGET_MS = 16.7;
const SETTLE_MS = 1000;
const FIRST_RENDER_LOADS = 5;

interface LoadMilestones {
  /** The map list request (the page checks the map exists before it opens the socket). */
  listDoneMs: number | null;
  socketOpenMs: number;
  stateReceivedMs: number;
  stateBytes: number;
  /** How the map arrived: fetched early over HTTP (a first visit), or in the socket's first sync. */
  stateOver: 'HTTP' | 'socket';
  /** When the session had applied the fetched state (the app's map:apply-state measure). */
  stateAppliedMs: number | null;
}

interface SizeResult {
  touchpoints: number;
  source: 'server' | 'indexeddb';
  /** Median of FIRST_RENDER_LOADS fresh pages. */
  firstRenderMs: number;
  firstRenderLoads: number[];
  milestones: LoadMilestones;
  cardsRendered: number;
  heapMb: number;
  frames: { p50: number; p95: number; rawP95: number; over: number; count: number };
  edit: { renders: number; mounts: number; titleMs: number } | null;
}

/** Waits until the number of cards has not changed for SETTLE_MS; returns when it last changed. */
export async function settledRender(page: Page): Promise<{ at: number; cards: number }> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await page.evaluate(() => {
      const b = (window as unknown as ProbeWindow).__bench;
      return { at: b.cardCountChangedAt, cards: b.cardCount, now: performance.now() };
    });
    if (state.cards > 0 && state.now - state.at > SETTLE_MS) return state;
    if (Date.now() > deadline) throw new Error('the canvas never settled');
    await sleep(100);
  }
}

/** A point on the canvas where a press pans (no card, header, edge or control under it). */
async function panPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((size) => {
    for (let y = 0.2; y < 0.95; y += 0.05) {
      for (let x = 0.05; x < 0.95; x += 0.03) {
        const px = Math.round(size.width * x);
        const py = Math.round(size.height * y);
        const el = document.elementFromPoint(px, py);
        if (!el || !el.closest('.react-flow')) continue;
        if (
          el.closest(
            '.react-flow__node-touchpoint, .react-flow__node-stageHeader, .react-flow__node-channelHeader, ' +
              '.react-flow__panel, .react-flow__minimap, .react-flow__controls, .react-flow__edge, button, input, select',
          )
        ) {
          continue;
        }
        return { x: px, y: py };
      }
    }
    return null;
  }, VIEWPORT);
  return point ?? { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 };
}

/**
 * Drags and wheels over the canvas for `ms`: a cycle is a drag there and back, then zooming in
 * and out around the centre, so the view comes back to where it started every cycle and stays
 * on the map (a drag back made at another zoom would not undo the first one).
 */
export async function panAndZoom(page: Page, ms: number): Promise<void> {
  const box = (await page.locator('.react-flow').first().boundingBox()) ?? { x: 0, y: 0, ...VIEWPORT };
  const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const end = Date.now() + ms;
  let from = await panPoint(page);
  for (let phase = 0; Date.now() < end; phase++) {
    const forward = phase % 4 === 0 || phase % 4 === 2;
    if (phase % 4 < 2) {
      // The drag back starts where the drag there ended, over the same piece of the map.
      if (forward) from = await panPoint(page);
      const start = forward ? from : { x: from.x + 240, y: from.y + 120 };
      const to = forward ? { x: from.x + 240, y: from.y + 120 } : from;
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 30 });
      await page.mouse.up();
    } else {
      await page.mouse.move(center.x, center.y);
      for (let i = 0; i < 8 && Date.now() < end; i++) {
        await page.mouse.wheel(0, forward ? -120 : 120);
        await sleep(40);
      }
    }
  }
}

export async function measureFrames(page: Page, ms: number) {
  await page.evaluate(() => {
    const b = (window as unknown as ProbeWindow).__bench;
    b.watchCards = false;
    b.frames = [];
    b.recordFrames = true;
  });
  await panAndZoom(page, ms);
  const frames = await page.evaluate(() => {
    const b = (window as unknown as ProbeWindow).__bench;
    b.recordFrames = false;
    return b.frames;
  });
  const refreshes = frames.map(onVsyncGrid);
  return {
    p50: percentile(refreshes, 50),
    p95: percentile(refreshes, 95),
    rawP95: percentile(frames, 95),
    // Missed at least one refresh.
    over: refreshes.filter((f) => f > VSYNC_MS).length,
    count: frames.length,
  };
}

/** A colleague renames one visible touchpoint from a Node y-websocket client. */
async function measureRemoteEdit(page: Page, server: ServerProcess, mapId: string) {
  const client = connectClient(server.wsUrl, mapId);
  try {
    await waitFor(() => client.provider.synced, 'the remote client to sync', 120_000);
    const id = await page.evaluate(() => {
      const b = (window as unknown as ProbeWindow).__bench;
      b.watchCards = false;
      return document.querySelector('[data-testid="touchpoint-card"]')?.getAttribute('data-touchpoint-id') ?? null;
    });
    if (!id) throw new Error('no card on screen to edit');
    const title = `Renamed by a colleague ${Date.now()}`;
    await page.evaluate(
      ({ id, title }) => {
        const w = window as unknown as ProbeWindow & { __benchTitleAt: number };
        w.__benchTitleAt = 0;
        w.__benchSnapshotCards();
        w.__bench.cardRenders = 0;
        w.__bench.cardMounts = 0;
        w.__bench.countRenders = true;
        // Zoomed out, a big map draws cards as tiles that carry the title only as a tooltip.
        const watch = new MutationObserver(() => {
          const card = document.querySelector(`[data-testid="touchpoint-card"][data-touchpoint-id="${id}"]`);
          const shown =
            card?.querySelector('[data-testid="tp-title"]')?.textContent === title || card?.getAttribute('title') === title;
          if (w.__benchTitleAt === 0 && shown) {
            w.__benchTitleAt = performance.timeOrigin + performance.now();
            watch.disconnect();
          }
        });
        watch.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title'] });
      },
      { id, title },
    );
    const sentAt = performance.timeOrigin + performance.now();
    updateTouchpoint(client.doc, id, { title });
    let shownAt = 0;
    const deadline = Date.now() + 15_000;
    while (shownAt === 0 && Date.now() < deadline) {
      shownAt = await page.evaluate(() => (window as unknown as { __benchTitleAt: number }).__benchTitleAt);
      if (shownAt === 0) await sleep(5);
    }
    if (shownAt === 0) throw new Error('the remote title never appeared');
    // Commits that follow the one showing the title still count.
    await sleep(500);
    const counts = await page.evaluate(() => {
      const b = (window as unknown as ProbeWindow).__bench;
      b.countRenders = false;
      return { renders: b.cardRenders, mounts: b.cardMounts };
    });
    return { ...counts, titleMs: shownAt - sentAt };
  } finally {
    client.destroy();
  }
}

async function measureSize(
  browser: Browser,
  server: ServerProcess,
  mapId: string,
  doc: Y.Doc,
  touchpoints: number,
  frameMs: number,
): Promise<SizeResult> {
  // One load varies ±15 % on this machine: the first render is the median of five fresh pages
  // (nobody edits the map in between); the last page goes on to the frames and the edit.
  const earlier: number[] = [];
  for (let i = 1; i < FIRST_RENDER_LOADS; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      await installProbe(page);
      await openMapPage(page, server.url, mapId, doc);
      earlier.push((await settledRender(page)).at);
    } finally {
      await context.close();
    }
  }
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await installProbe(page);
    const opened = await openMapPage(page, server.url, mapId, doc);
    const render = await settledRender(page);
    const loads = [...earlier, render.at];
    const milestones = await page.evaluate((): LoadMilestones => {
      const b = (window as unknown as ProbeWindow).__bench;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const list = resources.find((r) => new URL(r.name).pathname === '/api/maps');
      // A first visit gets the map over HTTP before the socket opens (src/sync/earlyState.ts).
      const early = resources.find((r) => new URL(r.name).pathname.endsWith('/state'));
      const applied = performance.getEntriesByName('map:apply-state')[0];
      return {
        listDoneMs: list ? list.responseEnd : null,
        socketOpenMs: b.socket.openAt,
        stateReceivedMs: early ? early.responseEnd : b.socket.biggestAt,
        stateBytes: early ? early.decodedBodySize : b.socket.biggestBytes,
        stateOver: early ? 'HTTP' : 'socket',
        stateAppliedMs: applied ? applied.startTime + applied.duration : null,
      };
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN,
    );
    const frames = await measureFrames(page, frameMs);
    const edit = opened.source === 'server' ? await measureRemoteEdit(page, server, mapId) : null;
    return {
      touchpoints,
      source: opened.source,
      firstRenderMs: median(loads),
      firstRenderLoads: loads,
      milestones,
      cardsRendered: render.cards,
      heapMb: heap / 1024 / 1024,
      frames,
      edit,
    };
  } finally {
    await context.close();
  }
}

function milestoneNote(m: LoadMilestones): string {
  const list = m.listDoneMs === null ? '' : `map list at ${Math.round(m.listDoneMs)} ms, `;
  const applied = m.stateAppliedMs === null ? '' : `, applied at ${Math.round(m.stateAppliedMs)} ms`;
  return `${list}map state (${round(m.stateBytes / 1024 / 1024, 1)} MB, over ${m.stateOver}) at ${Math.round(m.stateReceivedMs)} ms${applied}, socket open at ${Math.round(m.socketOpenMs)} ms`;
}

function figuresFor(r: SizeResult): Figure[] {
  const n = r.touchpoints;
  const local = r.source === 'indexeddb' ? '; map read from IndexedDB: this build of the app does not load maps from the server' : '';
  const figures: Figure[] = [
    {
      key: `canvas.${n}.firstRenderMs`,
      name: `canvas ${n} tp: navigation to all visible cards painted`,
      value: Math.round(r.firstRenderMs),
      unit: 'ms',
      ...(n === 2000 && { target: { op: '<', value: 1500 } }),
      note: `median of ${r.firstRenderLoads.length} fresh pages (${r.firstRenderLoads.map((ms) => Math.round(ms)).join(' / ')} ms); ${r.cardsRendered} cards in the DOM; last page: ${milestoneNote(r.milestones)}${local}`,
    },
    {
      key: `canvas.${n}.frameP50Ms`,
      name: `canvas ${n} tp: pan/zoom frame p50`,
      value: round(r.frames.p50, 2),
      unit: 'ms',
    },
    {
      key: `canvas.${n}.frameP95Ms`,
      name: `canvas ${n} tp: pan/zoom frame p95`,
      value: round(r.frames.p95, 2),
      unit: 'ms',
      ...(n === 2000 && { target: { op: '<', value: FRAME_BUDGET_MS } }),
      ...(n === 5000 && { target: { op: '<', value: 33 } }),
      note: `${r.frames.over} of ${r.frames.count} frames missed a 60 Hz refresh; rAF deltas on the refresh grid (raw p95 ${round(r.frames.rawP95)} ms)`,
    },
    {
      key: `canvas.${n}.remoteEditRenders`,
      name: `canvas ${n} tp: card renders for one remote edit`,
      value: r.edit ? r.edit.renders : null,
      unit: 'cards',
      ...(n === 2000 && { target: { op: '=', value: 1 } }),
      note: r.edit ? `${r.edit.mounts} cards mounted` : 'not measurable: the app is not connected to the server',
    },
    {
      key: `canvas.${n}.remoteEditMs`,
      name: `canvas ${n} tp: remote edit until title in DOM`,
      value: r.edit ? round(r.edit.titleMs) : null,
      unit: 'ms',
      note: r.edit ? 'Node client → server → browser' : 'not measurable: the app is not connected to the server',
    },
    { key: `canvas.${n}.heapMb`, name: `canvas ${n} tp: JS heap after load`, value: round(r.heapMb), unit: 'MB' },
  ];
  return figures;
}

export const canvasBenchmark: Benchmark = {
  name: 'canvas',
  description: 'Canvas in headless Chromium: first render, pan/zoom frames, one remote edit, heap (500/2,000/5,000 touchpoints)',
  async run(options) {
    const sizes = options.quick ? [500] : [500, 2000, 5000];
    const frameMs = options.quick ? 2000 : 5000;
    const dataDir = tempDir('canvas');
    const docs = sizes.map((n) => bigMapDoc(n));
    const mapIds = await seedMaps(dataDir, docs);
    const server = await startServerProcess('ours', { dataDir, staticDir: copyOfBuiltApp() });
    // Maps written straight into the database have no list figures yet; the first list request
    // computes them once. That is not what opening a map costs, so it happens here, timed apart.
    const listStart = performance.now();
    await fetch(`${server.url}/api/maps`).then((r) => r.text());
    options.log(`  first map list after seeding: ${Math.round(performance.now() - listStart)} ms`);
    const browser = await launchBrowser();
    const figures: Figure[] = [];
    try {
      for (const [i, n] of sizes.entries()) {
        const result = await measureSize(browser, server, mapIds[i]!, docs[i]!, n, frameMs);
        options.log(
          `  ${n} touchpoints (${result.source}): first render ${Math.round(result.firstRenderMs)} ms (median of ${result.firstRenderLoads.map((ms) => Math.round(ms)).join(' / ')}; ${result.cardsRendered} cards; ` +
            `${milestoneNote(result.milestones)}), ` +
            `heap ${round(result.heapMb)} MB, frames p50 ${round(result.frames.p50)} / p95 ${round(result.frames.p95)} ms ` +
            `(${result.frames.over}/${result.frames.count} missed a refresh; raw p95 ${round(result.frames.rawP95)} ms)` +
            (result.edit
              ? `, remote edit: ${result.edit.renders} card render(s), ${result.edit.mounts} mount(s), title after ${round(result.edit.titleMs)} ms`
              : ''),
        );
        figures.push(...figuresFor(result));
      }
    } finally {
      await browser.close();
      await server.stop();
      for (const doc of docs) doc.destroy();
    }
    return figures;
  },
};
