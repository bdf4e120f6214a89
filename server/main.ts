// `npm start` / `npm run serve`: reads the environment, starts the server, and shuts it down
// cleanly on SIGINT/SIGTERM so everything is on disk before the process exits.
import { readConfig } from './config';
import { startServer } from './server';

const config = readConfig(process.env);
const server = await startServer(config);
console.log(`CJM Studio running at ${server.url} (data in ${config.dataDir})`);

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
