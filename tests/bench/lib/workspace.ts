// Temporary data folders for benchmark servers, removed when the run ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newMapId } from '../../../src/domain/ids';

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cjm-bench-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Creates a map through the server's HTTP API and returns its id. */
export async function createMapOverHttp(baseUrl: string, title: string, template: 'default' | 'blank' = 'default'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, template }),
  });
  if (response.status !== 201) throw new Error(`creating a map failed: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A room name for the reference server, which has no map list: any id-shaped name will do. */
export const referenceRoomName = () => newMapId();
