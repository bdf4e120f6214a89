// Issue 18, as a facilitator meets it: she opens a map once online; the Wi-Fi goes, she reloads
// the page and the app still starts, lists her maps, takes a new card and a new map, warns her
// before closing a tab with unsynced work, and once the network is back the server has it all.
// And a deploy of a new build while a page is open offers a reload into it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseMapJson } from '../../src/domain/format';
import {
  addTouchpoint,
  attr,
  card,
  createMapFromTemplate,
  describeE2E,
  laneIds,
  openPage,
  openPageIn,
  poll,
  ROOT,
  screenshot,
  startApp,
  text,
  useAppAndBrowser,
  launchBrowser,
  type RunningApp,
} from './harness';

const connection = (page: Page) => page.getByTestId('connection-state');
const mapIdOf = (page: Page) => /#\/map\/([\w-]{22})$/.exec(page.url())![1]!;
const rowOf = (page: Page, mapId: string) => page.locator(`[data-testid="map-row"][data-map-id="${mapId}"]`);

/** Resolves once the offline app shell (the service worker) serves this page. */
async function shellInstalled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** What this browser's IndexedDB holds for a map, as text (titles are plain UTF-8 in Yjs updates). */
function cachedText(page: Page, mapId: string): Promise<string> {
  return page.evaluate(
    (id) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('cjm-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('updates').objectStore('updates').index('mapId').getAll(id);
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            db.close();
            resolve((read.result as { update: Uint8Array }[]).map((row) => new TextDecoder().decode(row.update)).join(''));
          };
        };
      }),
    mapId,
  );
}

async function serverExport(app: RunningApp, mapId: string): Promise<string> {
  const res = await fetch(`${app.url}/api/maps/${mapId}/export.json`);
  return res.ok ? res.text() : `HTTP ${res.status}`;
}

describeE2E('offline', () => {
  const e2e = useAppAndBrowser();

  it('online once, then offline: the app starts, lists its maps, takes edits, and the server gets them back online', async () => {
    const { context, page, errors } = await e2e.openPage();

    // ---- online once: a map from the template; the app shell installs itself
    await createMapFromTemplate(page, 'Mortgage journey', 'Olga');
    await poll(attr(connection(page), 'data-synced')).toBe('true');
    const mapId = mapIdOf(page);
    const { stages, channels } = await laneIds(page);
    await shellInstalled(page);

    // ---- offline, and the page is reloaded: the app starts and shows the map
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('map-canvas').waitFor();
    await poll(() => page.getByTestId('stage-header').count()).toBe(6);
    await poll(attr(connection(page), 'data-status')).toBe('offline');
    // The API is never answered from the app shell's cache.
    expect(await page.evaluate(() => fetch('/api/maps').then(() => 'answered', () => 'failed'))).toBe('failed');

    // ---- a new card offline; closing the tab now asks first
    const chat = await addTouchpoint(page, stages[2]!, channels[2]!, 'Chat with support');
    await poll(() => page.getByTestId('pending-changes').textContent().then(Number)).toBeGreaterThanOrEqual(1);
    await poll(() => cachedText(page, mapId)).toContain('Chat with support');
    // The way out when the server stays away: a file of this browser's copy, which import reads.
    await connection(page).click();
    await page.getByTestId('connection-popover').waitFor();
    await screenshot(page, 'offline-connection-popover');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-local-copy').click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const parsed = parseMapJson(readFileSync((await download.path())!, 'utf8'));
    expect(parsed.ok && parsed.value.snapshot.touchpoints.map((tp) => tp.title)).toEqual(['Chat with support']);
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.accept().then(() => resolve(dialog.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');

    // ---- a new page, still offline: the list shows the map with its unsynced mark
    const list = await openPageIn(context, errors);
    await list.goto('/');
    await list.getByTestId('list-offline').waitFor();
    await poll(text(rowOf(list, mapId).getByTestId('map-row-title'))).toBe('Mortgage journey');
    await poll(text(rowOf(list, mapId).getByTestId('map-row-unsynced'))).toMatch(/changes? not yet synced/);

    // ---- a map created offline
    await list.getByTestId('new-map-title').fill('Offline workshop');
    await list.getByTestId('new-map-template').click();
    await list.getByTestId('map-canvas').waitFor();
    await poll(() => list.getByTestId('stage-header').count()).toBe(6);
    const createdId = mapIdOf(list);
    await list.getByTestId('back-to-list').click();
    await poll(text(rowOf(list, createdId).getByTestId('map-row-unsynced'))).toBe('Created offline, not on the server yet');
    await list.setViewportSize({ width: 1100, height: 720 });
    await list.getByTestId('storage-note').waitFor();
    await screenshot(list, 'offline-list');

    // ---- the first map opens from this browser's copy, with the card
    await rowOf(list, mapId).getByTestId('map-row-title').click();
    await poll(text(card(list, chat).getByTestId('tp-title'))).toBe('Chat with support');
    expect(await serverExport(e2e.app, mapId)).not.toContain('Chat with support');

    // ---- the network is back: the card reaches the server and the marks clear
    await context.setOffline(false);
    await poll(attr(connection(list), 'data-synced')).toBe('true');
    await poll(() => list.getByTestId('pending-changes').count()).toBe(0);
    await poll(() => serverExport(e2e.app, mapId)).toContain('Chat with support');

    // The map made offline was never opened online: the list sends it on its own.
    await list.getByTestId('back-to-list').click();
    const createdOnServer = async () => {
      const file = JSON.parse(await serverExport(e2e.app, createdId).catch(() => '{}')) as { map?: { title: string }; stages?: unknown[] };
      return { title: file.map?.title, stages: file.stages?.length };
    };
    await poll(createdOnServer).toEqual({ title: 'Offline workshop', stages: 6 });
    await poll(() => list.getByTestId('map-row-unsynced').count()).toBe(0);

    // ---- the browser clears its copy of a map: the server's copy shows, and the person is told
    await list.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cjm-studio');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('updates', 'readwrite');
            const rows = tx.objectStore('updates').index('mapId').openCursor(id);
            rows.onsuccess = () => {
              rows.result?.delete();
              rows.result?.continue();
            };
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
          };
        }),
      mapId,
    );
    expect(await cachedText(list, mapId)).toBe('');
    await rowOf(list, mapId).getByTestId('map-row-title').click();
    await list.getByTestId('cache-unreadable').waitFor();
    await poll(text(card(list, chat).getByTestId('tp-title'))).toBe('Chat with support');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describeE2E('a new build deployed while a page is open', () => {
  // The server serves a folder of our own, so the test can put the next build in its place.
  let served = '';
  let nextBuild = '';
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    served = mkdtempSync(path.join(os.tmpdir(), 'cjm-served-'));
    nextBuild = mkdtempSync(path.join(os.tmpdir(), 'cjm-next-'));
    cpSync(path.join(ROOT, 'dist'), served, { recursive: true });
    // The next build: the same sources under another build name, so its files differ.
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--configLoader', 'runner', '--outDir', nextBuild, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      env: { ...process.env, CJM_BUILD: 'next-build' },
      stdio: 'inherit',
    });
    [app, browser] = await Promise.all([startApp({ env: { STATIC_DIR: served } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(served, { recursive: true, force: true });
    rmSync(nextBuild, { recursive: true, force: true });
  });

  /** Deploys: the served folder now holds the next build, and only it. */
  function deployNextBuild() {
    for (const entry of readdirSync(served)) rmSync(path.join(served, entry), { recursive: true, force: true });
    mkdirSync(served, { recursive: true });
    cpSync(nextBuild, served, { recursive: true });
  }

  it('offers a reload, and the page then runs the new build', async () => {
    // The worker itself is always asked of the server, so a deploy is seen at the next check.
    const worker = await fetch(`${app!.url}/sw.js`);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);

    const { context, page, errors } = await openPage(browser!, app!.url);
    await page.goto('/');
    await page.getByTestId('map-list').waitFor();
    await shellInstalled(page);
    const first = await page.evaluate(() => document.documentElement.dataset.build);
    expect(first).not.toBe('next-build');
    // A first install is no update.
    expect(await page.getByTestId('update-prompt').count()).toBe(0);

    deployNextBuild();
    // The browser checks on its own at every start and every half hour; here, at once.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await page.getByTestId('update-prompt').waitFor();
    // Until the person says so, the page keeps running the build it started with.
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe(first);
    await page.setViewportSize({ width: 1100, height: 720 });
    await screenshot(page, 'update-prompt');

    await page.getByTestId('update-reload').click();
    await poll(() => page.evaluate(() => document.documentElement.dataset.build).catch(() => null)).toBe('next-build');
    await page.getByTestId('map-list').waitFor();
    expect(await page.getByTestId('update-prompt').count()).toBe(0);

    // And the new build is what starts offline now.
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('map-list').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe('next-build');

    expect(errors).toEqual([]);
    await context.close();
  });
});
