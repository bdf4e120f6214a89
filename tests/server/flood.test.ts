// Issue 12 V2: a view link floods tiny sync step-1 frames with a made-up state vector on a big
// map. Each asks for (nearly) the whole map; the server must bound the work per connection so
// everyone else is still served, and its memory must come back once the flood is over. The
// server runs as a child process so its RSS is its own.
// CJM_FLOOD_TOUCHPOINTS=20000 measures the size the review used (slower).
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { newEntity, touchpointsOf } from '../../src/doc/layout';
import { firstCell, authedApi, connectClient, removeTempDirs, tempDir, tokenOf, waitFor, waitSynced, wsUrlOf } from './helpers';
import { spawnServer, type ServerProcess } from '../fixtures/serverProcess';

const TOUCHPOINTS = Number(process.env.CJM_FLOOD_TOUCHPOINTS ?? 5000);
const FLOOD_MS = 5000;
const ATTACKERS = 4;
const SECRET = 'correct horse battery staple 42';
const ADMIN = { Authorization: `Bearer ${SECRET}` };
const MB = 1024 * 1024;

let server: ServerProcess | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  removeTempDirs();
});

/** The process's resident memory; 0 once it is gone. */
const rssOf = (pid: number) => {
  const line = /VmRSS:\s+(\d+) kB/.exec(fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '');
  return line ? Number(line[1]) * 1024 : 0;
};

/**
 * Asks /healthz over and over from a process of its own (this one is busy reading the flood),
 * each time on a fresh connection, and prints how long each answer took (5000: no answer in 5 s).
 */
const PROBE = `
const http = require('node:http');
const ask = () => {
  const started = performance.now();
  let done = false;
  const report = (ms) => { if (done) return; done = true; process.stdout.write(Math.round(ms) + '\\n'); setImmediate(ask); };
  const req = http.get(process.argv[1] + '/healthz', { agent: false, timeout: 5000 }, (res) => {
    res.resume();
    res.on('end', () => report(performance.now() - started));
  });
  req.on('timeout', () => { req.destroy(); report(5000); });
  req.on('error', () => report(5000));
};
ask();
`;

function startProbe(url: string) {
  const child = spawn(process.execPath, ['-e', PROBE, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  const latencies: number[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) latencies.push(Number(line));
  });
  return { latencies, stop: () => child.kill() };
}

/** Fills the map through a stock edit client, a few thousand cards per update (frames stay small). */
async function fillMap(url: string, mapId: string, token: string) {
  const editor = connectClient(url, mapId, new Y.Doc(), { params: { token } });
  await waitSynced(editor, 20_000);
  const { stageId, channelId } = firstCell(editor.doc);
  for (let start = 0; start < TOUCHPOINTS; start += 2500) {
    editor.doc.transact(() => {
      for (let i = start; i < Math.min(TOUCHPOINTS, start + 2500); i++) {
        const id = `tp${i}`;
        touchpointsOf(editor.doc).set(
          id,
          newEntity({ id, title: `Touchpoint ${i}: price delivery form`, description: 'The customer deals with the refund queue.', stageId, channelId, order: i, status: 'active', owner: '', expectation: 3, perception: 2, createdAt: '2026-01-10T09:00:00.000Z' }),
        );
      }
    });
  }
  const clientId = editor.doc.clientID;
  const clock = Y.decodeStateVector(Y.encodeStateVector(editor.doc)).get(clientId)!;
  // A fresh reader holding every card: all of it is stored.
  const reader = connectClient(url, mapId, new Y.Doc(), { params: { token } });
  await waitFor(() => touchpointsOf(reader.doc).size === TOUCHPOINTS, 'the cards at a fresh reader', 60_000);
  reader.destroy();
  editor.destroy();
  return { clientId, clock };
}

it('answers /healthz within 500 ms while a view link floods sync step 1, and gives its memory back', { timeout: 180_000 }, async () => {
  server = await spawnServer({
    env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), STATIC_DIR: tempDir('cjm-static-'), AUTH_SECRET: SECRET },
    timeoutMs: 30_000,
  });
  const { url, child } = server;
  const created = await authedApi(url, 'POST', '/api/maps', ADMIN, { title: 'Big map' });
  const mapId = (created.body as { id: string }).id;
  const links = (await authedApi(url, 'GET', `/api/maps/${mapId}/links`, ADMIN)).body as { edit: string; view: string };
  const editor = await fillMap(url, mapId, tokenOf(links.edit));

  // Someone else keeps the room open throughout.
  const colleague = connectClient(url, mapId, new Y.Doc(), { params: { token: tokenOf(links.view) } });
  await waitSynced(colleague, 60_000);
  const baseline = rssOf(child.pid!);

  // "I hold the first n structs of the editor's": with n a little over seven eighths, each answer
  // is the largest the server encodes afresh (lacking more, a peer gets the whole map, kept encoded),
  // and n varies, so no two answers in a row are the same.
  const step1 = (n: number) => {
    const sv = encoding.createEncoder();
    encoding.writeVarUint(sv, 1);
    encoding.writeVarUint(sv, editor.clientId);
    encoding.writeVarUint(sv, Math.ceil((editor.clock * 7) / 8) + (n % 97));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(sv));
    return encoding.toUint8Array(e);
  };
  let sentFrames = 0;

  // Several connections of one address, each reopened as soon as the server cuts it.
  const attackUrl = `${wsUrlOf(url)}/${mapId}?token=${tokenOf(links.view)}`;
  let received = 0;
  let awarenessAnswers = 0;
  let reopened = 0;
  const open = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(attackUrl);
      ws.on('message', (data: Buffer) => {
        received += data.byteLength;
        if (data[0] === 1) awarenessAnswers++;
      });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const burst = (ws: WebSocket) => {
    for (let i = 0; i < 900; i++) ws.send(step1(sentFrames++));
  };
  const attackers = await Promise.all(Array.from({ length: ATTACKERS }, open));

  let peakRss = baseline;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(child.pid!))), 100);
  const probe = startProbe(url);
  const { latencies } = probe;
  // Within the rate limit: the whole burst at once, then a little under the sustained rate.
  attackers.forEach(burst);
  const until = Date.now() + FLOOD_MS;
  while (Date.now() < until) {
    for (let k = 0; k < attackers.length; k++) {
      if (attackers[k]!.readyState === WebSocket.CLOSED) {
        reopened++;
        attackers[k] = await open();
        burst(attackers[k]!);
      }
      if (attackers[k]!.readyState === WebSocket.OPEN) for (let i = 0; i < 18; i++) attackers[k]!.send(step1(sentFrames++));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The server has read every frame once it answers a "who is here?" sent after them.
  const answersBefore = awarenessAnswers;
  const listening = attackers.filter((ws) => ws.readyState === WebSocket.OPEN);
  for (const ws of listening) ws.send(new Uint8Array([3]));
  try {
    await waitFor(() => awarenessAnswers >= answersBefore + listening.length, 'the answers to a question after the flood', 60_000);
  } finally {
    probe.stop();
    clearInterval(sampler);
    console.info(
      `during the flood: /healthz worst ${Math.round(Math.max(...latencies))} ms over ${latencies.length} probes, ` +
        `${latencies.filter((l) => l >= 500).length} of them ≥ 500 ms (${Math.round(latencies.filter((l) => l >= 500).reduce((a, b) => a + b, 0))} ms in all); ` +
        `RSS ${Math.round(baseline / MB)} → peak ${Math.round(peakRss / MB)} MB; attackers reopened ${reopened} times; server output tail:\n${server.output().slice(-1500)}`,
    );
  }
  for (const ws of attackers) ws.close();

  // Memory comes back: within 64 MB of where it was before the flood.
  let after = rssOf(child.pid!);
  const deadline = Date.now() + 30_000;
  while (after > baseline + 64 * MB && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    after = rssOf(child.pid!);
  }
  const worst = Math.max(...latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))]!);
  console.info(
    `flood on ${TOUCHPOINTS} touchpoints: /healthz median ${at(0.5)}, p99 ${at(0.99)}, worst ${Math.round(worst)} ms over ${latencies.length} probes; ` +
      `RSS ${Math.round(baseline / MB)} → peak ${Math.round(peakRss / MB)} → ${Math.round(after / MB)} MB; attackers reopened ${reopened} times; ` +
      `attacker received ${Math.round(received / MB)} MB`,
  );
  colleague.destroy();

  expect(worst).toBeLessThan(500);
  expect(after).toBeLessThan(baseline + 64 * MB);
  // Nobody was cut, and the breach is logged once per connection, not once per frame.
  expect(reopened).toBe(0);
  expect(server.output().match(/step 1/g)?.length).toBe(ATTACKERS);
});
