// One server per data folder, and a folder the server cannot use said in one line. Two servers
// on one DATA_DIR would each keep their own rooms and overwrite each other's edits; the second
// must refuse to start. The lock is one the OS drops with the process, so a server killed with
// SIGKILL never blocks its restart. Real server processes, started as `npm run serve` does.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, SERVER_FROM_SOURCE, spawnServer } from '../fixtures/serverProcess';
import { api, createMap, removeTempDirs, tempDir } from './helpers';

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => removeTempDirs());

const envFor = (dataDir: string) => ({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: tempDir('cjm-static-') });

/** Starts the server and waits for it to exit by itself; what it printed and its exit code. */
function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, SERVER_FROM_SOURCE, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.once('exit', () => resolve()));

const linesOf = (output: string) => output.split('\n').filter((line) => line.trim() !== '');

describe('the data folder', () => {
  it('refuses a second server on the same folder, and a SIGKILLed server never blocks the next start', async () => {
    const dataDir = tempDir();
    const env = envFor(dataDir);
    const first = await spawnServer({ env, timeoutMs: 60_000 });
    children.push(first.child);
    const mapId = await createMap(first.url, 'Kept');

    const second = await runUntilExit(env);
    expect(second.code).not.toBe(0);
    const lines = linesOf(second.output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toMatch(/in use by another/);
    // The first one was not disturbed.
    expect((await api(first.url, 'GET', `/api/maps/${mapId}`)).status).toBe(200);

    first.child.kill('SIGKILL');
    await exited(first.child);
    const third = await spawnServer({ env, timeoutMs: 60_000 });
    children.push(third.child);
    expect((await api(third.url, 'GET', `/api/maps/${mapId}`)).body).toMatchObject({ id: mapId, title: 'Kept' });
  }, 120_000);

  it('says in one line, naming the folder, when the folder cannot be created', async () => {
    const parent = tempDir();
    const blocker = path.join(parent, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const dataDir = path.join(blocker, 'data');

    const run = await runUntilExit(envFor(dataDir));
    expect(run.code).not.toBe(0);
    const lines = linesOf(run.output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(run.output).not.toMatch(/^\s+at /m);
  }, 60_000);

  // Root writes through any permission bits, so a read-only folder can only be shown to others.
  it.skipIf(process.getuid?.() === 0)('says in one line, naming the folder, when the folder is read-only', async () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o555);
    try {
      const run = await runUntilExit(envFor(dataDir));
      expect(run.code).not.toBe(0);
      const lines = linesOf(run.output);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(dataDir);
      expect(run.output).not.toMatch(/^\s+at /m);
    } finally {
      fs.chmodSync(dataDir, 0o755);
    }
  }, 60_000);
});
