// One Node process, one port: the built app, the JSON API and the Yjs sync endpoint.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccessControl } from './access';
import { createFileJobs } from './fileJobs';
import { createApi } from './api';
import { checkAuthSecret, DEFAULTS, type ServerConfig } from './config';
import { createHostPolicy } from './hosts';
import { HttpError, sendError } from './http';
import { consoleLogger, type Logger } from './log';
import { healthOf } from './health';
import { openRedisRelay } from './relay/redis';
import { openRedisConnectionCounts } from './relay/redisCounts';
import { LocalConnectionCounts } from './connectionCounts';
import { openReviewStore } from './reviews';
import { RoomRegistry } from './rooms';
import type { RouteInfo } from './router';
import { SECURITY_HEADERS } from './securityHeaders';
import { createStaticHandler } from './static';
import { openPostgresStorage } from './storage/postgres';
import { openSqliteStorage } from './storage/sqlite';
import { isStorageFailure, type Storage } from './storage/Storage';
import { attachSyncEndpoint } from './sync';

export interface StartOptions extends Partial<Omit<ServerConfig, 'dataDir' | 'staticDir'>> {
  dataDir: string;
  staticDir: string;
  log?: Logger;
  /** The clock for timestamps, link expiry and the 30-day restore window (tests move it forward). */
  now?: () => number;
  /** Storage to use instead of opening DATA_DIR/cjm.sqlite or DATABASE_URL (tests inject failing disks). */
  persistence?: Storage;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Maps whose room is in memory right now. */
  loadedMapIds(): string[];
  /** Open websocket connections (accepted ones, not those being refused). */
  connectionCount(): number;
  /** The API's routes (`GET`, `/api/maps/:id`…), for the tests that walk every one. */
  routes(): RouteInfo[];
  /** Closes every connection and writes everything to disk. */
  close(): Promise<void>;
}

const PURGE_EVERY_MS = 60 * 60 * 1000;

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const settings = { ...DEFAULTS, ...options };
  const authSecret = checkAuthSecret(settings.authSecret);
  const log = options.log ?? consoleLogger();
  const now = options.now ?? Date.now;

  // Throws DataDirError (one sentence naming the folder or database) when it cannot be used.
  // PostgreSQL is shared by every instance, so the one-server-per-folder lock is SQLite's alone.
  const persistence =
    options.persistence ??
    (settings.databaseUrl
      ? await openPostgresStorage(settings.databaseUrl, { onError: (message, error) => log.warn(message, error) })
      : openSqliteStorage(settings.dataDir));
  const reviews = openReviewStore({ persistence, now, log });
  const purge = async () => {
    try {
      const purged = await persistence.purgeDeletedBefore(now() - settings.restoreWindowMs);
      if (purged > 0) log.info(`purged ${purged} map(s) deleted more than 30 days ago`);
    } catch (error) {
      log.error('purging deleted maps failed', error);
    }
  };
  await purge();
  const purgeTimer = setInterval(() => void purge(), PURGE_EVERY_MS);
  purgeTimer.unref();

  // Cluster mode: stored updates and presence reach the other instances serving the same maps.
  const relay = settings.redisUrl ? await openRedisRelay(settings.redisUrl, { log, heartbeatMs: settings.relayHeartbeatMs }) : null;
  // …and the connection limits count every instance's connections.
  const connectionLimits = {
    maxConnectionsPerMap: settings.maxConnectionsPerMap,
    maxConnectionsPerIp: settings.maxConnectionsPerIp,
    reservedForEditors: settings.reservedForEditors,
  };
  const counts =
    settings.redisUrl && relay
      ? await openRedisConnectionCounts(settings.redisUrl, { instanceId: relay.instanceId, limits: connectionLimits, heartbeatMs: settings.relayHeartbeatMs, log })
      : new LocalConnectionCounts(connectionLimits);

  // Import, replace and big maps' compaction run in a worker thread, started on first use.
  const files = createFileJobs();
  const registry = new RoomRegistry({
    persistence,
    log,
    now,
    idleUnloadMs: settings.idleUnloadMs,
    compactAfter: settings.compactAfter,
    listRefreshMs: settings.listRefreshMs,
    maxMapBytes: settings.maxMapBytes,
    storageRetryMs: settings.storageRetryMs,
    onListEntry: (mapId, doc) => reviews.refreshHealth(mapId, doc),
    buildSnapshot: (rows) => files.snapshot(rows),
    relay: relay ?? undefined,
  });
  const access = createAccessControl({
    secret: authSecret,
    linkTtlMs: settings.linkTtlMs,
    now,
    findMap: (id) => persistence.findMap(id),
  });
  const hosts = createHostPolicy({
    openMode: authSecret === null,
    publicUrl: settings.publicUrl,
    allowedHosts: settings.allowedHosts,
  });
  let url = '';
  const api = createApi({
    persistence,
    files,
    log,
    backupLimits: { maxCount: settings.backupsPerMap, maxBytes: settings.backupBytesPerMap },
    registry,
    access,
    reviews,
    now,
    maxBodyBytes: settings.maxBodyBytes,
    maxMapBytes: settings.maxMapBytes,
    restoreWindowMs: settings.restoreWindowMs,
    publicUrl: settings.publicUrl,
    serverUrl: () => url,
    health: () =>
      healthOf({
        access: access.enabled ? 'links' : 'open',
        storageKind: settings.databaseUrl && !options.persistence ? 'postgres' : 'sqlite',
        persistence,
        relay,
        counts,
      }),
  });
  const serveStatic = createStaticHandler(settings.staticDir);

  const server = http.createServer(async (req, res) => {
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    const [pathname = '/', query = ''] = (req.url ?? '/').split('?', 2) as [string?, string?];
    try {
      const refusal = hosts.hostRefusal(req);
      if (refusal) throw new HttpError(403, refusal);
      if (api.owns(pathname)) return await api.handle(req, res, pathname, new URLSearchParams(query));
      serveStatic(req, res, pathname);
    } catch (error) {
      // The one error contract: every refusal and failure is {"error", "problems"?} with its status.
      if (error instanceof HttpError) return sendError(res, error);
      if (isStorageFailure(error)) {
        log.error(`${req.method} ${pathname}: the data directory refused a write`, error);
        return sendError(res, new HttpError(503, 'the server cannot store changes right now'));
      }
      // Stack traces go to the log only.
      log.error(`${req.method} ${pathname} failed`, error);
      sendError(res, new HttpError(500, 'internal error'));
    }
  });
  const sync = attachSyncEndpoint(server, {
    registry,
    access,
    hosts,
    log,
    now,
    counts,
    limits: {
      maxMessageBytes: settings.maxMessageBytes,
      maxConnectionsPerMap: settings.maxConnectionsPerMap,
      maxConnectionsPerIp: settings.maxConnectionsPerIp,
      reservedForEditors: settings.reservedForEditors,
      messagesPerSecond: settings.messagesPerSecond,
      messageBurst: settings.messageBurst,
      maxEarlyBytes: settings.maxEarlyBytes,
    },
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // The data directory is free again for whoever starts next.
    clearInterval(purgeTimer);
    await sync.close();
    await files.close();
    await counts.close();
    await relay?.close();
    await persistence.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  url = `http://${urlHost(settings.host)}:${port}`;

  let closing: Promise<void> | null = null;
  const close = async () => {
    clearInterval(purgeTimer);
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await sync.close();
    await counts.close();
    await registry.closeAll();
    await files.close();
    await relay?.close();
    await persistence.close();
    server.closeAllConnections();
    await stopped;
  };

  return {
    url,
    port,
    loadedMapIds: () => registry.loadedMapIds(),
    connectionCount: () => sync.connectionCount(),
    routes: () => api.routes(),
    close: () => (closing ??= close()),
  };
}
