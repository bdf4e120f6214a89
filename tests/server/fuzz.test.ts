// Fuzzing the sync endpoint: thousands of random and mutated frames (random bytes, truncated
// frames and varints, unknown message types, huge lengths, mutated real updates, valid updates
// built for other documents, garbage presence) from several connections to one map, while
// people edit other maps and the same one. The server must stay up, the other maps must keep
// syncing, and the fuzzed map must still load from disk afterwards.
//   CJM_SYNC_FUZZ_SEED=123 CJM_SYNC_FUZZ_FRAMES=20000 npx vitest run tests/server/fuzz.test.ts
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addNote, addTouchpoint } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import type { Logger } from '../../server/log';
import { openSqliteStorage } from '../../server/storage/sqlite';
import type { RunningServer } from '../../server/server';
import {
  api,
  canonicalSnapshot,
  ClientPool,
  connectClient,
  createMap,
  openRawPeer,
  removeTempDirs,
  sameStateVector,
  startTestServer,
  tempDir,
  waitFor,
  waitSynced,
  wsUrlOf,
  type RawPeer,
} from './helpers';
import { mulberry32, type Random } from '../fixtures/random';

const SEED = Number(process.env.CJM_SYNC_FUZZ_SEED ?? 7_301);
const FRAMES = Number(process.env.CJM_SYNC_FUZZ_FRAMES ?? 3000);
const FUZZERS = 4;
const QUERY_PRESENCE = new Uint8Array([3]);

const int = (rnd: Random, max: number) => Math.floor(rnd() * max);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[int(rnd, items.length)]!;
const bytes = (rnd: Random, n: number) => Uint8Array.from({ length: n }, () => int(rnd, 256));

const encode = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
};
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const raw = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b);
const withLength = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);

const HUGE = [2 ** 31 - 1, 2 ** 32, 2 ** 40, Number.MAX_SAFE_INTEGER, 5 * 1024 * 1024 + 1];
const ROOTS = ['meta', 'stages', 'channels', 'touchpoints', 'connections', 'notes', 'quotes', 'elsewhere'];

/** A valid Yjs update from a stranger document: random roots, types and content. */
function foreignUpdate(rnd: Random): Uint8Array {
  const doc = new Y.Doc();
  let since: Uint8Array | null = null;
  const kinds = new Map<string, number>();
  const steps = 1 + int(rnd, 6);
  for (let i = 0; i < steps; i++) {
    // Sometimes send only the later part: an update whose dependencies the server never saw.
    if (i === 1 && rnd() < 0.3) since = Y.encodeStateVector(doc);
    const name = pick(rnd, ROOTS);
    const value = () => pick(rnd, [
      () => 'text '.repeat(int(rnd, 20)),
      () => int(rnd, 1e9),
      () => null,
      () => ({ nested: [1, 'two', { three: true }] }),
      () => new Y.Map(),
      () => Y.Array.from([new Y.Text('t'), 2]),
      () => new Y.Text('hello'),
    ])();
    // A root keeps the type it was first used as, within one document.
    const kind = kinds.get(name) ?? int(rnd, 3);
    kinds.set(name, kind);
    if (kind === 0) doc.getMap(name).set(`k${int(rnd, 5)}`, value());
    else if (kind === 1) doc.getArray(name).insert(0, [value()]);
    else doc.getText(name).insert(0, `text ${int(rnd, 1000)}`);
  }
  return Y.encodeStateAsUpdate(doc, since ?? undefined);
}

function mutate(rnd: Random, source: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(source);
  if (copy.length === 0) return copy;
  for (let flips = 1 + int(rnd, 3); flips > 0; flips--) copy[int(rnd, copy.length)] = int(rnd, 256);
  return copy;
}

function awarenessEntries(rnd: Random): Uint8Array {
  const states = ['{"user":{"name":"Fuzz"}}', 'null', '{', '"', '[]', '{"a":' + '['.repeat(50), '\u0000', '{}'];
  const count = int(rnd, 4);
  return encode(uint(count), ...Array.from({ length: count }, () => (e: encoding.Encoder) => {
    encoding.writeVarUint(e, int(rnd, 2 ** 31));
    encoding.writeVarUint(e, int(rnd, 100));
    encoding.writeVarString(e, pick(rnd, states));
  }));
}

/** One hostile frame; `realUpdates` are updates the fuzzed map really received. */
function hostileFrame(rnd: Random, realUpdates: Uint8Array[]): Uint8Array {
  const real = () => (realUpdates.length > 0 ? pick(rnd, realUpdates) : foreignUpdate(rnd));
  const kinds: (() => Uint8Array)[] = [
    () => bytes(rnd, int(rnd, 48)),
    // Valid frames cut short: truncated varints and payloads.
    () => {
      const whole = encode(uint(0), uint(int(rnd, 3)), withLength(real()));
      return whole.subarray(0, int(rnd, whole.length));
    },
    () => encode(uint(4 + int(rnd, 1e6)), raw(bytes(rnd, int(rnd, 16)))),
    () => encode(uint(0), uint(3 + int(rnd, 200)), raw(bytes(rnd, int(rnd, 16)))),
    () => encode(uint(int(rnd, 2)), uint(pick(rnd, HUGE)), raw(bytes(rnd, int(rnd, 32)))),
    () => encode(uint(0), uint(int(rnd, 3)), uint(pick(rnd, HUGE)), raw(bytes(rnd, int(rnd, 32)))),
    () => encode(uint(0), uint(2), withLength(encode(uint(pick(rnd, HUGE)), raw(bytes(rnd, 8))))),
    () => encode(uint(0), uint(pick(rnd, [0, 1, 2])), withLength(mutate(rnd, real()))),
    () => encode(uint(0), uint(pick(rnd, [1, 2])), withLength(foreignUpdate(rnd))),
    () => encode(uint(1), withLength(awarenessEntries(rnd))),
    () => encode(uint(1), withLength(mutate(rnd, awarenessEntries(rnd)))),
    () => encode(uint(0), uint(0), withLength(encode(uint(3), ...[1, 2, 3].map(() => uint(int(rnd, 2 ** 40)))))),
    () => encode(uint(3)),
    () => encode(uint(2), uint(0), raw(bytes(rnd, 4))),
  ];
  return pick(rnd, kinds)();
}

const quietLog = (warnings: string[]): Logger => ({
  info: () => {},
  warn: (message) => warnings.push(message),
  error: (message) => warnings.push(`error: ${message}`),
});

const titles = (doc: Y.Doc) => readSnapshot(doc).touchpoints.map((t) => t.title);
const addCard = (doc: Y.Doc, title: string) => {
  const snap = readSnapshot(doc);
  return addTouchpoint(doc, { stageId: snap.stages[0]!.id, channelId: snap.channels[0]!.id, title });
};
/**
 * In the fuzzed map people add notes to one card: foreign updates put things the app does not
 * expect into its collections (see the report: adding a card trips over them), and this test is
 * about what the server keeps, not about the app's tolerance.
 */
const noteTexts = (doc: Y.Doc, cardId: string) =>
  readSnapshot(doc).notes.filter((n) => n.touchpointId === cardId).map((n) => n.text).sort();

const clients = new ClientPool();
afterAll(() => {
  clients.destroyAll();
  removeTempDirs();
});

describe('sync endpoint under fuzzing', () => {
  it(`survives ${FRAMES} hostile frames (seed ${SEED})`, async () => {
    const rnd = mulberry32(SEED);
    const dataDir = tempDir();
    const warnings: string[] = [];
    // No rate limit here: this is about parsing, not pacing.
    const limits = { messagesPerSecond: 1e9, messageBurst: 1e9, log: quietLog(warnings) };
    let server: RunningServer = await startTestServer({ dataDir, ...limits });
    try {
      const fuzzed = await createMap(server.url, 'Fuzzed');
      const calmMaps = [await createMap(server.url, 'Calm 1'), await createMap(server.url, 'Calm 2')];
      const client = (mapId: string) => {
        const c = connectClient(server.url, mapId);
        clients.add(c);
        return c;
      };
      const resident = client(fuzzed);
      const calm = calmMaps.map((id) => [client(id), client(id)] as const);
      await Promise.all([resident, ...calm.flat()].map((c) => waitSynced(c)));

      const residentCard = addCard(resident.doc, 'Resident card');
      // Real updates of the fuzzed map, as material for mutation.
      const realUpdates: Uint8Array[] = [Y.encodeStateAsUpdate(resident.doc)];
      resident.doc.on('update', (update: Uint8Array) => realUpdates.push(update));

      // People keep editing while the fuzzers run.
      let edits = 0;
      const editing = setInterval(() => {
        edits++;
        addNote(resident.doc, residentCard, 'fix', `Resident ${edits}`);
        calm.forEach(([ann, bob], i) => {
          addCard(ann.doc, `Ann ${i}.${edits}`);
          addCard(bob.doc, `Bob ${i}.${edits}`);
        });
      }, 100);

      let sent = 0;
      let kept = 0;
      const closeCodes = new Map<number, number>();
      const url = `${wsUrlOf(server.url)}/${fuzzed}`;
      const fuzzer = async () => {
        let peer: RawPeer | null = null;
        while (sent < FRAMES) {
          if (!peer || peer.ws.readyState !== peer.ws.OPEN) peer = await openRawPeer(url);
          const current: RawPeer = peer;
          const before = current.received.length;
          current.ws.send(hostileFrame(rnd, realUpdates));
          sent++;
          // A probe the server answers only if it is still listening on this connection ("who is
          // here?", answered with presence: small, unlike a sync step 2 of the whole map).
          current.ws.send(QUERY_PRESENCE);
          const outcome = await Promise.race([
            current.closed,
            waitFor(() => current.received.length > before, 'probe', 10_000).then(() => null),
          ]);
          if (outcome !== null) closeCodes.set(outcome, (closeCodes.get(outcome) ?? 0) + 1);
          else kept++;
        }
        peer?.ws.close();
      };
      await Promise.all(Array.from({ length: FUZZERS }, fuzzer));
      clearInterval(editing);

      // Only protocol refusals: nothing the server did not mean. Both outcomes were well exercised.
      expect([...closeCodes.keys()].every((code) => code === 4402 || code === 4413)).toBe(true);
      expect(closeCodes.get(4402)).toBeGreaterThan(FRAMES / 4);
      expect(kept).toBeGreaterThan(FRAMES / 10);
      expect((await api(server.url, 'GET', '/healthz')).status).toBe(200);
      expect(warnings.filter((w) => w.startsWith('error'))).toEqual([]);

      // The other maps kept syncing throughout.
      for (const [ann, bob] of calm) {
        await waitFor(() => sameStateVector(ann.doc, bob.doc), 'the calm clients to converge');
        expect(titles(ann.doc).length).toBe(2 * edits);
        expect(canonicalSnapshot(ann.doc)).toEqual(canonicalSnapshot(bob.doc));
      }
      const residentNotes = noteTexts(resident.doc, residentCard);
      expect(residentNotes.length).toBe(edits);

      // The fuzzed map loads from disk: every stored update applies, and people can go on editing.
      await server.close();
      const stored = openSqliteStorage(dataDir);
      const check = new Y.Doc();
      for (const update of (await stored.loadDoc(fuzzed)).updates) Y.applyUpdate(check, update);
      await stored.close();
      warnings.length = 0;
      server = await startTestServer({ dataDir, ...limits });
      const fresh = connectClient(server.url, fuzzed);
      const other = connectClient(server.url, fuzzed);
      clients.add(fresh, other);
      await Promise.all([waitSynced(fresh), waitSynced(other)]);
      expect(noteTexts(fresh.doc, residentCard)).toEqual(residentNotes);
      expect(sameStateVector(fresh.doc, check)).toBe(true);
      addNote(fresh.doc, residentCard, 'wow', 'After the storm');
      await waitFor(() => noteTexts(other.doc, residentCard).includes('After the storm'), 'an edit after the fuzzing');
      expect(warnings).toEqual([]);
    } catch (error) {
      console.error(`sync fuzz failed with CJM_SYNC_FUZZ_SEED=${SEED}`);
      throw error;
    } finally {
      await server.close();
    }
  }, 60_000);
});
