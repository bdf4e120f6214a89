// The layer table in docs/ARCHITECTURE.md and the one lint enforces (`LAYERS` in eslint.config.js)
// are one table: a row added, dropped or changed in one place only fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

interface Row {
  ours: string[];
  oursTypesOnly: string[];
  npm: string[];
}

const ROOT = join(import.meta.dirname, '../..');
const RULE = 'layers/allowed-imports';

const sorted = (row: Partial<Row>): Row => ({
  ours: [...(row.ours ?? [])].sort(),
  oursTypesOnly: [...(row.oursTypesOnly ?? [])].sort(),
  npm: [...(row.npm ?? [])].sort(),
});

/** The table under "## Layers": folder, what lives there, may import (ours), npm packages. */
function docsTable(): Record<string, Row> {
  const text = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
  const start = text.indexOf('## Layers');
  const section = text.slice(start, text.indexOf('\n## ', start + 1));
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`( \(types only\))?/g)];
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return Object.fromEntries(
    rows.map((line) => {
      const [folder = '', , ours = '', npm = ''] = line.slice(2, -2).split(' | ');
      const imports = names(ours);
      return [
        names(folder)[0]![1]!,
        sorted({
          ours: imports.filter((m) => !m[2]).map((m) => m[1]!),
          oursTypesOnly: imports.filter((m) => m[2]).map((m) => m[1]!),
          npm: names(npm).map((m) => m[1]!),
        }),
      ];
    }),
  );
}

async function lintTable(): Promise<Record<string, Row>> {
  const config = (await new ESLint({ cwd: ROOT }).calculateConfigForFile(join(ROOT, 'src/domain/ids.ts'))) as {
    rules: Record<string, [unknown, { layers: Record<string, Partial<Row>> }]>;
  };
  const layers = config.rules[RULE]![1].layers;
  return Object.fromEntries(Object.entries(layers).map(([folder, row]) => [folder, sorted(row)]));
}

describe('the layer table', () => {
  let table: Record<string, Row>;
  // Loading the lint config takes seconds on a busy machine.
  beforeAll(async () => {
    table = await lintTable();
  }, 60_000);

  it('is the same in docs/ARCHITECTURE.md and in eslint.config.js', () => {
    const docs = docsTable();
    expect(Object.keys(docs).length).toBeGreaterThan(10);
    expect(docs).toEqual(table);
  });

  it('has a row for every folder of code under src/', () => {
    // A folder git emptied (files moved away) may linger in a working copy: only folders with code count.
    const hasCode = (dir: string) => readdirSync(dir, { recursive: true }).some((f) => /\.tsx?$/.test(String(f)));
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && hasCode(join(ROOT, 'src', e.name)))
      .map((e) => `src/${e.name}/`);
    expect(folders.length).toBeGreaterThan(5);
    for (const folder of folders) expect(table).toHaveProperty([folder]);
  });

  it('lists only folders of the table as ours', () => {
    for (const row of Object.values(table)) {
      for (const folder of [...row.ours, ...row.oursTypesOnly]) if (folder !== '*') expect(table).toHaveProperty([folder]);
    }
  });
});
