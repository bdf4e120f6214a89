// One in-process server for a whole test file; the clients a test opens are closed after it.
// Kept apart from helpers.ts, which the soak script also imports outside vitest.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import type { RunningServer, StartOptions } from '../../server/server';
import { ClientPool, removeTempDirs, startTestServer, tempDir, type TestClient } from './helpers';

export interface SharedServer {
  /** The running server, from the file's beforeAll on. */
  readonly server: RunningServer;
  readonly url: string;
  readonly dataDir: string;
  /** A stock client on `mapId`, destroyed after the test. */
  client(mapId: string, options?: { doc?: Y.Doc; params?: Record<string, string> }): TestClient;
}

/** Call at the top of a test file. `options` is read when the server starts, so it may use the file's state. */
export function useSharedServer(options: () => Partial<StartOptions> = () => ({})): SharedServer {
  let server: RunningServer | undefined;
  let dataDir = '';
  const clients = new ClientPool();
  beforeAll(async () => {
    const chosen = options();
    dataDir = chosen.dataDir ?? tempDir();
    server = await startTestServer({ ...chosen, dataDir });
  });
  afterEach(() => clients.destroyAll());
  afterAll(async () => {
    await server?.close();
    removeTempDirs();
  });
  const running = (): RunningServer => {
    if (!server) throw new Error('the shared server is started in beforeAll');
    return server;
  };
  return {
    get server() {
      return running();
    },
    get url() {
      return running().url;
    },
    get dataDir() {
      return dataDir;
    },
    client: (mapId, clientOptions) => clients.connect(running().url, mapId, clientOptions),
  };
}
