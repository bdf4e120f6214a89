// What `npm start` says about access: open mode stays on loopback and says so, other
// interfaces without a secret get a warning, and a guessable secret is refused.
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
    // The access line comes right after "running at".
    if (/running at[\s\S]*\n.*(Access|WARNING)[^\n]*\n/.test(output)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.once('exit', (exitCode) => resolve({ output, exitCode })));
}

describe('starting the server', () => {
  it('tells how it is protected, and warns when open to other machines', async () => {
    const secret = 'a long enough secret for tests';
    const [local, exposed, shared, weak] = await Promise.all([
      start({ HOST: '127.0.0.1', AUTH_SECRET: '' }),
      start({ HOST: '0.0.0.0', AUTH_SECRET: '' }),
      start({ HOST: '0.0.0.0', AUTH_SECRET: secret }),
      start({ AUTH_SECRET: 'short' }),
    ]);
    expect(local.output).toContain('Access: open (no AUTH_SECRET), so listening on 127.0.0.1 only');
    expect(local.output).not.toContain('WARNING');
    expect(exposed.output).toContain('WARNING: listening on 0.0.0.0 without AUTH_SECRET');
    expect(shared.output).toContain('Access: AUTH_SECRET is set');
    expect(shared.output).not.toContain(secret);
    expect(weak.exitCode).not.toBe(0);
    expect(weak.output).toContain('Cannot start CJM Studio: AUTH_SECRET must be at least 16 characters long');
    expect(weak.output).not.toMatch(/\bat \S+ \(/);
  }, 30_000);
});
