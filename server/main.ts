// `npm start` / `npm run serve`: reads the environment, starts the server, and shuts it down
// cleanly on SIGINT/SIGTERM so everything is on disk before the process exits.
import { readConfig } from './config';
import { isLoopbackName } from './hosts';
import { startServer } from './server';
import { describeDatabaseUrl } from './storage/postgres';
import { DataDirError } from './storage/Storage';

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig(process.env);
} catch (error) {
  // A setting the operator got wrong: the message says which; a stack trace would only bury it.
  console.error(`Cannot start CJM Studio: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer(config);
} catch (error) {
  // The data folder is missing and cannot be made, read-only, or another server holds it:
  // one line naming the folder. Anything else keeps its stack, it is a bug.
  if (!(error instanceof DataDirError)) throw error;
  console.error(`Cannot start CJM Studio: ${error.message}`);
  process.exit(1);
}
const dataIn = config.databaseUrl ? `PostgreSQL ${describeDatabaseUrl(config.databaseUrl)}` : config.dataDir;
console.log(`CJM Studio running at ${server.url} (data in ${dataIn}${config.redisUrl ? ', relay through Redis' : ''})`);
if (config.authSecret) {
  console.log('Access: AUTH_SECRET is set; maps open only with their edit or view links.');
} else if (isLoopbackName(config.host)) {
  console.log(`Access: open (no AUTH_SECRET), so listening on ${config.host} only: this machine, one person.`);
} else {
  console.warn(
    `WARNING: listening on ${config.host} without AUTH_SECRET: anyone who can reach this port can read, ` +
      'change and delete every map. Set AUTH_SECRET (at least 16 characters) to require links.',
  );
}

// DNS rebinding guard (server/hosts.ts): say which names work before someone meets a 403.
const names = [...new Set([...config.allowedHosts, ...(config.publicUrl ? [new URL(config.publicUrl).hostname] : [])])];
console.log(
  `Host names: ${names.length === 0 ? 'IP addresses and localhost names only.' : `IP addresses, localhost names and ${names.join(', ')}.`} ` +
    'To open it by another name (http://my-box.lan:4321), add the name to ALLOWED_HOSTS (comma-separated).',
);

const shutdown = (signal: string) => {
  console.log(`${signal}: saving and shutting down…`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('shutdown failed', error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
