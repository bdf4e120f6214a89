// One Node process, one port: the built app, the JSON API and the Yjs sync endpoint.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi } from './api';
import { DEFAULTS, type ServerConfig } from './config';
import { HttpError, sendError, sendJson } from './http';
import { consoleLogger, type Logger } from './log';
import { openPersistence } from './persistence';
import { RoomRegistry } from './rooms';
import { createStaticHandler } from './static';
import { attachSyncEndpoint } from './sync';

export interface StartOptions extends Partial<Omit<ServerConfig, 'dataDir' | 'staticDir'>> {
  dataDir: string;
  staticDir: string;
  log?: Logger;
  /** The clock for timestamps and the 30-day restore window (tests move it forward). */
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Maps whose room is in memory right now. */
  loadedMapIds(): string[];
  /** Closes every connection and writes everything to disk. */
  close(): Promise<void>;
}

const PURGE_EVERY_MS = 60 * 60 * 1000;

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const settings = { ...DEFAULTS, ...options };
  const log = options.log ?? consoleLogger();
  const now = options.now ?? Date.now;

  const persistence = openPersistence(settings.dataDir);
  const purge = () => {
    try {
      const purged = persistence.purgeDeletedBefore(now() - settings.restoreWindowMs);
      if (purged > 0) log.info(`purged ${purged} map(s) deleted more than 30 days ago`);
    } catch (error) {
      log.error('purging deleted maps failed', error);
    }
  };
  purge();
  const purgeTimer = setInterval(purge, PURGE_EVERY_MS);
  purgeTimer.unref();

  const registry = new RoomRegistry({
    persistence,
    log,
    now,
    idleUnloadMs: settings.idleUnloadMs,
    compactAfter: settings.compactAfter,
    listRefreshMs: settings.listRefreshMs,
  });
  const handleApi = createApi({
    persistence,
    registry,
    now,
    maxBodyBytes: settings.maxBodyBytes,
    restoreWindowMs: settings.restoreWindowMs,
  });
  const serveStatic = createStaticHandler(settings.staticDir);

  const server = http.createServer(async (req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    try {
      if (pathname === '/healthz') return sendJson(res, 200, { ok: true });
      if (pathname === '/api' || pathname.startsWith('/api/')) return await handleApi(req, res, pathname);
      serveStatic(req, res, pathname);
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error.status, error.message);
      log.error(`${req.method} ${pathname} failed`, error);
      sendError(res, 500, 'internal error');
    }
  });
  const sync = attachSyncEndpoint(server, registry, log);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = async () => {
    clearInterval(purgeTimer);
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await sync.close();
    registry.closeAll();
    persistence.close();
    server.closeAllConnections();
    await stopped;
  };

  return {
    url: `http://${urlHost(settings.host)}:${port}`,
    port,
    loadedMapIds: () => registry.loadedMapIds(),
    close: () => (closing ??= close()),
  };
}
