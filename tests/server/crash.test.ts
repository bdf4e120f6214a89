// Crash safety: three people edit without pause while the server process is killed (SIGKILL)
// at seeded random moments, 20 times, and restarted on the same data directory and port. After
// every restart, everything the server had relayed before it died must be stored; at the end
// the clients (which kept editing offline and reconnected on their own) and the stored map must
// be identical.
//   CJM_CRASH_SEED=42 npx vitest run tests/server/crash.test.ts
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addNote, addTouchpoint, updateTouchpoint } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import {
  canonicalSnapshot,
  ClientPool,
  connectClient,
  createMap,
  removeTempDirs,
  sameStateVector,
  tempDir,
  waitFor,
  waitSynced,
} from './helpers';
import { mulberry32 } from '../fixtures/random';
import { PROJECT_ROOT, SERVER_FROM_SOURCE, spawnServer } from '../fixtures/serverProcess';

const SEED = Number(process.env.CJM_CRASH_SEED ?? 20_260_301);
const KILLS = Number(process.env.CJM_CRASH_KILLS ?? 20);
const PEOPLE = 3;
const EDIT_EVERY_MS = 15;

const children: ChildProcess[] = [];
const clients = new ClientPool();
let bundleDir: string | null = null;

/**
 * The server's entry: bundled once with esbuild when it is installed (a restart then takes
 * ~0.4 s instead of ~1.4 s under tsx), otherwise run through tsx.
 */
async function serverCommand(): Promise<readonly string[]> {
  try {
    const esbuild = await import('esbuild');
    bundleDir = fs.mkdtempSync(path.join(PROJECT_ROOT, 'node_modules', '.cache-cjm-crash-'));
    const outfile = path.join(bundleDir, 'server.mjs');
    await esbuild.build({
      entryPoints: [path.join(PROJECT_ROOT, 'server/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'error',
    });
    return [outfile];
  } catch {
    return SERVER_FROM_SOURCE;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startChild(args: readonly string[], env: Record<string, string>): Promise<ChildProcess> {
  const { child } = await spawnServer({ args, env });
  children.push(child);
  return child;
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const noteTexts = (doc: Y.Doc) => readSnapshot(doc).notes.map((n) => n.text);

afterAll(() => {
  clients.destroyAll();
  for (const child of children) child.kill('SIGKILL');
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  removeTempDirs();
});

describe('crash safety', () => {
  it(`keeps everything it relayed across ${KILLS} SIGKILLs mid-stream (seed ${SEED})`, async () => {
    const rnd = mulberry32(SEED);
    const command = await serverCommand();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: tempDir(),
      STATIC_DIR: tempDir('cjm-static-'),
    };
    let child = await startChild(command, env);
    try {
      const mapId = await createMap(url, 'Crash test');
      const people = Array.from({ length: PEOPLE }, () => connectClient(url, mapId));
      clients.add(...people);
      await Promise.all(people.map((p) => waitSynced(p)));
      const snap = readSnapshot(people[0]!.doc);
      const cell = { stageId: snap.stages[0]!.id, channelId: snap.channels[0]!.id };
      // Every person writes notes on a card of their own (cheap edits), and now and then touches the card.
      const cards = people.map((p, i) => addTouchpoint(p.doc, { ...cell, title: `Card of ${i}` }));
      await waitFor(() => people.every((p) => readSnapshot(p.doc).touchpoints.length === PEOPLE), 'the cards everywhere');

      let n = 0;
      const editing = setInterval(() => {
        n++;
        people.forEach((p, i) => {
          addNote(p.doc, cards[i]!, 'fix', `${i}:${n}`);
          if (n % 10 === 0) updateTouchpoint(p.doc, cards[i]!, { title: `Card of ${i}, edit ${n}` });
        });
      }, EDIT_EVERY_MS);

      let checked = 0;
      for (let round = 1; round <= KILLS; round++) {
        await new Promise((resolve) => setTimeout(resolve, 80 + Math.floor(rnd() * 400)));
        await kill(child);
        // What each person received from others can only have come through the server.
        const relayed = new Set<string>();
        people.forEach((p, i) => {
          for (const text of noteTexts(p.doc)) if (!text.startsWith(`${i}:`)) relayed.add(text);
        });
        // Hold the people back until the audit: they would resend whatever the server lost.
        for (const p of people) p.provider.disconnect();

        child = await startChild(command, env);
        const auditor = connectClient(url, mapId);
        try {
          await waitSynced(auditor);
          const stored = new Set(noteTexts(auditor.doc));
          const lost = [...relayed].filter((text) => !stored.has(text));
          expect(lost, `round ${round}: relayed before the kill, missing after the restart`).toEqual([]);
          checked += relayed.size;
        } finally {
          auditor.destroy();
        }
        for (const p of people) p.provider.connect();
      }
      clearInterval(editing);
      expect(checked).toBeGreaterThan(KILLS * 10);

      // Everyone delivers what they wrote while the server was down; all end identical to the store.
      const fresh = connectClient(url, mapId);
      clients.add(fresh);
      await waitSynced(fresh);
      await waitFor(
        () => people.every((p) => p.provider.synced && sameStateVector(p.doc, people[0]!.doc)),
        'the people to converge',
        20_000,
      );
      await waitFor(() => sameStateVector(fresh.doc, people[0]!.doc), 'the store to hold everything', 20_000);
      const expected = canonicalSnapshot(people[0]!.doc);
      for (const other of [...people.slice(1), fresh]) expect(canonicalSnapshot(other.doc)).toEqual(expected);
      expect(expected.notes.length).toBe(PEOPLE * n);
    } catch (error) {
      console.error(`crash test failed with CJM_CRASH_SEED=${SEED}`);
      throw error;
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
