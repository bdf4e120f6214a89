// Server settings: defaults for a local install, overridable through the environment.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULTS = {
  port: 4321,
  host: '127.0.0.1',
  idleUnloadMs: 30_000,
  compactAfter: 500,
  listRefreshMs: 1000,
  maxBodyBytes: 1024 * 1024,
  restoreWindowMs: 30 * DAY_MS,
} as const;

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
  };
}
