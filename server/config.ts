// Server settings: defaults for a local install, overridable through the environment.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostnameOf } from './hosts';

export interface ServerConfig {
  port: number;
  host: string;
  /** Folder holding cjm.sqlite; created if missing. */
  dataDir: string;
  /** The built app (vite build output). */
  staticDir: string;
  /** A room with no connections leaves memory after this long. */
  idleUnloadMs: number;
  /** Stored updates per map before they are merged into one snapshot. */
  compactAfter: number;
  /** At most one refresh of a map's cached title and touchpoint count per this interval. */
  listRefreshMs: number;
  maxBodyBytes: number;
  /** Deleted maps can be restored for this long, then are purged. */
  restoreWindowMs: number;

  /** Signs the links; null: no access control (the local single-user mode). */
  authSecret: string | null;
  /** Origin put into minted links (https://cjm.example.com); null: taken from the request. */
  publicUrl: string | null;
  /** Host names answered besides IP addresses, localhost names and PUBLIC_URL's (DNS rebinding). */
  allowedHosts: readonly string[];
  /** How long a minted edit or view link works. */
  linkTtlMs: number;

  /** Largest websocket frame a client may send (bigger: closed with 1009). */
  maxMessageBytes: number;
  /** Largest stored size of one map; an update that would pass it is refused with 4413. */
  maxMapBytes: number;
  maxConnectionsPerMap: number;
  /** Below the per-map limit, so one address can never fill a map. */
  maxConnectionsPerIp: number;
  /** Places on each map only edit links may take: viewers fill at most the rest. */
  reservedForEditors: number;
  /** Sustained messages per second per connection (a token bucket)… */
  messagesPerSecond: number;
  /** …and how many may come at once. */
  messageBurst: number;
  /** Bytes a client may send before the server has accepted its connection. */
  maxEarlyBytes: number;
  /** After a failed write, a room refuses edits without touching the disk for this long. */
  storageRetryMs: number;
  /** Replace backups kept per map, and their bytes together; past either, the oldest go. */
  backupsPerMap: number;
  backupBytesPerMap: number;
  /** postgres://… : store in PostgreSQL instead of DATA_DIR/cjm.sqlite (cluster mode); null: SQLite. */
  databaseUrl: string | null;
  /** redis://… : relay updates and presence between instances sharing `databaseUrl`; null: one instance. */
  redisUrl: string | null;
  /** How often an instance tells the others it is alive; presence of one silent for 3 beats is dropped. */
  relayHeartbeatMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

export const DEFAULTS = {
  port: 4321,
  host: '127.0.0.1',
  idleUnloadMs: 30_000,
  compactAfter: 500,
  listRefreshMs: 1000,
  maxBodyBytes: 1 * MB,
  restoreWindowMs: 30 * DAY_MS,
  authSecret: null,
  publicUrl: null,
  allowedHosts: [],
  linkTtlMs: 90 * DAY_MS,
  maxMessageBytes: 5 * MB,
  maxMapBytes: 32 * MB,
  backupsPerMap: 3,
  backupBytesPerMap: 32 * MB,
  maxConnectionsPerMap: 200,
  maxConnectionsPerIp: 50,
  reservedForEditors: 20,
  messagesPerSecond: 200,
  messageBurst: 1000,
  maxEarlyBytes: 16 * 1024,
  storageRetryMs: 5000,
  databaseUrl: null,
  redisUrl: null,
  relayHeartbeatMs: 2000,
} as const satisfies Omit<ServerConfig, 'dataDir' | 'staticDir'>;

/** A secret shorter than this is refused at start: it would be guessable. */
export const AUTH_SECRET_MIN_LENGTH = 16;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

export function checkAuthSecret(secret: string | null): string | null {
  if (secret === null) return null;
  if (secret.length < AUTH_SECRET_MIN_LENGTH) {
    throw new Error(`AUTH_SECRET must be at least ${AUTH_SECRET_MIN_LENGTH} characters long`);
  }
  return secret;
}

function publicUrlFrom(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`PUBLIC_URL must start with http:// or https://, got "${raw}"`);
  }
  return url.origin;
}

/** `cjm.lan, Team-Box:8080` → ['cjm.lan', 'team-box']: names only, the port does not matter. */
function allowedHostsFrom(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.map((entry) => {
    const hostname = entry.includes('/') ? null : hostnameOf(entry);
    if (hostname === null) {
      throw new Error(`ALLOWED_HOSTS must be comma-separated host names (e.g. cjm.lan,team-box), got "${entry}"`);
    }
    return hostname;
  });
}

/** Editors' reserved places must leave viewers at least one. */
function reservedFrom(env: NodeJS.ProcessEnv): number {
  const perMap = intFrom(env, 'MAX_CONNECTIONS_PER_MAP', DEFAULTS.maxConnectionsPerMap, 1, 1_000_000);
  const fallback = Math.min(DEFAULTS.reservedForEditors, perMap - 1);
  return intFrom(env, 'RESERVED_FOR_EDITORS', fallback, 0, perMap - 1);
}

function urlFrom(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[]): string | null {
  const raw = env[name];
  if (!raw) return null;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new Error(`${name} must be a URL (${protocols.map((p) => `${p}//…`).join(' or ')})`);
  }
  if (!protocols.includes(protocol)) throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: intFrom(env, 'PORT', DEFAULTS.port, 0, 65535),
    host: env.HOST || DEFAULTS.host,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    staticDir: path.resolve(env.STATIC_DIR || path.join(projectRoot, 'dist')),
    idleUnloadMs: intFrom(env, 'IDLE_UNLOAD_MS', DEFAULTS.idleUnloadMs, 0, DAY_MS),
    compactAfter: intFrom(env, 'COMPACT_AFTER', DEFAULTS.compactAfter, 1, 1_000_000),
    listRefreshMs: DEFAULTS.listRefreshMs,
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    restoreWindowMs: DEFAULTS.restoreWindowMs,
    authSecret: checkAuthSecret(env.AUTH_SECRET || null),
    publicUrl: publicUrlFrom(env.PUBLIC_URL),
    allowedHosts: allowedHostsFrom(env.ALLOWED_HOSTS),
    linkTtlMs: intFrom(env, 'LINK_TTL_DAYS', DEFAULTS.linkTtlMs / DAY_MS, 1, 3650) * DAY_MS,
    maxMessageBytes: intFrom(env, 'MAX_MESSAGE_BYTES', DEFAULTS.maxMessageBytes, 1024, 1024 * MB),
    maxMapBytes: intFrom(env, 'MAX_MAP_BYTES', DEFAULTS.maxMapBytes, 1024, 16 * 1024 * MB),
    maxConnectionsPerMap: intFrom(env, 'MAX_CONNECTIONS_PER_MAP', DEFAULTS.maxConnectionsPerMap, 1, 1_000_000),
    maxConnectionsPerIp: intFrom(env, 'MAX_CONNECTIONS_PER_IP', DEFAULTS.maxConnectionsPerIp, 1, 1_000_000),
    reservedForEditors: reservedFrom(env),
    messagesPerSecond: intFrom(env, 'RATE_MESSAGES_PER_SECOND', DEFAULTS.messagesPerSecond, 1, 1_000_000),
    messageBurst: intFrom(env, 'RATE_BURST', DEFAULTS.messageBurst, 1, 10_000_000),
    maxEarlyBytes: intFrom(env, 'MAX_EARLY_BYTES', DEFAULTS.maxEarlyBytes, 0, 64 * MB),
    storageRetryMs: intFrom(env, 'STORAGE_RETRY_MS', DEFAULTS.storageRetryMs, 0, DAY_MS),
    backupsPerMap: intFrom(env, 'BACKUPS_PER_MAP', DEFAULTS.backupsPerMap, 1, 1000),
    backupBytesPerMap: intFrom(env, 'BACKUP_BYTES_PER_MAP', DEFAULTS.backupBytesPerMap, 0, 1024 * 1024 * MB),
    ...clusterFrom(env),
  };
}

function clusterFrom(env: NodeJS.ProcessEnv): Pick<ServerConfig, 'databaseUrl' | 'redisUrl' | 'relayHeartbeatMs'> {
  const databaseUrl = urlFrom(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = urlFrom(env, 'REDIS_URL', ['redis:', 'rediss:']);
  // Instances relaying to each other must also read and write the same maps.
  if (redisUrl && !databaseUrl) throw new Error('REDIS_URL needs DATABASE_URL: instances relaying to each other must share one database');
  return { databaseUrl, redisUrl, relayHeartbeatMs: intFrom(env, 'RELAY_HEARTBEAT_MS', DEFAULTS.relayHeartbeatMs, 100, 60_000) };
}
