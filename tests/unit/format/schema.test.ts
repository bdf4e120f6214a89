// docs/journey-map.schema.json and parseMapJson must agree: every property the schema
// requires is refused when missing, every optional one may be left out, every typed value
// of the wrong type is refused, and enums and limits match the app's own constants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT_LIMITS, FORMAT_ID, FORMAT_VERSION, pathIndex, pathKey } from '../../../src/domain/format/types';
import { parseMapJson } from '../../../src/domain/format/validate';
import { NAME_MAX, TEXT_MAX, TITLE_MAX, LINK_MAX, CADENCE_MAX, CADENCE_MIN } from '../../../src/domain/limits';
import { NOTE_KINDS, NOTE_STATUSES, QUOTE_SOURCES, SENTIMENTS, TOUCHPOINT_STATUSES } from '../../../src/domain/types';
import { looseFile } from './sampleMap';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
  maxItems?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  $defs?: Record<string, Schema>;
}

const root = JSON.parse(readFileSync(join(import.meta.dirname, '../../../docs/journey-map.schema.json'), 'utf8')) as Schema;

/** Follows $ref and merges allOf, so each object schema shows all its properties and required keys. */
function resolve(schema: Schema): Schema {
  let s = schema;
  while (s.$ref) {
    const name = s.$ref.replace('#/$defs/', '');
    const { $ref: _, ...rest } = s;
    s = { ...root.$defs![name]!, ...rest };
  }
  if (s.allOf) {
    const parts = s.allOf.map(resolve);
    s = {
      ...s,
      allOf: undefined,
      properties: Object.assign({}, ...parts.map((p) => p.properties), s.properties),
      required: [...parts.flatMap((p) => p.required ?? []), ...(s.required ?? [])],
    };
  }
  return s;
}

type Json = Record<string, unknown>;

interface Location {
  /** JSON path of an object in the sample file. */
  path: string;
  /** Steps from the root to reach it. */
  steps: (string | number)[];
  schema: Schema;
}

/** Every object schema of the format, each paired with its first instance in the sample file. */
function objectLocations(): Location[] {
  const out: Location[] = [];
  const visit = (raw: Schema, value: unknown, path: string, steps: (string | number)[]) => {
    const schema = resolve(raw);
    if (Array.isArray(value)) {
      if (schema.items && value.length > 0) visit(schema.items, value[0], pathIndex(path, 0), [...steps, 0]);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (schema.properties) {
      // A $defs entry reached twice (root snapshot and review snapshot) is checked at both places.
      out.push({ path, steps, schema });
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (key in (value as Json)) visit(sub, (value as Json)[key], pathKey(path, key), [...steps, key]);
      }
    }
    if (schema.additionalProperties) {
      const first = Object.keys(value as Json)[0];
      if (first !== undefined) visit(schema.additionalProperties, (value as Json)[first], pathKey(path, first), [...steps, first]);
    }
  };
  visit(root, looseFile(), '$', []);
  return out;
}

function at(file: Json, steps: (string | number)[]): Json {
  let node: unknown = file;
  for (const step of steps) node = (node as Record<string | number, unknown>)[step];
  return node as Json;
}

const locations = objectLocations();
const cases = locations.flatMap((loc) =>
  Object.keys(loc.schema.properties!).map((key) => ({
    loc,
    key,
    required: (loc.schema.required ?? []).includes(key),
  })),
);

describe('schema and validator agree', () => {
  it('reaches every object of the format in the sample file', () => {
    const paths = locations.map((l) => l.path);
    for (const path of [
      '$',
      '$.map',
      '$.map.persona',
      '$.stages[0]',
      '$.channels[0]',
      '$.touchpoints[0]',
      '$.connections[0]',
      '$.notes[0]',
      '$.quotes[0]',
      '$.layers[0]',
      '$.cells[0]',
      '$.reviews[0]',
      '$.reviews[0].snapshot',
      '$.reviews[0].snapshot.touchpoints[0]',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths.some((p) => p.startsWith('$.reviews[0].checklist['))).toBe(true);
  });

  it.each(cases.filter((c) => c.required).map((c) => [pathKey(c.loc.path, c.key), c] as const))(
    'refuses a file without required %s',
    (path, { loc, key }) => {
      const file = looseFile();
      delete at(file, loc.steps)[key];
      const result = parseMapJson(JSON.stringify(file));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toContainEqual(
        expect.objectContaining({ path, code: expect.stringMatching(/^(required|formatMissing|versionMissing)$/), message: expect.stringMatching(/^is required/) }),
      );
    },
  );

  it.each(cases.filter((c) => !c.required).map((c) => [pathKey(c.loc.path, c.key), c] as const))(
    'accepts a file without optional %s',
    (_, { loc, key }) => {
      const file = looseFile();
      delete at(file, loc.steps)[key];
      // Cells refer to their layer: a file without layers has no cells either.
      if (key === 'layers') delete at(file, loc.steps).cells;
      expect(parseMapJson(JSON.stringify(file))).toMatchObject({ ok: true, warnings: [] });
    },
  );

  const wrongValue = (schema: Schema): unknown => {
    const s = resolve(schema);
    if (s.const !== undefined || s.enum) return 'not-one-of-these';
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('string')) return 42;
    if (types.includes('array')) return {};
    return 'text';
  };

  it.each(cases.map((c) => [pathKey(c.loc.path, c.key), c] as const))('refuses a wrong type or value at %s', (path, { loc, key }) => {
    const file = looseFile();
    at(file, loc.steps)[key] = wrongValue(loc.schema.properties![key]!);
    const result = parseMapJson(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toContain(path);
  });

  it('lists the same choices, limits and identity as the app', () => {
    const defs = root.$defs!;
    const prop = (def: string, key: string) => resolve(defs[def]!.properties![key]!);
    expect(root.properties!.format!.const).toBe(FORMAT_ID);
    expect(root.properties!.version!.const).toBe(FORMAT_VERSION);
    expect(prop('touchpoint', 'status').enum).toEqual([...TOUCHPOINT_STATUSES]);
    expect(prop('note', 'kind').enum).toEqual([...NOTE_KINDS]);
    expect(prop('note', 'status').enum).toEqual([...NOTE_STATUSES]);
    expect(prop('quote', 'source').enum).toEqual([...QUOTE_SOURCES]);
    expect(prop('quote', 'sentiment').enum).toEqual([...SENTIMENTS]);
    expect([defs.title!.maxLength, defs.longText!.maxLength, defs.name!.maxLength, defs.link!.maxLength]).toEqual([
      TITLE_MAX,
      TEXT_MAX,
      NAME_MAX,
      LINK_MAX,
    ]);
    expect([prop('map', 'cadenceDays').minimum, prop('map', 'cadenceDays').maximum]).toEqual([CADENCE_MIN, CADENCE_MAX]);
    const lists = defs.snapshot!.properties!;
    expect({
      stages: lists.stages!.maxItems,
      channels: lists.channels!.maxItems,
      touchpoints: lists.touchpoints!.maxItems,
      connections: lists.connections!.maxItems,
      notes: lists.notes!.maxItems,
      quotes: lists.quotes!.maxItems,
      reviews: root.properties!.reviews!.maxItems,
    }).toEqual({
      stages: DEFAULT_FORMAT_LIMITS.maxStages,
      channels: DEFAULT_FORMAT_LIMITS.maxChannels,
      touchpoints: DEFAULT_FORMAT_LIMITS.maxTouchpoints,
      connections: DEFAULT_FORMAT_LIMITS.maxConnections,
      notes: DEFAULT_FORMAT_LIMITS.maxNotes,
      quotes: DEFAULT_FORMAT_LIMITS.maxQuotes,
      reviews: DEFAULT_FORMAT_LIMITS.maxReviews,
    });
  });
});
