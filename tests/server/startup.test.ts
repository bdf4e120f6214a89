// What `npm start` says about access: open mode stays on loopback and says so, other
// interfaces without a secret get a warning, a guessable secret is refused, and which host
// names it answers to (with how to add one).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './helpers';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

afterAll(() => removeTempDirs());

/** Starts server/main.ts, collects its output until it is running (then stops it) or exits. */
function start(env: Record<string, string>): Promise<{ output: string; exitCode: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', DATA_DIR: tempDir(), STATIC_DIR: tempDir('cjm-static-'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    // The access line comes right after "running at", the host names line last.
    if (/running at[\s\S]*\n.*(Access|WARNING)[\s\S]*\nHost names:[^\n]*\n/.test(output)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // A server that never prints what is expected must not outlive the test.
  const stop = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (exitCode) => {
      clearTimeout(stop);
      resolve({ output, exitCode });
    }),
  );
}

describe('starting the server', () => {
  it('tells how it is protected, and warns when open to other machines', async () => {
    const secret = 'a long enough secret for tests';
    const [local, exposed, shared, weak, badHosts] = await Promise.all([
      start({ HOST: '127.0.0.1', AUTH_SECRET: '' }),
      start({ HOST: '0.0.0.0', AUTH_SECRET: '', ALLOWED_HOSTS: 'cjm.lan' }),
      start({ HOST: '0.0.0.0', AUTH_SECRET: secret, PUBLIC_URL: 'https://cjm.example.com' }),
      start({ AUTH_SECRET: 'short' }),
      start({ ALLOWED_HOSTS: 'http://cjm.lan/' }),
    ]);
    expect(local.output).toContain('Access: open (no AUTH_SECRET), so listening on 127.0.0.1 only');
    expect(local.output).not.toContain('WARNING');
    expect(exposed.output).toContain('WARNING: listening on 0.0.0.0 without AUTH_SECRET');
    expect(shared.output).toContain('Access: AUTH_SECRET is set');
    expect(shared.output).not.toContain(secret);
    expect(weak.exitCode).not.toBe(0);
    expect(weak.output).toContain('Cannot start CJM Studio: AUTH_SECRET must be at least 16 characters long');
    expect(weak.output).not.toMatch(/\bat \S+ \(/);

    // Which names it answers to (DNS rebinding), and how to add one.
    expect(local.output).toContain('Host names: IP addresses and localhost names only.');
    expect(local.output).toContain('add the name to ALLOWED_HOSTS');
    expect(exposed.output).toContain('Host names: IP addresses, localhost names and cjm.lan.');
    expect(shared.output).toContain('Host names: IP addresses, localhost names and cjm.example.com.');
    expect(badHosts.exitCode).not.toBe(0);
    expect(badHosts.output).toContain('Cannot start CJM Studio: ALLOWED_HOSTS must be comma-separated host names');
  }, 30_000);
});
