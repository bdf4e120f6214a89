// Cluster mode against the real engines: several instances on one PostgreSQL and one Redis,
// each with its own port, serving the same maps to stock y-websocket clients. What people would
// notice: maps made on one instance appear on the others; edits and presence cross instances;
// an instance killed mid-workshop loses nothing and its people's presence goes with it; Redis
// restarting mid-stream only delays things until every instance converges again.
//   CJM_CLUSTER_SEEDS=20 CJM_CLUSTER_FIRST_SEED=100 npx vitest run tests/server/cluster.test.ts
import type { ChildProcess } from 'node:child_process';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import * as m from '../../src/doc/mutations';
import { LAYOUT_VERSION, migrateLayout } from '../../src/doc/migrations';
import { readSnapshot } from '../../src/doc/read';
import type { RunningServer } from '../../server/server';
import { describeWithEngines, freshDatabase, startPostgres, startRedis, type RunningEngine } from '../fixtures/engines';
import { mulberry32, type Random } from '../fixtures/random';
import { spawnServer } from '../fixtures/serverProcess';
import {
  addCard,
  api,
  authedApi,
  canonicalSnapshot,
  cardTitles,
  ClientPool,
  connectClient,
  createMap,
  removeTempDirs,
  startTestServer,
  tempDir,
  tokenOf,
  waitFor,
  waitSynced,
  type TestClient,
} from './helpers';

const SEEDS = Number(process.env.CJM_CLUSTER_SEEDS ?? 3);
const FIRST_SEED = Number(process.env.CJM_CLUSTER_FIRST_SEED ?? 1);
const HEARTBEAT_MS = 200;

const clients = new ClientPool();
const children: ChildProcess[] = [];
const servers: RunningServer[] = [];

afterEach(async () => {
  clients.destroyAll();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => removeTempDirs());

/** Names of the people whose presence a client sees (itself included). */
const presentNames = (client: TestClient) =>
  [...client.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name).filter(Boolean);

const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

const sameContent = (docs: Y.Doc[]) => {
  const first = JSON.stringify(canonicalSnapshot(docs[0]!));
  return docs.every((doc) => JSON.stringify(canonicalSnapshot(doc)) === first);
};

describeWithEngines('cluster: several instances on PostgreSQL and Redis', { postgres: true, redis: true }, () => {
  let postgres: RunningEngine;
  let redis: RunningEngine;
  let databases = 0;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  });
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  /** `n` in-process instances on a fresh database (Redis channels are per map, so tests never mix). */
  async function cluster(n: number, authSecret?: string): Promise<RunningServer[]> {
    const databaseUrl = await freshDatabase(postgres, `cluster${++databases}`);
    const started = await Promise.all(
      Array.from({ length: n }, () => startTestServer({ databaseUrl, redisUrl: redis.url, relayHeartbeatMs: HEARTBEAT_MS, ...(authSecret && { authSecret }) })),
    );
    servers.push(...started);
    return started;
  }

  it('lists a map made on one instance on another; 500 edits converge; a SIGKILLed instance loses nothing, and its people leave', async () => {
    const databaseUrl = await freshDatabase(postgres, `cluster${++databases}`);
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: tempDir(),
      STATIC_DIR: tempDir('cjm-static-'),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      RELAY_HEARTBEAT_MS: String(HEARTBEAT_MS),
    };
    const spawn = async () => {
      const started = await spawnServer({ env, timeoutMs: 30_000 });
      children.push(started.child);
      return started;
    };
    const [one, two] = await Promise.all([spawn(), spawn()]);
    expect((await api(two.url, 'GET', '/healthz')).body).toMatchObject({
      ok: true,
      storage: { kind: 'postgres', reachable: true },
      relay: { kind: 'redis', reachable: true },
    });

    const mapId = await createMap(one.url, 'Shared workshop');
    const listed = (await api(two.url, 'GET', '/api/maps')).body as { id: string; title: string }[];
    expect(listed).toEqual([expect.objectContaining({ id: mapId, title: 'Shared workshop' })]);

    const ann = clients.connect(one.url, mapId);
    const bob = clients.connect(two.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);
    ann.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(() => presentNames(bob).includes('Ann') && presentNames(ann).includes('Bob'), 'presence across instances');

    for (let i = 0; i < 250; i++) {
      addCard(ann.doc, `Ann ${i}`);
      addCard(bob.doc, `Bob ${i}`);
      if (i % 10 === 0) await yieldTurn();
    }
    await waitFor(() => cardTitles(ann.doc).length === 500 && cardTitles(bob.doc).length === 500, '500 cards on both instances', 20_000);
    await waitFor(() => sameContent([ann.doc, bob.doc]), 'both clients to converge');
    const expected = canonicalSnapshot(bob.doc);

    // Instance one dies without a word: Ann's presence leaves Bob's screen within a few heartbeats.
    one.child.kill('SIGKILL');
    await waitFor(() => !presentNames(bob).includes('Ann'), "Ann's presence to leave Bob's screen", 5000);
    ann.destroy();

    const again = await spawn();
    const onOne = clients.connect(again.url, mapId);
    const onTwo = clients.connect(two.url, mapId);
    await Promise.all([waitSynced(onOne), waitSynced(onTwo)]);
    expect(canonicalSnapshot(onOne.doc)).toEqual(expected);
    expect(canonicalSnapshot(onTwo.doc)).toEqual(expected);
    // And the relay works with the restarted instance too.
    addCard(onOne.doc, 'After the restart');
    await waitFor(() => cardTitles(bob.doc).includes('After the restart'), 'a card from the restarted instance');
  });

  it('keeps serving each instance while Redis restarts mid-stream, then converges everywhere', async () => {
    const [a, b] = await cluster(2);
    const mapId = await createMap(a!.url, 'Redis outage');
    const ann = clients.connect(a!.url, mapId);
    const carl = clients.connect(a!.url, mapId);
    const bob = clients.connect(b!.url, mapId);
    await Promise.all([waitSynced(ann), waitSynced(carl), waitSynced(bob)]);

    let n = 0;
    const stream = setInterval(() => {
      addCard(ann.doc, `Ann ${n}`);
      addCard(bob.doc, `Bob ${n}`);
      n++;
    }, 5);
    try {
      await waitFor(() => cardTitles(carl.doc).filter((t) => t.startsWith('Bob')).length >= 20, "Bob's cards at Carl");
      await redis.down();
      const health = async () => ((await api(a!.url, 'GET', '/healthz')).body as { relay: { reachable: boolean } }).relay.reachable;
      const deadline = Date.now() + 5000;
      while (await health()) {
        if (Date.now() > deadline) throw new Error('healthz never noticed Redis went away');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Instance a still relays between its own clients while Redis is down.
      const during = `Ann ${n + 5}`;
      await waitFor(() => cardTitles(carl.doc).includes(during), "Ann's cards at Carl during the outage");
    } finally {
      await redis.up();
    }
    clearInterval(stream);
    await waitFor(() => sameContent([ann.doc, bob.doc, carl.doc]), 'every client to converge after Redis is back', 20_000);
    expect(cardTitles(ann.doc).length).toBe(2 * n);
    const fresh = [clients.connect(a!.url, mapId), clients.connect(b!.url, mapId)];
    await Promise.all(fresh.map((client) => waitSynced(client)));
    expect(canonicalSnapshot(fresh[0]!.doc)).toEqual(canonicalSnapshot(ann.doc));
    expect(canonicalSnapshot(fresh[1]!.doc)).toEqual(canonicalSnapshot(ann.doc));
  });

  it('two instances each migrating an older map layout at once end with one migrated map', async () => {
    const [one, two] = (await cluster(2)) as [RunningServer, RunningServer];
    const mapId = await createMap(one.url, 'Older layout');
    const ann = clients.connect(one.url, mapId);
    await waitSynced(ann);
    // The map as a version-1 build left it: a review tick for a card deleted meanwhile.
    const card = addCard(ann.doc, 'Kept');
    const gone = addCard(ann.doc, 'Gone');
    m.setChecklistItem(ann.doc, card, 'stillActive', true);
    m.setChecklistItem(ann.doc, gone, 'stillActive', true);
    ann.doc.transact(() => {
      ann.doc.getMap('touchpoints').delete(gone);
      ann.doc.getMap('meta').set('layoutVersion', 1);
    });
    const bob = clients.connect(two.url, mapId);
    await waitFor(() => bob.doc.getMap('meta').get('layoutVersion') === 1 && bob.doc.getMap('checklist').has(gone), 'the older map on both');
    // Both clients (each on its own instance) migrate in the same turn, before either hears of the other's.
    expect([migrateLayout(ann.doc), migrateLayout(bob.doc)]).toEqual([true, true]);
    await waitFor(() => sameContent([ann.doc, bob.doc]) && Y.encodeStateVector(ann.doc).toString() === Y.encodeStateVector(bob.doc).toString(), 'converged');
    for (const doc of [ann.doc, bob.doc]) {
      expect(doc.getMap('meta').get('layoutVersion')).toBe(LAYOUT_VERSION);
      expect([...doc.getMap('checklist').keys()]).toEqual([card]);
    }
    // What the instances stored is the migrated map too.
    const fresh = clients.connect(one.url, mapId);
    await waitSynced(fresh);
    expect(fresh.doc.getMap('meta').get('layoutVersion')).toBe(LAYOUT_VERSION);
    expect([...fresh.doc.getMap('checklist').keys()]).toEqual([card]);
  });

  it('closes the connections on every instance when a map is deleted on one', async () => {
    const [a, b] = await cluster(2);
    const mapId = await createMap(a!.url, 'Deleted');
    const bob = clients.connect(b!.url, mapId);
    await waitSynced(bob);
    const closed = new Promise<number | undefined>((resolve) =>
      bob.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code)),
    );
    expect((await api(a!.url, 'DELETE', `/api/maps/${mapId}`)).status).toBe(200);
    expect(await closed).toBe(4404);
  });

  it('takes a link minted on one instance on another, and revokes it on every instance', async () => {
    const secret = 'cluster-secret-0123456789';
    const [a, b] = await cluster(2, secret);
    const admin = { Authorization: `Bearer ${secret}` };
    const created = await authedApi(a!.url, 'POST', '/api/maps', admin, { title: 'Linked' });
    const mapId = (created.body as { id: string }).id;
    const links = (await authedApi(a!.url, 'GET', `/api/maps/${mapId}/links`, admin)).body as { edit: string };
    const bob = clients.connect(b!.url, mapId, { params: { token: tokenOf(links.edit) } });
    await waitSynced(bob);
    const closed = new Promise<number | undefined>((resolve) =>
      bob.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code)),
    );
    expect((await authedApi(a!.url, 'POST', `/api/maps/${mapId}/links/rotate`, admin, {})).status).toBe(200);
    expect(await closed).toBe(4403);
  });

  const pick = <T>(rnd: Random, items: readonly T[]): T | undefined => items[Math.floor(rnd() * items.length)];
  const EDITS: ((doc: Y.Doc, rnd: Random) => void)[] = [
    (doc, rnd) => addCard(doc, `Card ${Math.floor(rnd() * 1e6)}`),
    (doc, rnd) => {
      const tp = pick(rnd, readSnapshot(doc).touchpoints);
      if (tp) m.updateTouchpoint(doc, tp.id, { title: `Renamed ${Math.floor(rnd() * 1000)}`, perception: 1 + Math.floor(rnd() * 5) });
    },
    (doc, rnd) => {
      const tp = pick(rnd, readSnapshot(doc).touchpoints);
      if (tp) m.addNote(doc, tp.id, 'fix', `Note ${Math.floor(rnd() * 1000)}`);
    },
    (doc, rnd) => {
      const tp = pick(rnd, readSnapshot(doc).touchpoints);
      if (tp && rnd() < 0.5) m.deleteTouchpoints(doc, [tp.id]);
    },
    (doc, rnd) => m.setMapTitle(doc, `Title ${Math.floor(rnd() * 1000)}`),
  ];

  it(`converges with clients hopping over 3 instances (seeds ${FIRST_SEED}…${FIRST_SEED + SEEDS - 1})`, async () => {
    const instances = await cluster(3);
    const runSeed = async (seed: number) => {
      const rnd = mulberry32(seed);
      const mapId = await createMap(pick(rnd, instances)!.url, `Seed ${seed}`);
      const people = Array.from({ length: 3 }, () => {
        const client = connectClient(pick(rnd, instances)!.url, mapId);
        clients.add(client);
        return client;
      });
      await Promise.all(people.map((client) => waitSynced(client)));
      for (let op = 0; op < 80; op++) {
        const who = Math.floor(rnd() * people.length);
        const person = people[who]!;
        if (rnd() < 0.08) {
          // Drops and comes back on another instance, keeping its doc (and what it made offline).
          person.provider.destroy();
          const doc = person.doc;
          if (rnd() < 0.5) pick(rnd, EDITS)!(doc, rnd);
          const moved = connectClient(pick(rnd, instances)!.url, mapId, doc);
          clients.add(moved);
          people[who] = moved;
          continue;
        }
        pick(rnd, EDITS)!(person.doc, rnd);
        if (rnd() < 0.3) await yieldTurn();
      }
      await waitFor(() => people.every((client) => client.provider.synced), `seed ${seed}: every client synced`, 10_000);
      await waitFor(() => sameContent(people.map((c) => c.doc)), `seed ${seed}: every client to converge`, 15_000);
      const fresh = instances.map((instance) => {
        const client = connectClient(instance.url, mapId);
        clients.add(client);
        return client;
      });
      await Promise.all(fresh.map((client) => waitSynced(client)));
      await waitFor(() => sameContent([...fresh, ...people].map((c) => c.doc)), `seed ${seed}: fresh clients on every instance`);
    };
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
      try {
        await runSeed(seed);
      } catch (error) {
        throw new Error(`cluster convergence failed for seed ${seed} (CJM_CLUSTER_SEEDS=1 CJM_CLUSTER_FIRST_SEED=${seed}): ${String(error)}`);
      }
    }
  });
});
