// End-to-end harness: the real server started the way `npm run serve` starts it (a child
// process serving the built dist/), and Debian's Chromium driven by playwright-core.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { PROJECT_ROOT as ROOT, spawnServer } from '../fixtures/serverProcess';

export { ROOT };
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');
const CHROMIUM = '/usr/bin/chromium';
const INSTALL_HINT = `Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`;

const isCI = process.env.CI === 'true';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (isCI) throw new Error(`${INSTALL_HINT} (CI=true: end-to-end tests cannot be skipped)`);
  console.warn(`${INSTALL_HINT}\nSkipping the end-to-end tests.`);
}

/** `describe` that skips the suite on a developer machine without Chromium (never in CI). */
export const describeE2E = describe.skipIf(!hasChromium);

export interface RunningApp {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server (e.g. AUTH_SECRET). */
  env?: Record<string, string>;
}

/** Starts the server from source on a free port with a fresh data folder, serving the built dist/. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  if (!existsSync(path.join(ROOT, 'dist/index.html'))) {
    throw new Error('dist/ is missing: run `npm run test:e2e`, which builds the app first.');
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cjm-e2e-'));
  const { child, url } = await spawnServer({
    env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...options.env },
    timeoutMs: 30_000,
  });
  await waitForHealth(url);

  return {
    url,
    dataDir,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/healthz did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    // SIGTERM lets the server write everything to disk first.
    child.kill('SIGTERM');
  });
}

export interface AppAndBrowser {
  /** Both are there from the block's beforeAll on. */
  readonly app: RunningApp;
  readonly browser: Browser;
  /** A fresh context on the app (empty IndexedDB and localStorage) with one page. */
  openPage(): Promise<TestPage>;
}

/** Call inside a `describeE2E` block: the app and a browser start before its tests and stop after them. */
export function useAppAndBrowser(options: StartOptions = {}): AppAndBrowser {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(options), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the app and the browser start in beforeAll');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get browser() {
      return started(browser);
    },
    openPage: () => openPage(started(browser), started(app).url),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors seen so far, to assert none happened. */
  errors: string[];
}

/** A fresh context (empty IndexedDB and localStorage) with one page, in English. */
export async function openPage(browser: Browser, baseURL: string): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1600, height: 1000 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  watchErrors(page, errors);
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

/** Records a page's uncaught errors, console errors and failed requests into `errors`. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    // A failed load is reported below with its address; the console line does not say which.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) errors.push(`http ${res.status()}: ${res.url()}`);
  });
}

/** Another page in an existing context (same IndexedDB and localStorage), watched into `errors`. */
export async function openPageIn(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  watchErrors(page, errors);
  page.setDefaultTimeout(15_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** `expect.poll` with a patience fit for a browser on a busy two-core machine. */
export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

// ---------------------------------------------------------------- steps on the map, as a person takes them

/** Readers for `poll`: an attribute, or the trimmed text. */
export const attr = (locator: Locator, name: string) => () => locator.getAttribute(name);
export const text = (locator: Locator) => () => locator.textContent().then((s) => s?.trim());

export const card = (page: Page, id: string) => page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${id}"]`);
export const cell = (page: Page, stageId: string, channelId: string) =>
  page.locator(`[data-testid="grid-cell"][data-stage-id="${stageId}"][data-channel-id="${channelId}"]`);

/**
 * The first map opened in a browser asks for the name colleagues will see: `name` answers it,
 * null is "Not now".
 */
export async function answerNameDialog(page: Page, name: string | null) {
  const dialog = page.getByTestId('name-dialog');
  if (name === null) {
    await dialog.getByTestId('name-cancel').click();
  } else {
    await dialog.waitFor();
    await dialog.getByTestId('name-input').fill(name);
    await dialog.getByTestId('name-save').click();
  }
  await dialog.waitFor({ state: 'detached' });
}

/** From the map list: a new map from the default template, the name dialog answered, its six stages and channels shown. */
export async function createMapFromTemplate(page: Page, title: string, name: string | null = null) {
  await page.goto('/');
  await page.getByTestId('map-list').waitFor();
  await page.getByTestId('new-map-title').fill(title);
  await page.getByTestId('new-map-template').click();
  await page.getByTestId('map-canvas').waitFor();
  await answerNameDialog(page, name);
  await poll(() => page.getByTestId('stage-header').count()).toBe(6);
  await poll(() => page.getByTestId('channel-header').count()).toBe(6);
}

/** The ids of the stages and channels, in the order the grid shows them. */
export async function laneIds(page: Page) {
  const ids = (testId: string, attribute: string) =>
    page.getByTestId(testId).evaluateAll((els, a) => els.map((el) => el.getAttribute(a)!), attribute);
  return { stages: await ids('stage-header', 'data-stage-id'), channels: await ids('channel-header', 'data-channel-id') };
}

/** Double-clicks an empty cell, names the new card in its panel (which opens) and returns its id. */
export async function addTouchpoint(page: Page, stageId: string, channelId: string, title: string): Promise<string> {
  const before = await page.getByTestId('touchpoint-card').count();
  await cell(page, stageId, channelId).dblclick({ position: { x: 30, y: 20 } });
  await poll(() => page.getByTestId('touchpoint-card').count()).toBe(before + 1);
  const created = page.locator(`[data-testid="touchpoint-card"][data-stage-id="${stageId}"][data-channel-id="${channelId}"]`).last();
  const id = (await created.getAttribute('data-touchpoint-id'))!;
  await page.getByTestId('touchpoint-panel').waitFor();
  await typeTitle(page, id, title);
  return id;
}

/** Clicks a card so the side panel shows it (it may show it already). */
export async function openCard(page: Page, id: string) {
  await card(page, id).getByTestId('tp-title').click();
  await page.getByTestId('touchpoint-panel').waitFor();
}

export async function renameTouchpoint(page: Page, id: string, title: string) {
  await openCard(page, id);
  await typeTitle(page, id, title);
}

/** Types the title into the open panel and waits until the card shows it. */
async function typeTitle(page: Page, id: string, title: string) {
  const field = page.getByTestId('touchpoint-panel').getByTestId('field-title');
  await field.fill(title);
  await field.press('Enter');
  await poll(text(card(page, id).getByTestId('tp-title'))).toBe(title);
}
