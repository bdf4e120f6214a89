// One worker thread of a ClientFleet (./fleet.ts): its share of the clients, their edits and
// the latencies they observe. Each thread has its own event loop, so receiving and applying
// hundreds of relayed updates per second is spread over the machine's cores.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { connectClients, epochNow, LatencyProbe, type BenchClient } from './clients';
import type { FleetReply, FleetRequest } from './fleet';

let clients: BenchClient[] = [];
/** This thread's event-loop utilisation since the edits started: near 1 means the clients are the bottleneck. */
let busySince = performance.eventLoopUtilization();
let busy = 0;
let probe: LatencyProbe | null = null;
const timers: NodeJS.Timeout[] = [];

const reply = (message: FleetReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

function stopEditing(): void {
  for (const timer of timers.splice(0)) clearTimeout(timer);
}

parentPort!.on('message', async (request: FleetRequest) => {
  switch (request.type) {
    case 'connect':
      clients = await connectClients(request.wsUrl, request.mapId, request.count, 120_000);
      probe = new LatencyProbe(clients);
      reply({ type: 'connected' });
      break;
    case 'everyClientPerPeriod': {
      // Client g of the whole fleet edits at g/total of the period, then once per period.
      probe!.start(request.since);
      busySince = performance.eventLoopUtilization();
      clients.forEach((client, i) => {
        const offset = ((request.first + i) * request.periodMs) / request.total;
        timers.push(
          setTimeout(() => {
            probe!.edit(client);
            timers.push(setInterval(() => probe!.edit(client), request.periodMs));
          }, offset),
        );
      });
      reply({ type: 'started' });
      break;
    }
    case 'rate': {
      // This thread's share of a total edit rate, round-robin over its clients.
      probe!.start(request.since);
      busySince = performance.eventLoopUtilization();
      const start = epochNow();
      let sent = 0;
      let next = 0;
      const ticker = setInterval(() => {
        const elapsed = Math.min(epochNow() - start, request.seconds * 1000);
        const due = Math.floor((elapsed * request.rate) / 1000);
        for (; sent < due; sent++) probe!.edit(clients[next++ % clients.length]!);
        if (elapsed >= request.seconds * 1000) clearInterval(ticker);
      }, 5);
      timers.push(ticker);
      reply({ type: 'started' });
      break;
    }
    case 'stop':
      stopEditing();
      busy = performance.eventLoopUtilization(busySince).utilization;
      reply({ type: 'stopped', sent: probe!.result().sent });
      break;
    case 'collect': {
      const { samples, received, sent } = probe!.result();
      const buffer = Float64Array.from(samples).buffer;
      reply({ type: 'collected', samples: buffer, received, sent, busy }, [buffer]);
      break;
    }
    case 'close':
      stopEditing();
      probe?.dispose();
      for (const client of clients) client.destroy();
      clients = [];
      reply({ type: 'closed' });
      break;
  }
});
