// Randomized convergence through the real server: three stock clients make seeded random edits
// with the src/doc mutation API, drop offline and come back, and must end identical to each
// other and to what the server stored. A failing seed is printed; pin it in PINNED_SEEDS.
//   CJM_FUZZ_SEEDS=500 CJM_FUZZ_FIRST_SEED=1000 npx vitest run tests/server/convergence.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as m from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { NOTE_KINDS, NOTE_STATUSES, QUOTE_SOURCES, SENTIMENTS, TOUCHPOINT_STATUSES } from '../../src/domain/types';
import type { RunningServer } from '../../server/server';
import {
  canonicalSnapshot,
  connectClient,
  createMap,
  removeTempDirs,
  sameStateVector,
  startTestServer,
  type TestClient,
} from './helpers';
import { mulberry32, type Random } from '../fixtures/random';

const SEEDS = Number(process.env.CJM_FUZZ_SEEDS ?? 50);
const FIRST_SEED = Number(process.env.CJM_FUZZ_FIRST_SEED ?? 1);
const OPERATIONS = 100;
const CLIENTS = 3;
/** Seeds run side by side on one server, each in its own map. */
const BATCH = 10;
/** Seeds that once failed, by the bug they caught. */
const PINNED_SEEDS: Record<string, number> = {};

const pick = <T>(rnd: Random, items: readonly T[]): T | undefined => items[Math.floor(rnd() * items.length)];
const rating = (rnd: Random) => (rnd() < 0.2 ? null : 1 + Math.floor(rnd() * 5));
const words = ['Call', 'Site', 'Chat', 'Visit', 'Email', 'Kiosk', 'App', 'Letter'];
const text = (rnd: Random) => `${pick(rnd, words)} ${Math.floor(rnd() * 1000)}`;

type Edit = (doc: Y.Doc, rnd: Random, voter: string) => void;

/** Weighted random edits; each does nothing when the doc lacks what it needs. */
const EDITS: [number, string, Edit][] = [
  [8, 'addTouchpoint', (doc, rnd) => {
    const s = readSnapshot(doc);
    const stage = pick(rnd, s.stages);
    const channel = pick(rnd, s.channels);
    if (stage && channel) m.addTouchpoint(doc, { stageId: stage.id, channelId: channel.id, title: text(rnd) });
  }],
  [5, 'updateTouchpoint', (doc, rnd) => {
    const tp = pick(rnd, readSnapshot(doc).touchpoints);
    if (!tp) return;
    m.updateTouchpoint(doc, tp.id, {
      ...(rnd() < 0.5 && { title: text(rnd) }),
      ...(rnd() < 0.4 && { status: pick(rnd, TOUCHPOINT_STATUSES)! }),
      ...(rnd() < 0.4 && { expectation: rating(rnd) }),
      ...(rnd() < 0.4 && { perception: rating(rnd) }),
    });
  }],
  [5, 'moveTouchpoints', (doc, rnd) => {
    const s = readSnapshot(doc);
    const moves = [pick(rnd, s.touchpoints), pick(rnd, s.touchpoints)]
      .filter((tp, i, all) => tp && all.indexOf(tp) === i)
      .map((tp) => ({
        id: tp!.id,
        stageId: pick(rnd, s.stages)?.id ?? tp!.stageId,
        channelId: pick(rnd, s.channels)?.id ?? tp!.channelId,
        index: Math.floor(rnd() * 4),
      }))
      .filter((mv) => s.stages.some((st) => st.id === mv.stageId) && s.channels.some((c) => c.id === mv.channelId));
    if (moves.length > 0) m.moveTouchpoints(doc, moves);
  }],
  [4, 'addNote', (doc, rnd) => {
    const tp = pick(rnd, readSnapshot(doc).touchpoints);
    if (tp) m.addNote(doc, tp.id, pick(rnd, NOTE_KINDS)!, text(rnd));
  }],
  [4, 'voteNote', (doc, rnd, voter) => {
    const note = pick(rnd, readSnapshot(doc).notes);
    if (note) m.voteNote(doc, note.id, voter, rnd() < 0.8 ? 1 : -1);
  }],
  [2, 'updateNote', (doc, rnd) => {
    const note = pick(rnd, readSnapshot(doc).notes);
    if (note) m.updateNote(doc, note.id, { status: pick(rnd, NOTE_STATUSES)!, text: text(rnd) });
  }],
  [1, 'deleteNote', (doc, rnd) => {
    const note = pick(rnd, readSnapshot(doc).notes);
    if (note) m.deleteNote(doc, note.id);
  }],
  [3, 'addQuote', (doc, rnd) => {
    const tp = pick(rnd, readSnapshot(doc).touchpoints);
    if (!tp) return;
    m.addQuote(doc, tp.id, {
      text: text(rnd),
      source: pick(rnd, QUOTE_SOURCES)!,
      sentiment: pick(rnd, SENTIMENTS)!,
      who: 'Customer',
      date: '2026-03-01',
      link: rnd() < 0.5 ? '' : 'https://example.com/review',
    });
  }],
  [2, 'addConnection', (doc, rnd) => {
    const s = readSnapshot(doc);
    const [a, b] = [pick(rnd, s.touchpoints), pick(rnd, s.touchpoints)];
    if (a && b) m.addConnection(doc, a.id, b.id);
  }],
  [2, 'deleteTouchpoints', (doc, rnd) => {
    const tp = pick(rnd, readSnapshot(doc).touchpoints);
    if (tp) m.deleteTouchpoints(doc, [tp.id]);
  }],
  [1, 'addLane', (doc, rnd) => {
    m.addLane(doc, rnd() < 0.5 ? 'stage' : 'channel', text(rnd), '#0ea5e9');
  }],
  [2, 'moveLane', (doc, rnd) => {
    const kind = rnd() < 0.5 ? 'stage' : 'channel';
    const lane = pick(rnd, kind === 'stage' ? readSnapshot(doc).stages : readSnapshot(doc).channels);
    if (lane) m.moveLane(doc, kind, lane.id, Math.floor(rnd() * 7));
  }],
  [1, 'renameLane', (doc, rnd) => {
    const lane = pick(rnd, readSnapshot(doc).stages);
    if (lane) m.renameLane(doc, 'stage', lane.id, text(rnd));
  }],
  [0.5, 'deleteLane', (doc, rnd) => {
    const kind = rnd() < 0.5 ? 'stage' : 'channel';
    const lane = pick(rnd, kind === 'stage' ? readSnapshot(doc).stages : readSnapshot(doc).channels);
    if (lane) m.deleteLane(doc, kind, lane.id);
  }],
  [1, 'setMapTitle', (doc, rnd) => m.setMapTitle(doc, text(rnd))],
];
const TOTAL_WEIGHT = EDITS.reduce((sum, [w]) => sum + w, 0);

function pickEdit(rnd: Random): [string, Edit] {
  let roll = rnd() * TOTAL_WEIGHT;
  for (const [weight, name, edit] of EDITS) {
    roll -= weight;
    if (roll < 0) return [name, edit];
  }
  return [EDITS[0]![1], EDITS[0]![2]];
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const identical = (a: Y.Doc, b: Y.Doc) =>
  sameStateVector(a, b) && JSON.stringify(canonicalSnapshot(a)) === JSON.stringify(canonicalSnapshot(b));

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

/** Polls until every client is synced and holds the same state as the first. */
const settle = (clients: TestClient[]) =>
  waitUntil(() => clients.every((c) => c.provider.synced && identical(clients[0]!.doc, c.doc)));

let server: RunningServer;

/** Runs one seed; resolves with a failure description, or null when everyone converged. */
async function runSeed(seed: number): Promise<string | null> {
  const rnd = mulberry32(seed);
  const mapId = await createMap(server.url, `Seed ${seed}`);
  const clients = Array.from({ length: CLIENTS }, () => connectClient(server.url, mapId));
  const log: string[] = [];
  try {
    if (!(await settle(clients))) return `seed ${seed}: clients never synced the new map`;
    for (let op = 0; op < OPERATIONS; op++) {
      const who = Math.floor(rnd() * CLIENTS);
      const client = clients[who]!;
      if (rnd() < 0.06) {
        // Drop offline or come back; edits made while offline sync on reconnect.
        if (client.provider.shouldConnect) client.provider.disconnect();
        else client.provider.connect();
        log.push(`${who}:${client.provider.shouldConnect ? 'connect' : 'disconnect'}`);
      } else {
        const [name, edit] = pickEdit(rnd);
        log.push(`${who}:${name}`);
        edit(client.doc, rnd, `voter-${who}`);
      }
      // Let frames cross now and then, so edits interleave with remote ones.
      const pause = rnd();
      if (pause < 0.03) await sleep(2);
      else if (pause < 0.3) await tick();
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    if (!(await settle(clients))) {
      return `seed ${seed}: clients differ after reconnecting (last ops: ${log.slice(-12).join(', ')})`;
    }
    // What the server stored, as a newcomer receives it once the room has left memory.
    const [first, ...others] = clients.splice(0);
    const reference = first!.doc;
    first!.provider.destroy();
    for (const c of others) c.destroy();
    const unloaded = await waitUntil(() => !server.loadedMapIds().includes(mapId));
    if (!unloaded) return `seed ${seed}: the room never went idle`;
    const fresh = connectClient(server.url, mapId);
    clients.push(fresh);
    const stored = await waitUntil(() => fresh.provider.synced && identical(reference, fresh.doc));
    reference.destroy();
    if (!stored) return `seed ${seed}: the map reloaded from disk differs from what the clients hold`;
    return null;
  } catch (error) {
    return `seed ${seed}: ${error instanceof Error ? error.stack : String(error)} (ops: ${log.join(', ')})`;
  } finally {
    for (const c of clients) c.destroy();
  }
}

beforeAll(async () => {
  // Dozens of providers at once each register a process 'exit' listener.
  process.setMaxListeners(0);
  // Tiny idle time and compaction threshold, so runs also reload rooms and fold logs mid-edit.
  server = await startTestServer({ idleUnloadMs: 5, compactAfter: 20 });
});
afterAll(async () => {
  await server.close();
  removeTempDirs();
});

describe('randomized convergence through the server', () => {
  it(`${SEEDS} seeds × ${OPERATIONS} operations × ${CLIENTS} clients converge`, async () => {
    const failures: string[] = [];
    for (let start = FIRST_SEED; start < FIRST_SEED + SEEDS; start += BATCH) {
      const seeds = Array.from({ length: Math.min(BATCH, FIRST_SEED + SEEDS - start) }, (_, i) => start + i);
      const results = await Promise.all(seeds.map(runSeed));
      failures.push(...results.filter((r): r is string => r !== null));
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  for (const [bug, seed] of Object.entries(PINNED_SEEDS)) {
    it(`regression: ${bug} (seed ${seed})`, async () => {
      expect(await runSeed(seed)).toBeNull();
    });
  }
});
