// Headless Chromium (Debian's, driven by playwright-core) against the built app served by the
// real server in a child process, with benchmark maps written into the server's database
// before it starts. Also the in-page probes: frame times, card counts and React renders.
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openSqliteStorage } from '../../../server/storage/sqlite';
import { listEntryOf } from '../../../server/rooms';
import { newMapId } from '../../../src/domain/ids';
import { ROOT } from './serverProcess';
import { tempDir } from './workspace';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
];
export const VIEWPORT = { width: 1440, height: 900 };
export const DIST = path.join(ROOT, 'dist');

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is missing: npm run bench builds it first');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A private copy of the built app, so a rebuild of dist/ by someone else cannot pull it from under the page. */
export function copyOfBuiltApp(): string {
  const dir = tempDir('dist');
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Writes maps straight into a data folder through the server's persistence module (server not running). */
export async function seedMaps(dataDir: string, docs: readonly Y.Doc[]): Promise<string[]> {
  const persistence = openSqliteStorage(dataDir);
  try {
    const ids: string[] = [];
    for (const doc of docs) {
      const id = newMapId();
      await persistence.createMap({ id, state: Y.encodeStateAsUpdate(doc), entry: listEntryOf(doc), now: Date.now() });
      ids.push(id);
    }
    return ids;
  } finally {
    await persistence.close();
  }
}

/**
 * Installed before the app's scripts run (plain JavaScript text: functions compiled by tsx may
 * not survive serialisation into the page). Collects requestAnimationFrame deltas while
 * `__bench.recordFrames` is on and the moment the touchpoint-card count last changed; and,
 * through the React DevTools hook that react-dom calls on every commit (production builds
 * too), how many touchpoint card components rendered while `__bench.countRenders` is on.
 *
 * A card component is the parent fiber of a host <div data-testid="touchpoint-card">. A card
 * fiber object that was not in the previous commit was either rendered or cloned on the way
 * to one that was; only rendered ones carry React's PerformedWork flag (1). Subtrees React
 * skipped keep the very same fiber objects, stale flags included, which the WeakSet catches.
 */
const PROBE_SOURCE = `(() => {
  // A named visitor, so the first-visit name dialog does not cover the canvas.
  try {
    if (!localStorage.getItem('cjm-studio.identity')) {
      localStorage.setItem('cjm-studio.identity', JSON.stringify({ id: 'benchViewer1', name: 'Bench viewer', color: '#2563eb' }));
    }
  } catch (e) {}
  const PERFORMED_WORK = 1, HOST_COMPONENT = 5;
  const bench = {
    recordFrames: false, frames: [], cardCount: 0, cardCountChangedAt: 0, watchCards: true,
    countRenders: false, cardRenders: 0, cardMounts: 0, commits: 0, lastRoot: null, previousCards: new WeakSet(),
  };
  window.__bench = bench;
  function cardFibers(root) {
    const cards = [];
    let node = root;
    while (node) {
      if (node.tag === HOST_COMPONENT && node.memoizedProps && node.memoizedProps['data-testid'] === 'touchpoint-card' && node.return) {
        cards.push(node.return);
      }
      if (node.child) { node = node.child; continue; }
      while (node && !node.sibling) { node = node.return; if (node === root) node = null; }
      node = node ? node.sibling : null;
    }
    return cards;
  }
  window.__benchSnapshotCards = function () {
    bench.previousCards = new WeakSet(bench.lastRoot ? cardFibers(bench.lastRoot.current) : []);
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    onScheduleFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      bench.commits++;
      bench.lastRoot = root;
      if (!bench.countRenders) return;
      const cards = cardFibers(root.current);
      for (const fiber of cards) {
        if (bench.previousCards.has(fiber)) continue;
        if (fiber.alternate === null) bench.cardMounts++;
        else if ((fiber.flags & PERFORMED_WORK) === PERFORMED_WORK) bench.cardRenders++;
      }
      bench.previousCards = new WeakSet(cards);
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
  // Milestones of the map's arrival: when the sync socket opened and when its biggest
  // message (the map's state, on first sync) arrived, before the app handles it.
  bench.socket = { createdAt: 0, openAt: 0, biggestAt: 0, biggestBytes: 0 };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      if (!bench.socket.createdAt) bench.socket.createdAt = performance.now();
      this.addEventListener('open', () => { if (!bench.socket.openAt) bench.socket.openAt = performance.now(); });
      this.addEventListener('message', (event) => {
        const bytes = event.data.byteLength || event.data.size || event.data.length || 0;
        if (bytes > bench.socket.biggestBytes) { bench.socket.biggestBytes = bytes; bench.socket.biggestAt = performance.now(); }
      });
    }
  };
  let last = 0;
  function onFrame(now) {
    if (bench.recordFrames && last > 0) bench.frames.push(now - last);
    last = now;
    if (bench.watchCards) {
      const count = document.querySelectorAll('[data-testid="touchpoint-card"]').length;
      // Not the frame's timestamp: after a long task that can predate the DOM change.
      if (count !== bench.cardCount) { bench.cardCount = count; bench.cardCountChangedAt = performance.now(); }
    }
    requestAnimationFrame(onFrame);
  }
  requestAnimationFrame(onFrame);
})();`;

export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE_SOURCE });
}

/** What the probe keeps on window.__bench (read with page.evaluate). */
export interface BenchProbe {
  recordFrames: boolean;
  frames: number[];
  cardCount: number;
  cardCountChangedAt: number;
  watchCards: boolean;
  countRenders: boolean;
  cardRenders: number;
  cardMounts: number;
  commits: number;
  socket: { createdAt: number; openAt: number; biggestAt: number; biggestBytes: number };
}

export type ProbeWindow = Window & { __bench: BenchProbe; __benchSnapshotCards: () => void };

export interface OpenedMap {
  /** 'server' when the app loaded the map from the server; 'indexeddb' when it had to be seeded locally. */
  source: 'server' | 'indexeddb';
}

const SEED_INDEXEDDB = `async ({ id, title, count, base64 }) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('cjm-studio');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['updates', 'maps'], 'readwrite');
    tx.objectStore('updates').add({ mapId: id, update: bytes });
    tx.objectStore('maps').put({ id, title, updatedAt: new Date().toISOString(), touchpointCount: count });
    tx.oncomplete = () => resolve(undefined);
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}`;

/**
 * Opens a map page. If the app does not know the map (a build whose map list is still
 * browser-only), the map is written into the page's IndexedDB cache the way the app stores it
 * and the page is loaded again, so the canvas can still be measured.
 */
export async function openMapPage(page: Page, baseUrl: string, mapId: string, doc: Y.Doc): Promise<OpenedMap> {
  await page.goto(`${baseUrl}/#/map/${mapId}`, { waitUntil: 'commit' });
  const outcome = await Promise.race([
    page.waitForSelector('[data-testid="touchpoint-card"]', { timeout: 120_000 }).then(() => 'cards' as const),
    page.waitForSelector('[data-testid="map-not-found"]', { timeout: 120_000 }).then(() => 'missing' as const),
  ]);
  if (outcome === 'cards') return { source: 'server' };
  const entry = listEntryOf(doc);
  await page.evaluate(`(${SEED_INDEXEDDB})(${JSON.stringify({
    id: mapId,
    title: entry.title,
    count: entry.touchpointCount,
    base64: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
  })})`);
  // A new query string makes it a real page load, not a hash change.
  await page.goto(`${baseUrl}/?seeded=${Date.now()}#/map/${mapId}`, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid="touchpoint-card"]', { timeout: 120_000 });
  return { source: 'indexeddb' };
}
