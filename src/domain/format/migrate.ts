// Files written by older versions always load: each migration turns version n into n + 1,
// moving fields only; the version 1 validator then checks every value. Each migration also
// says where a moved value came from, so a problem is reported at the path in the user's file.
import { NOTE_KINDS } from '../types';
import { formatProblem, type Problem } from './problems';
import { pathIndex, pathKey } from './types';

type Obj = Record<string, unknown>;

export interface MigrationStep {
  value: unknown;
  problems: Problem[];
  /** New path → path in the older file, for values that moved. Prefixes apply to everything below. */
  origins: Map<string, string>;
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function omit(o: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  return out;
}


/**
 * Version 0, the pre-release shape (see docs/FORMAT.md):
 *   root: title, scenario, persona (a string: who the customer is), cadenceDays, createdAt at the top level;
 *   touchpoints carry their notes inside as `fix`, `wow`, `planB` (arrays of strings), their quotes as
 *   `voices` ({text, source, sentiment, author, date, link}) and a single `score` (−2…+2: how the customer
 *   felt compared with what they expected) instead of expectation and perception;
 *   connections are {id, from, to}; there are no reviews.
 * Notes and quotes get ids `note-<n>` and `quote-<n>` and their touchpoint's `createdAt`. A score s becomes
 * expectation 3 and perception 3 + s, so satisfaction (perception − expectation) keeps its value.
 */
export function migrateV0toV1(root: Obj): MigrationStep {
  const problems: Problem[] = [];
  const origins = new Map<string, string>();
  const out: Obj = omit(root, ['version', 'title', 'scenario', 'persona', 'cadenceDays', 'createdAt']);
  out.version = 1;

  const map: Obj = {};
  origins.set('$.map', '$');
  for (const key of ['title', 'scenario', 'cadenceDays', 'createdAt']) {
    if (Object.hasOwn(root, key)) map[key] = root[key];
  }
  if (Object.hasOwn(root, 'persona')) {
    map.persona = typeof root.persona === 'string' ? { name: root.persona } : root.persona;
    origins.set('$.map.persona.name', '$.persona');
  }
  out.map = map;

  const notes: unknown[] = [];
  const quotes: unknown[] = [];
  if (Array.isArray(root.touchpoints)) {
    out.touchpoints = root.touchpoints.map((tp: unknown, i) => {
      if (!isObject(tp)) return tp;
      const tpPath = pathIndex('$.touchpoints', i);
      const moved = omit(tp, ['score', 'voices', 'fix', 'wow', 'planB']);

      const score = tp.score;
      if (score === undefined || score === null) {
        moved.expectation = null;
        moved.perception = null;
      } else if (typeof score === 'number' && Number.isInteger(score) && score >= -2 && score <= 2) {
        moved.expectation = 3;
        moved.perception = 3 + score;
      } else {
        problems.push(formatProblem(pathKey(tpPath, 'score'), { code: 'invalidScore', params: { min: -2, max: 2 } }));
      }
      origins.set(pathKey(tpPath, 'expectation'), pathKey(tpPath, 'score'));
      origins.set(pathKey(tpPath, 'perception'), pathKey(tpPath, 'score'));

      const embedded = (newPath: string, oldPath: string) => {
        origins.set(newPath, oldPath);
        origins.set(pathKey(newPath, 'touchpointId'), pathKey(tpPath, 'id'));
        origins.set(pathKey(newPath, 'createdAt'), pathKey(tpPath, 'createdAt'));
      };

      for (const kind of NOTE_KINDS) {
        const key = kind;
        const list = tp[key];
        if (list === undefined) continue;
        if (!Array.isArray(list)) {
          problems.push(formatProblem(pathKey(tpPath, key), { code: 'wrongType', params: { expected: 'arrayOfTexts' } }));
          continue;
        }
        list.forEach((text: unknown, j) => {
          const notePath = pathIndex('$.notes', notes.length);
          embedded(notePath, pathIndex(pathKey(tpPath, key), j));
          origins.set(pathKey(notePath, 'text'), pathIndex(pathKey(tpPath, key), j));
          notes.push({ id: `note-${notes.length + 1}`, touchpointId: tp.id, kind, text, createdAt: tp.createdAt });
        });
      }

      const voices = tp.voices;
      if (voices !== undefined) {
        if (!Array.isArray(voices)) {
          problems.push(formatProblem(pathKey(tpPath, 'voices'), { code: 'wrongType', params: { expected: 'arrayOfQuotes' } }));
        } else {
          voices.forEach((voice: unknown, j) => {
            const quotePath = pathIndex('$.quotes', quotes.length);
            const voicePath = pathIndex(pathKey(tpPath, 'voices'), j);
            embedded(quotePath, voicePath);
            if (!isObject(voice)) {
              quotes.push(voice);
              return;
            }
            const quote: Obj = omit(voice, ['author']);
            if (Object.hasOwn(voice, 'author')) {
              quote.who = voice.author;
              origins.set(pathKey(quotePath, 'who'), pathKey(voicePath, 'author'));
            }
            quote.id = `quote-${quotes.length + 1}`;
            quote.touchpointId = tp.id;
            quote.createdAt = tp.createdAt;
            quotes.push(quote);
          });
        }
      }
      return moved;
    });
  }

  if (Array.isArray(root.connections)) {
    out.connections = root.connections.map((c: unknown, i) => {
      if (!isObject(c)) return c;
      const path = pathIndex('$.connections', i);
      const moved = omit(c, ['from', 'to']);
      if (Object.hasOwn(c, 'from')) moved.sourceId = c.from;
      if (Object.hasOwn(c, 'to')) moved.targetId = c.to;
      origins.set(pathKey(path, 'sourceId'), pathKey(path, 'from'));
      origins.set(pathKey(path, 'targetId'), pathKey(path, 'to'));
      return moved;
    });
  }
  out.notes = notes;
  out.quotes = quotes;
  out.reviews = [];
  return { value: out, problems, origins };
}

/**
 * Version 1 had no stage layers. Version 2 adds `layers` and `cells` to the map and to each
 * review's snapshot; both lists are optional, so a version 1 file only needs its version raised
 * (the empty lists are written so the migrated value reads as a version 2 file would). Nothing moves.
 */
export function migrateV1toV2(root: Obj): MigrationStep {
  const withLayers = (snapshot: Obj): Obj => ({ layers: [], cells: [], ...snapshot });
  const out: Obj = { ...withLayers(root), version: 2 };
  if (Array.isArray(root.reviews)) {
    out.reviews = root.reviews.map((review: unknown) =>
      isObject(review) && isObject(review.snapshot) ? { ...review, snapshot: withLayers(review.snapshot) } : review,
    );
  }
  return { value: out, problems: [], origins: new Map() };
}

/** MIGRATIONS[n] turns version n into n + 1. */
const MIGRATIONS: readonly ((root: Obj) => MigrationStep)[] = [migrateV0toV1, migrateV1toV2];

export const OLDEST_SUPPORTED_VERSION = 0;

// `$.a[3]["x y"].b` → its prefixes, longest first.
const SEGMENT = /\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g;
function prefixesOf(path: string): string[] {
  const ends: number[] = [];
  for (const m of path.slice(1).matchAll(SEGMENT)) ends.push(1 + m.index + m[0].length);
  return ends.reverse().map((end) => path.slice(0, end));
}

/** The path in the older file that a path in the migrated value came from. */
export function originalPath(path: string, origins: Map<string, string>): string {
  for (const prefix of prefixesOf(path)) {
    const hit = origins.get(prefix);
    if (hit !== undefined) return hit + path.slice(prefix.length);
  }
  return path;
}

export interface Migrated {
  value: unknown;
  problems: Problem[];
  /** Maps a path in the current version to the path in the file as written. */
  rewritePath: (path: string) => string;
}

/** Runs every migration from `fromVersion` up to the current version. */
export function migrateToCurrent(root: Obj, fromVersion: number): Migrated {
  let value: unknown = root;
  const problems: Problem[] = [];
  const steps: Map<string, string>[] = [];
  for (let v = fromVersion; v < MIGRATIONS.length; v++) {
    if (!isObject(value)) break;
    const step = MIGRATIONS[v]!(value);
    // Problems of this step are in version v's paths: map them back through the earlier steps.
    for (const p of step.problems) problems.push({ ...p, path: rewriteThrough(p.path, steps) });
    steps.push(step.origins);
    value = step.value;
  }
  return { value, problems, rewritePath: (path) => rewriteThrough(path, steps) };
}

function rewriteThrough(path: string, steps: readonly Map<string, string>[]): string {
  let p = path;
  for (let i = steps.length - 1; i >= 0; i--) p = originalPath(p, steps[i]!);
  return p;
}
