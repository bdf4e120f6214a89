// Lint refuses each break of the layer table (docs/ARCHITECTURE.md) named in issue 11, and lets the
// table's own imports through: one snippet linted at a path inside the folder under test.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const RULE = 'layers/allowed-imports';

// Loading the config and the TypeScript parser takes seconds on a busy machine: once, with room.
const LOAD_MS = 60_000;
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  await eslint.lintText('export {};', { filePath: join(ROOT, 'src/domain/warmUp.ts') });
}, LOAD_MS);

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
}

const REFUSED: [break_: string, filePath: string, code: string, says: RegExp][] = [
  ['dynamic import of yjs in React code', 'src/canvas/Lazy.tsx', "export const loadYjs = () => import('yjs');", /src\/canvas\/ may not import the package 'yjs'/],
  ['a Yjs type in React code', 'src/panels/Doc.tsx', "export type Doc = import('yjs').Doc;", /'yjs'/],
  ['server → src/io (the old browser I/O folder)', 'server/export.ts', "export { actionPlanCsvFor } from '../src/io/actionPlan';", /outside every folder/],
  ['server → browser I/O (src/app/io)', 'server/export.ts', "import { readFileText } from '../src/app/io/files';\nexport { readFileText };", /server\/ may not import src\/app\//],
  ['server → src/sync', 'server/export.ts', "import { openMapSession } from '../src/sync/session';\nexport { openMapSession };", /server\/ may not import src\/sync\//],
  ['server → React i18n', 'server/export.ts', "export { useT } from '../src/locales/i18n';", /server\/ may not import src\/locales\/i18n\.ts/],
  ['domain → locales', 'src/domain/words.ts', "import { en } from '../locales/en';\nexport const words = en;", /src\/domain\/ may not import src\/locales\//],
  ['domain → an npm package', 'src/domain/state.ts', "import { create } from 'zustand';\nexport const make = create;", /src\/domain\/ may not import the package 'zustand'/],
  ['ui → sync', 'src/ui/Session.tsx', "export { openMapSession } from '../sync/session';", /src\/ui\/ may not import src\/sync\//],
  ['panels → app', 'src/panels/Header.tsx', "import { MapHeader } from '../app/MapHeader';\nexport { MapHeader };", /src\/panels\/ may not import src\/app\//],
  ['a value from src/doc in React code', 'src/canvas/Read.ts', "import { readMeta } from '../doc/read';\nexport { readMeta };", /only types from src\/doc\//],
  ['a worker from a folder not allowed', 'src/canvas/Worker.ts', "export const w = new Worker(new URL('../sync/session.ts', import.meta.url));", /src\/canvas\/ may not import src\/sync\//],
  ['a computed dynamic import', 'src/canvas/Lazy.ts', "const name = 'yjs';\nexport const load = () => import(name);", /computed path/],
  ['a folder under src/ missing from the table', 'src/newFolder/thing.ts', 'export const thing = 1;', /not in the layer table/],
];

describe('lint refuses each break of the layer table', () => {
  it.each(REFUSED)('%s', async (_break, filePath, code, says) => {
    const errors = await layerErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
  });
});

const ALLOWED: [what: string, filePath: string, code: string][] = [
  ['server → domain, doc, locales, its packages', 'server/export.ts', [
    "import * as Y from 'yjs';",
    "import { readFileSync } from 'node:fs';",
    "import { parseMapJson } from '../src/domain/format';",
    "import { readMeta } from '../src/doc/read';",
    "import { actionPlanCsvFor } from '../src/locales/actionPlan';",
    'export { Y, readFileSync, parseMapJson, readMeta, actionPlanCsvFor };',
  ].join('\n')],
  ['React code → types of src/doc', 'src/canvas/Lanes.tsx', "import type { LaneKind } from '../doc/commands';\nexport type Lane = LaneKind;"],
  ['React code → i18n, store, ui', 'src/panels/Thing.tsx', [
    "import { useT } from '../locales/i18n';",
    "import { useMapSession } from '../store/context';",
    "import { Modal } from '../ui/Modal';",
    'export { useT, useMapSession, Modal };',
  ].join('\n')],
  ['a worker beside its page', 'src/app/io/check.ts', "export const w = new Worker(new URL('./checkMapFile.worker.ts', import.meta.url));"],
];

describe('lint refuses a break whichever folder it runs from', () => {
  it('runs in src/', async () => {
    const [result] = await new ESLint({ cwd: join(ROOT, 'src') }).lintText("export { en } from '../locales/en';", {
      filePath: join(ROOT, 'src/domain/words.ts'),
    });
    expect(result!.messages.map((m) => m.ruleId)).toEqual([RULE]);
  }, LOAD_MS);
});

describe('lint lets the table through', () => {
  it.each(ALLOWED)('%s', async (_what, filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});
