// End-to-end harness: the real server started the way `npm run serve` starts it (a child
// process serving the built dist/), and Debian's Chromium driven by playwright-core.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
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
