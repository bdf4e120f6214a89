// Soak test (not in CI): `npm run soak -- --minutes 30`. Starts the real server in a child
// process and has many stock y-websocket clients edit a few maps for a long time, dropping off
// (politely or by a cut connection) and coming back at random. It watches the server's RSS and
// error lines, and at the end checks that every client and the stored map agree.
//
//   --minutes N   how long the clients edit (default 30)
//   --clients N   how many clients (default 50)
//   --maps N      how many maps they share (default 5)
//   --seed N      the random choices (default 1)
//
// Exit code 0 when: no error lines from the server, no failed edits, every map converged, and
// the server's RSS at the end is within 20% + 16 MB of its level after the warm-up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import * as m from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { NOTE_KINDS, TOUCHPOINT_STATUSES } from '../../src/domain/types';
import { mulberry32 } from '../fixtures/random';
import { spawnServer } from '../fixtures/serverProcess';
import { canonicalSnapshot, connectClient, createMap, sameStateVector, waitFor, type TestClient } from '../server/helpers';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    clients: { type: 'string', default: '50' },
    maps: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
});
const MINUTES = Number(values.minutes);
const CLIENTS = Number(values.clients);
const MAPS = Number(values.maps);
const SEED = Number(values.seed);
for (const [name, value] of Object.entries({ MINUTES, CLIENTS, MAPS, SEED })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name.toLowerCase()} must be a positive number`);
}

const RUN_MS = MINUTES * 60_000;
const WARM_UP_MS = Math.max(10_000, RUN_MS * 0.1);
const SAMPLE_EVERY_MS = Math.min(10_000, Math.max(2_000, RUN_MS / 60));
/** Cards per map stay between these, so the maps (and the server's memory) stop growing. */
const CARDS_LOW = 30;
const CARDS_HIGH = 60;
const NOTES_HIGH = 80;

process.setMaxListeners(0); // every provider adds an exit listener

const TICKS_PER_SECOND = 100;

const rnd = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(rnd() * items.length)];
const between = (low: number, high: number) => low + rnd() * (high - low);

const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

// ---------------------------------------------------------------- the server

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cjm-soak-'));
const serverErrors: string[] = [];
const serverWarnings: string[] = [];
const { child: server, url } = await spawnServer({
  env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: dataDir },
  onOutput: (text) => {
    for (const line of text.split('\n')) {
      if (/ error /.test(line)) serverErrors.push(line);
      else if (/ warn /.test(line)) serverWarnings.push(line);
    }
  },
});
const pid = server.pid!;

// ---------------------------------------------------------------- the clients

interface Person {
  name: string;
  mapId: string;
  client: TestClient;
  nextEditAt: number;
  nextDropAt: number;
  /** While offline: when to come back. */
  backAt: number | null;
}

const mapIds: string[] = [];
for (let i = 0; i < MAPS; i++) mapIds.push(await createMap(url, `Soak ${i + 1}`));
const started = Date.now();
const people: Person[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const mapId = mapIds[i % MAPS]!;
  const client = connectClient(url, mapId);
  client.provider.awareness.setLocalStateField('user', { name: `Person ${i}` });
  people.push({
    name: `Person ${i}`,
    mapId,
    client,
    nextEditAt: started + between(500, 3000),
    nextDropAt: started + between(10_000, 60_000),
    backAt: null,
  });
}
await waitFor(() => people.every((p) => p.client.provider.synced), 'every client to sync', 60_000);

let edits = 0;
let failedEdits = 0;
const failures: string[] = [];
let politeDrops = 0;
let cutDrops = 0;

/** One random edit; the maps hover between CARDS_LOW and CARDS_HIGH cards. */
function edit(person: Person): void {
  const doc = person.client.doc;
  const s = readSnapshot(doc);
  const card = pick(s.touchpoints);
  const roll = rnd();
  if ((roll < 0.25 && s.touchpoints.length < CARDS_HIGH) || s.touchpoints.length < CARDS_LOW) {
    const stage = pick(s.stages);
    const channel = pick(s.channels);
    if (stage && channel) m.addTouchpoint(doc, { stageId: stage.id, channelId: channel.id, title: `${person.name} ${edits}` });
  } else if (roll < 0.4 && card && s.touchpoints.length > CARDS_LOW) {
    m.deleteTouchpoints(doc, [card.id]);
  } else if (roll < 0.65 && card) {
    m.updateTouchpoint(doc, card.id, {
      title: `${card.title.slice(0, 40)}!`,
      description: `Edited by ${person.name} at ${edits}`,
      status: pick(TOUCHPOINT_STATUSES),
      perception: 1 + Math.floor(rnd() * 5),
    });
  } else if (roll < 0.8 && card) {
    const stage = pick(s.stages);
    const channel = pick(s.channels);
    if (stage && channel) m.moveTouchpoint(doc, { id: card.id, stageId: stage.id, channelId: channel.id });
  } else if (roll < 0.9 && card) {
    if (s.notes.length > NOTES_HIGH) m.deleteNote(doc, pick(s.notes)!.id);
    else m.addNote(doc, card.id, pick(NOTE_KINDS)!, `Note by ${person.name}`);
  } else {
    const note = pick(s.notes);
    if (note) m.voteNote(doc, note.id, person.name, rnd() < 0.8 ? 1 : -1);
  }
  edits++;
}

function tick(now: number): void {
  for (const person of people) {
    const { provider } = person.client;
    if (person.backAt !== null && now >= person.backAt) {
      person.backAt = null;
      provider.connect();
    }
    if (now >= person.nextEditAt) {
      person.nextEditAt = now + between(500, 3500);
      try {
        edit(person);
        provider.awareness.setLocalStateField('cursor', { x: Math.round(rnd() * 2000), y: Math.round(rnd() * 1200) });
      } catch (error) {
        failedEdits++;
        if (failures.length < 5) failures.push(String(error));
      }
    }
    if (now >= person.nextDropAt && person.backAt === null) {
      person.nextDropAt = now + between(20_000, 90_000);
      person.backAt = now + between(1000, 8000);
      if (rnd() < 0.5) {
        politeDrops++;
        provider.disconnect();
      } else {
        // A cut connection: no close frame; the provider reconnects by itself, we only pause it.
        cutDrops++;
        provider.shouldConnect = false;
        (provider.ws as unknown as { terminate?: () => void } | null)?.terminate?.();
      }
    }
  }
}

// ---------------------------------------------------------------- the run

interface Sample {
  at: number;
  rss: number;
}
const samples: Sample[] = [];
const cpuAtStart = cpuMs(pid);
console.log(
  `Soak: ${CLIENTS} clients on ${MAPS} maps for ${MINUTES} min (seed ${SEED}); server pid ${pid} at ${url}, RSS ${mb(rssBytes(pid))}`,
);
console.log('  time    server RSS   edits   drops   online');
let nextReport = 0;
await new Promise<void>((resolve) => {
  const ticker = setInterval(() => {
    const now = Date.now();
    const elapsed = now - started;
    tick(now);
    if (elapsed >= (samples.length + 1) * SAMPLE_EVERY_MS || elapsed >= RUN_MS) {
      samples.push({ at: elapsed, rss: rssBytes(pid) });
    }
    if (elapsed >= nextReport) {
      nextReport += Math.max(SAMPLE_EVERY_MS, Math.min(60_000, RUN_MS / 10));
      const online = people.filter((p) => p.client.provider.wsconnected).length;
      console.log(
        `  ${clock(elapsed).padStart(5)}   ${mb(rssBytes(pid)).padStart(9)}   ${String(edits).padStart(5)}   ` +
          `${String(politeDrops + cutDrops).padStart(5)}   ${String(online).padStart(6)}`,
      );
    }
    if (elapsed >= RUN_MS) {
      clearInterval(ticker);
      resolve();
    }
  }, 50);
});
const cpuUsed = cpuMs(pid) - cpuAtStart;

// Everyone back online; wait until every map agrees everywhere, including with what is stored.
for (const person of people) {
  if (person.backAt !== null || !person.client.provider.shouldConnect) {
    person.backAt = null;
    person.client.provider.connect();
  }
}
const converged: boolean[] = [];
const mapBytes: number[] = [];
for (const mapId of mapIds) {
  const members = people.filter((p) => p.mapId === mapId).map((p) => p.client);
  const fresh = connectClient(url, mapId);
  let ok = true;
  try {
    await waitFor(() => fresh.provider.synced && members.every((c) => c.provider.synced), 'everyone synced', 60_000);
    await waitFor(() => members.every((c) => sameStateVector(c.doc, fresh.doc)), 'equal state vectors', 60_000);
    const expected = JSON.stringify(canonicalSnapshot(fresh.doc));
    ok = members.every((c) => JSON.stringify(canonicalSnapshot(c.doc)) === expected);
  } catch (error) {
    ok = false;
    failures.push(`map ${mapId}: ${String(error)}`);
  }
  converged.push(ok);
  mapBytes.push(Y.encodeStateAsUpdate(fresh.doc).byteLength);
  fresh.destroy();
}

for (const person of people) person.client.destroy();
const exitCode = await new Promise<number | null>((resolve) => {
  server.once('exit', (code) => resolve(code));
  server.kill('SIGTERM');
});
fs.rmSync(dataDir, { recursive: true, force: true });

// ---------------------------------------------------------------- the figures

const afterWarmUp = samples.filter((s) => s.at >= WARM_UP_MS);
const baseline = afterWarmUp[0]?.rss ?? samples[0]!.rss;
const tail = samples.slice(-3);
const final = tail.reduce((sum, s) => sum + s.rss, 0) / tail.length;
const peak = Math.max(...samples.map((s) => s.rss));
const growth = final - baseline;
const flat = final <= baseline * 1.2 + 16 * 1024 * 1024;
const allConverged = converged.every(Boolean);
const seconds = RUN_MS / 1000;

console.log('');
console.log('Figures');
console.log(`  duration            ${MINUTES} min (${clock(RUN_MS)}), ${CLIENTS} clients, ${MAPS} maps`);
console.log(`  edits               ${edits} (${(edits / seconds).toFixed(1)}/s), failed ${failedEdits}`);
console.log(`  disconnects         ${politeDrops + cutDrops} (${politeDrops} polite, ${cutDrops} cut)`);
console.log(`  server RSS          after warm-up ${mb(baseline)}, peak ${mb(peak)}, end ${mb(final)} (${growth >= 0 ? '+' : ''}${mb(growth)})`);
console.log(`  server CPU          ${((cpuUsed / RUN_MS) * 100).toFixed(1)}% of one core`);
console.log(`  server log          ${serverErrors.length} error lines, ${serverWarnings.length} warnings`);
console.log(`  final maps          ${mapBytes.map((b) => `${(b / 1024).toFixed(0)} KB`).join(', ')}`);
console.log(`  identical everywhere ${allConverged ? 'yes' : `NO (${converged.filter((c) => !c).length} maps differ)`}`);
console.log(`  server exit         ${exitCode}`);
console.log(`  RSS flat            ${flat ? 'yes' : 'NO'}`);
for (const line of [...serverErrors.slice(0, 5), ...failures]) console.log(`  ! ${line}`);

const passed = flat && allConverged && serverErrors.length === 0 && failedEdits === 0 && exitCode === 0;
console.log(passed ? 'SOAK PASSED' : 'SOAK FAILED');
process.exit(passed ? 0 : 1);
