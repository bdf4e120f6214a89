// Child process running the reference y-websocket server (@y/websocket-server 0.1.1, the last
// release for Yjs 13): setupWSConnection on a plain http + ws server, no persistence, no checks.
// Same control protocol as ourServer.child.ts; rooms live under /ws/<name> like ours.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import type { ControlReply, ControlRequest } from './serverProcess';

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('reference y-websocket server');
});
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  const docName = (req.url ?? '/').split('?', 1)[0]!.replace(/^\/ws\//, '');
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

const reply = (message: ControlReply) => process.send!(message);
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

// Orphaned (the benchmark crashed or was interrupted): go, rather than linger on a port.
process.on('disconnect', () => process.exit(0));

process.on('message', (request: ControlRequest) => {
  if (request.type === 'stats') {
    const memory = process.memoryUsage();
    reply({ type: 'stats', rss: memory.rss, heapUsed: memory.heapUsed, rooms: docs.size });
  } else if (request.type === 'loopDelay') {
    reply({ type: 'loopDelay', p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 });
    loopDelay.reset();
  } else if (request.type === 'gc') {
    globalThis.gc?.();
    reply({ type: 'gc' });
  } else if (request.type === 'close') {
    for (const client of wss.clients) client.terminate();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});

reply({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
