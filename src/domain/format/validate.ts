// The one validation of a journey map file, shared by the UI (import) and the server (API).
// It never throws: whatever the input, the answer is either a clean snapshot or a list of
// problems, each naming the JSON path and what is wrong, so a bad file changes nothing.
import { checkDate, checkMeasure, checkRating, type FieldProblem, type FieldResult } from '../fields';
import {
  CELL,
  CHECKLIST,
  CONNECTION,
  LANE,
  LAYER,
  MAP_META,
  NOTE,
  PERSONA,
  QUOTE,
  REVIEW,
  TOUCHPOINT,
  fieldNames,
  fieldsOf,
  type AnySchema,
  type FieldDef,
  type RecordOf,
  type RefTarget,
} from '../schema';
import type { Id, JourneyMapSnapshot, MapMeta, Review, ReviewChecklist } from '../types';
import { scanJson, type JsonSyntaxError } from './jsonScan';
import { OLDEST_SUPPORTED_VERSION, migrateToCurrent } from './migrate';
import { formatProblem, kindOf, type ExpectedKind, type ListName, type ProblemDetail, type ReferenceKind } from './problems';
import {
  DEFAULT_FORMAT_LIMITS,
  ENTITY_ID_PATTERN,
  FORMAT_ID,
  FORMAT_VERSION,
  pathIndex,
  pathKey,
  type FormatLimits,
  type Problem,
} from './types';

export interface ParsedMap {
  snapshot: JourneyMapSnapshot;
  reviews: Review[];
}

export type ParseMapResult =
  | {
      ok: true;
      value: ParsedMap;
      /** Things ignored on the way in (unknown fields, repeated connections): worth showing, not blocking. */
      warnings: Problem[];
      /** The file's version when it was older and has been migrated; null for a current file. */
      migratedFrom: number | null;
    }
  | {
      ok: false;
      /** 413 when the input is over a size or count limit, 400 for everything else. */
      status: 400 | 413;
      problems: Problem[];
      warnings: Problem[];
    };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field check's problem (fields.ts) as a file problem; a blank required text is "empty", not "missing". */
function fromFieldProblem(problem: FieldProblem): ProblemDetail {
  switch (problem.code) {
    case 'required':
      return { code: 'empty', params: {} };
    case 'tooLong':
      return { code: 'tooLong', params: { max: problem.max } };
    case 'outOfRange':
      return { code: 'outOfRange', params: { min: problem.min, max: problem.max } };
    case 'notAllowed':
      return { code: 'notAllowed', params: { allowed: problem.allowed.join(', ') } };
    default:
      return { code: problem.code, params: {} };
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date and time with a zone, as `Date.toISOString()` writes it. */
export function checkTimestamp(raw: string): boolean {
  return TIMESTAMP.test(raw) && checkDate(raw.slice(0, 10)).ok && !Number.isNaN(Date.parse(raw));
}

// ---------------------------------------------------------------- collecting problems

class Report {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  status: 400 | 413 = 400;
  truncated = false;
  private readonly seen = new Set<string>();
  rewrite: (path: string) => string = (path) => path;

  constructor(readonly limits: FormatLimits) {}

  /** Once this many problems are listed, the rest of the file is not worth reading. */
  get full(): boolean {
    return this.problems.length >= this.limits.maxProblems;
  }

  /** True when reading should stop; notes that the rest was not checked. */
  stop(): boolean {
    if (this.full) this.truncated = true;
    return this.full;
  }

  problem(path: string, detail: ProblemDetail, status: 400 | 413 = 400): void {
    if (status === 413) this.status = 413;
    if (this.full) {
      this.truncated = true;
      return;
    }
    const problem = formatProblem(this.rewrite(path), detail);
    // A migrated file can hit one old field twice (a touchpoint's createdAt also dates its notes).
    const key = `${problem.path}\u0000${problem.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(problem);
  }

  warn(path: string, detail: ProblemDetail): void {
    if (this.warnings.length < this.limits.maxProblems) this.warnings.push(formatProblem(this.rewrite(path), detail));
  }
}

/** One JSON object being read: each getter reports its own problem and returns undefined on failure. */
class Fields {
  constructor(
    readonly r: Report,
    readonly o: Obj,
    readonly path: string,
    known: readonly string[] | null,
  ) {
    if (known) {
      for (const key of Object.keys(o)) if (!known.includes(key)) r.warn(pathKey(path, key), { code: 'unknownField', params: {} });
    }
  }

  at(key: string): string {
    return pathKey(this.path, key);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.o, key);
  }

  /** The raw value, or undefined after reporting a missing required field. */
  private raw(key: string): unknown {
    if (!this.has(key)) {
      this.r.problem(this.at(key), { code: 'required', params: {} });
      return undefined;
    }
    return this.o[key];
  }

  private wrongType(key: string, expected: ExpectedKind, value: unknown): undefined {
    this.r.problem(this.at(key), { code: 'wrongType', params: { expected, found: kindOf(value) } });
    return undefined;
  }

  private checked<T>(key: string, result: FieldResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.r.problem(this.at(key), fromFieldProblem(result.problem));
    return undefined;
  }

  /** A string checked by fields.ts; `fallback` makes it optional. */
  text(key: string, check: (raw: string) => FieldResult<string>, fallback?: string): string | undefined {
    if (fallback !== undefined && !this.has(key)) return fallback;
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return this.wrongType(key, 'string', v);
    return this.checked(key, check(v));
  }

  id(key: string): Id | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return this.wrongType(key, 'string', v);
    if (!ENTITY_ID_PATTERN.test(v)) {
      this.r.problem(this.at(key), { code: 'invalidId', params: {} });
      return undefined;
    }
    return v;
  }

  timestamp(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return this.wrongType(key, 'string', v);
    if (!checkTimestamp(v)) {
      this.r.problem(this.at(key), { code: 'invalidTimestamp', params: {} });
      return undefined;
    }
    return v;
  }

  finiteNumber(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number') return this.wrongType(key, 'number', v);
    // JSON cannot say Infinity, but 1e999 parses to it.
    if (!Number.isFinite(v)) return this.wrongType(key, 'finiteNumber', v);
    return v;
  }

  number(key: string, check: (raw: number) => FieldResult<number>, fallback?: number): number | undefined {
    if (fallback !== undefined && !this.has(key)) return fallback;
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number') return this.wrongType(key, 'number', v);
    return this.checked(key, check(v));
  }

  rating(key: string): number | null | undefined {
    if (!this.has(key)) return null;
    const v = this.o[key];
    if (v !== null && typeof v !== 'number') return this.wrongType(key, 'rating', v);
    const result = checkRating(v);
    return result.ok ? result.value : this.checked(key, result);
  }

  /** A finite number or null; missing reads as null. */
  measure(key: string): number | null | undefined {
    if (!this.has(key)) return null;
    const v = this.o[key];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) return this.wrongType(key, 'measure', v);
    return this.checked(key, checkMeasure(v));
  }

  boolean(key: string, fallback?: boolean): boolean | undefined {
    if (fallback !== undefined && !this.has(key)) return fallback;
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') return this.wrongType(key, 'boolean', v);
    return v;
  }

  /** A nested object, or undefined (reported) when missing or of the wrong type. */
  object(key: string, known: readonly string[] | null, optional = false): Fields | undefined {
    if (optional && !this.has(key)) return new Fields(this.r, {}, this.at(key), known);
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!isObject(v)) return this.wrongType(key, 'object', v);
    return new Fields(this.r, v, this.at(key), known);
  }

  array(key: string, optional: boolean): unknown[] | undefined {
    if (optional && !this.has(key)) return [];
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return this.wrongType(key, 'array', v);
    return v;
  }
}

/** Every entity id of one map (or of one review's snapshot): unique across all collections. */
class Scope {
  private readonly claimed = new Map<Id, string>();
  readonly stageIds = new Set<Id>();
  readonly channelIds = new Set<Id>();
  readonly touchpointIds = new Set<Id>();
  readonly layerIds = new Set<Id>();
  /** Lists that are missing or not arrays: references into them are not checked, to avoid an echo of problems. */
  readonly unreadable = new Set<string>();

  constructor(
    readonly r: Report,
    readonly path: string,
  ) {}

  claim(id: Id, path: string, into?: Set<Id>): void {
    const earlier = this.claimed.get(id);
    if (earlier !== undefined) {
      this.r.problem(path, { code: 'duplicateId', params: { id, firstPath: this.r.rewrite(earlier) } });
      return;
    }
    this.claimed.set(id, path);
    into?.add(id);
  }

  /** The ids a reference of this kind may point to, and the list they are in. */
  target(kind: RefTarget): { ids: ReadonlySet<Id>; list: ListName } {
    if (kind === 'stage') return { ids: this.stageIds, list: 'stages' };
    if (kind === 'channel') return { ids: this.channelIds, list: 'channels' };
    if (kind === 'layer') return { ids: this.layerIds, list: 'layers' };
    return { ids: this.touchpointIds, list: 'touchpoints' };
  }

  /** A reference to another entity; the problem names the list it should be in. */
  ref(f: Fields, key: string, kind: ReferenceKind & RefTarget): Id | undefined {
    const { ids, list } = this.target(kind);
    const id = f.id(key);
    if (id === undefined) return undefined;
    if (!ids.has(id) && !this.unreadable.has(list)) {
      const listPath = f.r.rewrite(pathKey(this.path, list));
      f.r.problem(f.at(key), { code: 'unknownReference', params: { kind, id, listPath } });
      return undefined;
    }
    return id;
  }
}

// ---------------------------------------------------------------- entities

const MAP_KEYS = [...fieldNames(MAP_META), 'persona'];
const SNAPSHOT_KEYS = ['map', 'stages', 'channels', 'touchpoints', 'connections', 'notes', 'quotes', 'layers', 'cells'] as const;
const ROOT_KEYS = ['format', 'version', 'exportedAt', ...SNAPSHOT_KEYS, 'reviews'] as const;
const REVIEW_KEYS = [...fieldNames(REVIEW), 'snapshot', 'checklist'];

/** Present in every value of `fields`: the entity is only built when all of its fields were read. */
function complete<T extends object>(fields: { [K in keyof T]: T[K] | undefined }): T | null {
  return Object.values(fields).some((v) => v === undefined) ? null : (fields as T);
}

interface Ids {
  /** Where the entity's own id is claimed; none for entities without one. */
  scope?: Scope;
  claimInto?: Set<Id>;
  /** References are resolved here. */
  refs?: Scope;
}

/** One field of an entity as its schema says: required or defaulted, checked, references resolved. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any value type
function readField(f: Fields, key: string, def: FieldDef<any>, ids: Ids): unknown {
  switch (def.kind) {
    case 'id': {
      const id = f.id(key);
      if (id !== undefined) ids.scope?.claim(id, f.at(key), ids.claimInto);
      return id;
    }
    case 'ref':
      return ids.refs!.ref(f, key, def.ref!);
    case 'text':
      return f.text(key, def.check, def.fallback);
    case 'order':
      return f.finiteNumber(key);
    case 'rating':
      return f.rating(key);
    case 'measure':
      return f.measure(key);
    case 'number':
    case 'tally':
      return f.number(key, def.check, def.fallback);
    case 'timestamp':
      return f.timestamp(key);
    case 'boolean':
      return f.boolean(key, def.fallback as boolean | undefined);
  }
}

/** An entity through its schema; null when any field is missing or wrong (each reported). */
function readRecord<S extends AnySchema>(f: Fields, schema: S, ids: Ids = {}): RecordOf<S> | null {
  const values: Record<string, unknown> = {};
  for (const [key, def] of fieldsOf(schema)) values[key] = readField(f, key, def, ids);
  return complete(values) as RecordOf<S> | null;
}

function readMeta(f: Fields): MapMeta | null {
  const own = readRecord(f, MAP_META);
  const personaFields = f.object('persona', fieldNames(PERSONA), true);
  const persona = personaFields ? readRecord(personaFields, PERSONA) : null;
  return own && persona ? { ...own, persona } : null;
}

function readConnection(f: Fields, scope: Scope): RecordOf<typeof CONNECTION> | null {
  const connection = readRecord(f, CONNECTION, { scope, refs: scope });
  if (connection && connection.sourceId === connection.targetId) {
    f.r.problem(f.at('targetId'), { code: 'selfConnection', params: {} });
    return null;
  }
  return connection;
}

// ---------------------------------------------------------------- snapshots and reviews

interface ListSpec {
  key: (typeof SNAPSHOT_KEYS)[number] & ListName;
  optional: boolean;
  max: keyof FormatLimits;
}

const LISTS: readonly ListSpec[] = [
  { key: 'stages', optional: false, max: 'maxStages' },
  { key: 'channels', optional: false, max: 'maxChannels' },
  { key: 'touchpoints', optional: false, max: 'maxTouchpoints' },
  { key: 'connections', optional: true, max: 'maxConnections' },
  { key: 'notes', optional: true, max: 'maxNotes' },
  { key: 'quotes', optional: true, max: 'maxQuotes' },
  { key: 'layers', optional: true, max: 'maxLayers' },
  { key: 'cells', optional: true, max: 'maxCells' },
];

function readItems<T>(
  f: Fields,
  key: string,
  items: unknown[],
  known: readonly string[],
  read: (item: Fields) => T | null,
): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    if (f.r.stop()) break;
    const path = pathIndex(f.at(key), i);
    const item = items[i];
    if (!isObject(item)) {
      f.r.problem(path, { code: 'wrongType', params: { expected: 'object', found: kindOf(item) } });
      continue;
    }
    const value = read(new Fields(f.r, item, path, known));
    if (value) out.push(value);
  }
  return out;
}

/** The map's content from the file root or from a review's `snapshot`. */
function readSnapshot(f: Fields): { snapshot: JourneyMapSnapshot | null; touchpointIds: ReadonlySet<Id> } {
  const { r } = f;
  const scope = new Scope(r, f.path);
  const mapFields = f.object('map', MAP_KEYS);
  const meta = mapFields ? readMeta(mapFields) : null;

  // Counts first: an oversized list is refused without reading a single item of it.
  const lists = new Map<string, unknown[]>();
  let tooMany = false;
  for (const spec of LISTS) {
    const items = f.array(spec.key, spec.optional);
    if (!items) {
      scope.unreadable.add(spec.key);
      continue;
    }
    const max = r.limits[spec.max];
    if (items.length > max) {
      r.problem(f.at(spec.key), { code: 'tooMany', params: { list: spec.key, count: items.length, limit: max } }, 413);
      tooMany = true;
    }
    lists.set(spec.key, items);
  }
  if (tooMany) return { snapshot: null, touchpointIds: scope.touchpointIds };
  const items = (key: string) => lists.get(key) ?? [];

  const stages = readItems(f, 'stages', items('stages'), fieldNames(LANE), (x) => readRecord(x, LANE, { scope, claimInto: scope.stageIds }));
  const channels = readItems(f, 'channels', items('channels'), fieldNames(LANE), (x) =>
    readRecord(x, LANE, { scope, claimInto: scope.channelIds }),
  );
  const touchpoints = readItems(f, 'touchpoints', items('touchpoints'), fieldNames(TOUCHPOINT), (x) =>
    readRecord(x, TOUCHPOINT, { scope, claimInto: scope.touchpointIds, refs: scope }),
  );

  const pairs = new Map<string, string>();
  const connections = readItems(f, 'connections', items('connections'), fieldNames(CONNECTION), (x) => {
    const c = readConnection(x, scope);
    if (!c) return null;
    // Two people connecting the same cards at once leaves two arrows; one is enough.
    const pair = `${c.sourceId}\u0000${c.targetId}`;
    const earlier = pairs.get(pair);
    if (earlier !== undefined) {
      r.warn(x.path, { code: 'duplicateConnection', params: { firstPath: r.rewrite(earlier) } });
      return null;
    }
    pairs.set(pair, x.path);
    return c;
  });
  const notes = readItems(f, 'notes', items('notes'), fieldNames(NOTE), (x) => readRecord(x, NOTE, { scope, refs: scope }));
  const quotes = readItems(f, 'quotes', items('quotes'), fieldNames(QUOTE), (x) => readRecord(x, QUOTE, { scope, refs: scope }));

  const layers = readItems(f, 'layers', items('layers'), fieldNames(LAYER), (x) => readRecord(x, LAYER, { scope, claimInto: scope.layerIds }));
  const cellPlaces = new Map<string, string>();
  const cells = readItems(f, 'cells', items('cells'), fieldNames(CELL), (x) => {
    const cell = readRecord(x, CELL, { scope, refs: scope });
    if (!cell) return null;
    // One cell per layer and stage: a second would leave the canvas to pick which one to show.
    const place = `${cell.layerId}\u0000${cell.stageId}`;
    const earlier = cellPlaces.get(place);
    if (earlier !== undefined) {
      r.problem(x.at('stageId'), { code: 'duplicateCell', params: { firstPath: r.rewrite(earlier) } });
      return null;
    }
    cellPlaces.set(place, x.path);
    return cell;
  });

  const snapshot =
    meta && lists.size === LISTS.length ? { meta, stages, channels, touchpoints, connections, notes, quotes, layers, cells } : null;
  return { snapshot, touchpointIds: scope.touchpointIds };
}

function readChecklist(f: Fields, touchpointIds: ReadonlySet<Id>, listPath: string): Record<Id, ReviewChecklist> {
  const entries: [Id, ReviewChecklist][] = [];
  for (const [key, value] of Object.entries(f.o)) {
    if (f.r.stop()) break;
    const path = f.at(key);
    if (!touchpointIds.has(key)) {
      f.r.problem(path, { code: 'unknownReference', params: { kind: 'touchpoint', id: key, listPath: f.r.rewrite(listPath) } });
      continue;
    }
    if (!isObject(value)) {
      f.r.problem(path, { code: 'wrongType', params: { expected: 'object', found: kindOf(value) } });
      continue;
    }
    const entry: ReviewChecklist | null = readRecord(new Fields(f.r, value, path, fieldNames(CHECKLIST)), CHECKLIST);
    if (entry) entries.push([key, entry]);
  }
  // fromEntries, not assignment: a touchpoint id such as "__proto__" must stay a plain key.
  return Object.fromEntries(entries);
}

function readReviews(root: Fields): Review[] {
  const { r } = root;
  const list = root.array('reviews', true);
  if (!list) return [];
  if (list.length > r.limits.maxReviews) {
    r.problem(root.at('reviews'), { code: 'tooMany', params: { list: 'reviews', count: list.length, limit: r.limits.maxReviews } }, 413);
    return [];
  }
  const reviewIds = new Map<Id, string>();
  return readItems(root, 'reviews', list, REVIEW_KEYS, (f) => {
    const own = readRecord(f, REVIEW);
    const id = own?.id ?? (typeof f.o.id === 'string' ? f.o.id : undefined);
    if (id !== undefined && f.has('id')) {
      const earlier = reviewIds.get(id);
      if (earlier !== undefined) r.problem(f.at('id'), { code: 'duplicateId', params: { id, firstPath: r.rewrite(earlier) } });
      else reviewIds.set(id, f.at('id'));
    }
    const snapshotFields = f.object('snapshot', SNAPSHOT_KEYS);
    const read = snapshotFields ? readSnapshot(snapshotFields) : null;
    const checklistFields = f.object('checklist', null, true);
    const checklist = checklistFields
      ? readChecklist(checklistFields, read?.touchpointIds ?? new Set(), pathKey(f.at('snapshot'), 'touchpoints'))
      : undefined;
    if (!own) return null;
    return complete<Review>({ ...own, snapshot: read?.snapshot ?? undefined, checklist });
  });
}

// ---------------------------------------------------------------- entry points

function finish(r: Report, value: ParsedMap | null, migratedFrom: number | null): ParseMapResult {
  if (r.problems.length > 0 || !value) {
    const problems = [...r.problems];
    if (r.truncated) {
      problems.push(formatProblem('$', { code: 'tooManyProblems', params: { limit: r.limits.maxProblems } }));
    }
    if (problems.length === 0) problems.push(formatProblem('$', { code: 'notAJourneyMap', params: {} }));
    return { ok: false, status: r.status, problems, warnings: r.warnings };
  }
  return { ok: true, value, warnings: r.warnings, migratedFrom };
}

/** Validates an already parsed value (for callers that parse JSON themselves). */
export function validateMapValue(value: unknown, limits: Partial<FormatLimits> = {}): ParseMapResult {
  const r = new Report({ ...DEFAULT_FORMAT_LIMITS, ...limits });
  try {
    return validateRoot(r, value);
  } catch {
    // Not expected; the promise to callers is that validation answers, never throws.
    return { ok: false, status: 400, problems: [formatProblem('$', { code: 'unreadable', params: {} })], warnings: [] };
  }
}

function validateRoot(r: Report, value: unknown): ParseMapResult {
  if (!isObject(value)) {
    r.problem('$', { code: 'rootNotObject', params: { format: FORMAT_ID, found: kindOf(value) } });
    return finish(r, null, null);
  }
  // Another kind of file gets one clear message, not a hundred about missing fields.
  if (!Object.hasOwn(value, 'format')) {
    r.problem('$.format', { code: 'formatMissing', params: { format: FORMAT_ID } });
    return finish(r, null, null);
  }
  const format = value.format;
  if (format !== FORMAT_ID) {
    const params = typeof format === 'string' ? { format: FORMAT_ID, value: format.slice(0, 100) } : { format: FORMAT_ID, found: kindOf(format) };
    r.problem('$.format', { code: 'wrongFormat', params });
    return finish(r, null, null);
  }
  if (!Object.hasOwn(value, 'version')) {
    r.problem('$.version', { code: 'versionMissing', params: { current: FORMAT_VERSION } });
    return finish(r, null, null);
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    r.problem('$.version', { code: 'wrongType', params: { expected: 'integer', found: kindOf(version) } });
    return finish(r, null, null);
  }
  if (version > FORMAT_VERSION) {
    r.problem('$.version', { code: 'versionTooNew', params: { version, current: FORMAT_VERSION } });
    return finish(r, null, null);
  }
  if (version < OLDEST_SUPPORTED_VERSION) {
    r.problem('$.version', {
      code: 'versionUnknown',
      params: { version, oldest: OLDEST_SUPPORTED_VERSION, current: FORMAT_VERSION },
    });
    return finish(r, null, null);
  }

  let root: Obj = value;
  if (version < FORMAT_VERSION) {
    const migrated = migrateToCurrent(value, version);
    for (const p of migrated.problems) r.problem(p.path, p);
    r.rewrite = migrated.rewritePath;
    if (!isObject(migrated.value)) return finish(r, null, version);
    root = migrated.value;
  }

  const f = new Fields(r, root, '$', ROOT_KEYS);
  if (f.has('exportedAt') && typeof root.exportedAt !== 'string') {
    r.problem(f.at('exportedAt'), { code: 'wrongType', params: { expected: 'string', found: kindOf(root.exportedAt) } });
  }
  const { snapshot } = readSnapshot(f);
  const reviews = r.status === 413 ? [] : readReviews(f);
  return finish(r, snapshot ? { snapshot, reviews } : null, version < FORMAT_VERSION ? version : null);
}

/**
 * Reads a journey map file. Size and nesting are checked on the text before JSON.parse,
 * so an oversized or hostile file costs one linear scan and cannot exhaust memory or the stack.
 */
export function parseMapJson(text: string, limits: Partial<FormatLimits> = {}): ParseMapResult {
  const all = { ...DEFAULT_FORMAT_LIMITS, ...limits };
  const refuse = (status: 400 | 413, detail: ProblemDetail): ParseMapResult => ({
    ok: false,
    status,
    problems: [formatProblem('$', detail)],
    warnings: [],
  });
  try {
    if (typeof text !== 'string') return refuse(400, { code: 'notText', params: {} });
    if (text.length > all.maxChars) {
      return refuse(413, { code: 'tooLarge', params: { limit: all.maxChars, unit: 'characters', size: text.length } });
    }
    // Editors on Windows often save UTF-8 with a byte order mark.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const scan = scanJson(body, all.maxDepth);
    if (!scan.ok) {
      const where = { line: scan.line, column: scan.column };
      return scan.reason === 'depth'
        ? refuse(400, { code: 'tooDeep', params: { limit: all.maxDepth, ...where } })
        : refuse(400, { code: 'invalidJson', params: { reason: scan.error.code, ...syntaxParams(scan.error), ...where } });
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      return refuse(400, { code: 'invalidJson', params: { reason: 'engine', detail: e instanceof Error ? e.message : String(e) } });
    }
    return validateMapValue(value, all);
  } catch {
    return refuse(400, { code: 'unreadable', params: {} });
  }
}

const syntaxParams = (error: JsonSyntaxError): { found?: string; close?: string } =>
  'close' in error ? { found: error.found, close: error.close } : 'found' in error ? { found: error.found } : {};
