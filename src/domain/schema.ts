// One declarative schema per entity: each field's type, check, default, whether the file
// requires it, how a wrong value from a peer reads, and how it appears in the JSON Schema.
// The TS types (types.ts), the doc readers (src/doc/read.ts), the file validator
// (format/validate.ts), the clipboard reader, the export's key order and
// docs/journey-map.schema.json (format/jsonSchema.ts) all come from these definitions, so a
// new field is written once here (plus its UI and words). Modelled on tldraw's record types.
import {
  checkCadence,
  checkColor,
  checkDate,
  checkLink,
  checkLongText,
  checkMeasure,
  checkMetric,
  checkName,
  checkOneOf,
  checkOptionalTitle,
  checkRating,
  checkTitle,
  type FieldResult,
} from './fields';
import { CADENCE_MAX, CADENCE_MIN, DEFAULT_CADENCE_DAYS, RATING_MAX, RATING_MIN } from './limits';

/** How a field is read from a file (format/validate.ts picks its reader by this). */
export type FieldKind =
  | 'id' // the entity's own id
  | 'ref' // an id of another entity (`ref` names which)
  | 'text' // a string through `check` (titles, texts, names, enums, colours, dates, links)
  | 'order' // a finite number: fractional position among siblings
  | 'rating' // 1–5 or null
  | 'measure' // a finite number or null
  | 'number' // a number through `check`
  | 'tally' // a number in the file; one entry per voter in the doc, summed when read
  | 'timestamp' // ISO date and time with a zone
  | 'boolean';

export type RefTarget = 'stage' | 'channel' | 'touchpoint' | 'layer';

/** A fragment of JSON Schema; `$ref` names one of the shared shapes in format/jsonSchema.ts. */
export type JsonFragment = Record<string, unknown>;

export interface FieldDef<T, E extends boolean = boolean> {
  readonly kind: FieldKind;
  /** The check an edit, a paste and an import go through. */
  readonly check: (raw: T) => FieldResult<T>;
  /** Does `raw` have the field's type (before its check)? Guards clipboard and peer values. */
  readonly is: (raw: unknown) => raw is T;
  /**
   * A new entity's value and what a file may leave out. `undefined`: the file must have the
   * field (and a new entity gets it from whoever creates it).
   */
  readonly fallback: T | undefined;
  /** What a value of the wrong type (or failing `check`, with `strictPeer`) from a peer reads as. */
  readonly peerFallback: T;
  /**
   * Whether a peer's value must also pass `check` to be shown: true where a bad value could
   * do harm (a link that runs script, a colour injected into CSS, a status nobody knows).
   * Free text only needs the right type: a peer's overlong text is refused by the server.
   */
  readonly strictPeer: boolean;
  /** People change it through edit commands (its check then guards the edit). */
  readonly editable: E;
  readonly ref?: RefTarget;
  readonly json: JsonFragment;
  /** One line for the JSON Schema's description. */
  readonly doc?: string;
}

type Options<T> = Partial<Pick<FieldDef<T>, 'fallback' | 'doc'>>;

const isString = (v: unknown): v is string => typeof v === 'string';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRating = (v: unknown): v is number | null => v === null || isFiniteNumber(v);
const isMeasure = isRating;
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });

type Base<T> = Omit<FieldDef<T>, 'fallback' | 'editable' | 'doc'>;

function define<T, E extends boolean>(editable: E, base: Base<T>, options: Options<T>): FieldDef<T, E> {
  const json = { ...base.json };
  if (options.fallback !== undefined) json.default = options.fallback;
  if (options.doc) json.description = options.doc;
  return { fallback: undefined, ...base, ...options, editable, json };
}
/** A field people edit: its check guards every edit command. */
const field = <T>(base: Base<T>, options: Options<T> = {}) => define(true, base, options);
/** A field the app sets itself (ids, references, order, timestamps, tallies). */
const fixed = <T>(base: Base<T>, options: Options<T> = {}) => define(false, base, options);

/** Field builders, one per kind of value. */
export const f = {
  id: () => fixed({ kind: 'id', check: ok, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/id' } }),
  ref: (target: RefTarget) =>
    fixed({ kind: 'ref', ref: target, check: ok, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/id' } }),
  /** Required, non-empty, up to TITLE_MAX. */
  title: (options?: Options<string>) =>
    field({ kind: 'text', check: checkTitle, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/title' } }, options),
  optionalTitle: (options?: Options<string>) =>
    field(
      { kind: 'text', check: checkOptionalTitle, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/optionalTitle' } },
      { fallback: '', ...options },
    ),
  longText: (options?: Options<string>) =>
    field(
      { kind: 'text', check: checkLongText, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/longText' } },
      { fallback: '', ...options },
    ),
  /** A person's name: an owner, who said a quote. */
  name: (options?: Options<string>) =>
    field({ kind: 'text', check: checkName, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/name' } }, { fallback: '', ...options }),
  color: (peerFallback: string, options?: Options<string>) =>
    field({ kind: 'text', check: checkColor, is: isString, peerFallback, strictPeer: true, json: { $ref: '#/$defs/color' } }, options),
  date: (options?: Options<string>) =>
    field({ kind: 'text', check: checkDate, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/date' } }, options),
  link: (options?: Options<string>) =>
    field({ kind: 'text', check: checkLink, is: isString, peerFallback: '', strictPeer: true, json: { $ref: '#/$defs/link' } }, { fallback: '', ...options }),
  oneOf: <T extends string>(allowed: readonly T[], peerFallback: T, options?: Options<T>) =>
    field<T>(
      {
        kind: 'text',
        check: (raw) => checkOneOf(raw, allowed),
        is: (v): v is T => isString(v),
        peerFallback,
        strictPeer: true,
        json: { enum: [...allowed] },
      },
      options,
    ),
  order: () => fixed({ kind: 'order', check: ok, is: isFiniteNumber, peerFallback: 0, strictPeer: false, json: { $ref: '#/$defs/order' } }),
  rating: (options?: Options<number | null>) =>
    field<number | null>(
      { kind: 'rating', check: checkRating, is: isRating, peerFallback: null, strictPeer: true, json: { $ref: '#/$defs/rating' } },
      { fallback: null, ...options },
    ),
  /** A KPI's figure (actual, target): any finite number, or null while not set. */
  measure: (options?: Options<number | null>) =>
    field<number | null>(
      { kind: 'measure', check: checkMeasure, is: isMeasure, peerFallback: null, strictPeer: false, json: { $ref: '#/$defs/measure' } },
      { fallback: null, ...options },
    ),
  /** A KPI's name: NPS, CSAT, CES or the team's own. */
  metric: (options?: Options<string>) =>
    field({ kind: 'text', check: checkMetric, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/metric' } }, { fallback: '', ...options }),
  cadence: (options?: Options<number>) =>
    field(
      {
        kind: 'number',
        check: checkCadence,
        is: isFiniteNumber,
        peerFallback: DEFAULT_CADENCE_DAYS,
        strictPeer: true,
        json: { type: 'integer', minimum: CADENCE_MIN, maximum: CADENCE_MAX },
      },
      { fallback: DEFAULT_CADENCE_DAYS, ...options },
    ),
  tally: (limit: number, options?: Options<number>) =>
    fixed(
      {
        kind: 'tally',
        check: (raw: number): FieldResult<number> => {
          if (!Number.isInteger(raw)) return { ok: false, problem: { code: 'notInteger' } };
          if (Math.abs(raw) > limit) return { ok: false, problem: { code: 'outOfRange', min: -limit, max: limit } };
          return ok(raw);
        },
        is: isFiniteNumber,
        peerFallback: 0,
        strictPeer: false,
        json: { type: 'integer', minimum: -limit, maximum: limit },
      },
      { fallback: 0, ...options },
    ),
  timestamp: () => fixed({ kind: 'timestamp', check: ok, is: isString, peerFallback: '', strictPeer: false, json: { $ref: '#/$defs/timestamp' } }),
  boolean: (options?: Options<boolean>) =>
    fixed({ kind: 'boolean', check: ok, is: isBoolean, peerFallback: false, strictPeer: false, json: { type: 'boolean' } }, options),
};

// ---------------------------------------------------------------- entities

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any value type
type AnyField = FieldDef<any, boolean>;
export type AnySchema = EntitySchema<object>;
/** A schema's fields as a plain table, for code that walks them. */
// Asked on every read of every entity (doc observers, validation): built once per schema.
const fieldTables = new WeakMap<AnySchema, readonly [string, AnyField][]>();
export function fieldsOf(schema: AnySchema): readonly [string, AnyField][] {
  let table = fieldTables.get(schema);
  if (!table) {
    table = Object.entries(schema.fields);
    fieldTables.set(schema, table);
  }
  return table;
}

export interface EntitySchema<F = Record<string, AnyField>> {
  /** The `$defs` name in the JSON Schema. */
  readonly name: string;
  readonly description?: string;
  /** In file order: the export writes keys in this order. */
  readonly fields: F;
}

/** The plain value an entity schema describes. */
export type RecordOf<S extends EntitySchema<object>> = {
  -readonly [K in keyof S['fields']]: S['fields'][K] extends { peerFallback: infer T } ? T : never;
};

// `fields` is left unconstrained here: a contextual FieldDef<any> would widen each enum field to string.
const entity = <F extends object>(name: string, fields: F, description?: string) =>
  ({ name, fields, description }) as EntitySchema<F>;

export const TOUCHPOINT_STATUSES = ['active', 'new', 'retired'] as const;
export const NOTE_KINDS = ['fix', 'wow', 'planB'] as const;
export const NOTE_STATUSES = ['idea', 'planned', 'inProgress', 'done'] as const;
export const QUOTE_SOURCES = ['survey', 'review', 'interview', 'support', 'social', 'rolePlay'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

/** Net votes of a note stay within this range (a workshop dot-vote never gets near it). */
export const VOTES_LIMIT = 1_000_000;

export const PERSONA = entity('persona', {
  name: f.optionalTitle(),
  description: f.longText(),
  goal: f.longText(),
});

/** The map's own fields; `persona` is nested in the file and flat (`personaName`…) in the doc. */
export const MAP_META = entity('map', {
  title: f.title(),
  scenario: f.longText(),
  cadenceDays: f.cadence({ doc: 'Days after which a touchpoint without a newer quote counts as quiet.' }),
  createdAt: f.timestamp(),
});

/** Stages (columns) and channels (lanes) share one shape. */
export const LANE = entity(
  'lane',
  {
    id: f.id(),
    title: f.title(),
    color: f.color('#64748b'),
    order: f.order(),
    owner: f.name({ doc: 'Who in the company looks after this stage or channel.' }),
  },
  'A stage (column) or a channel (lane).',
);

export const TOUCHPOINT = entity('touchpoint', {
  id: f.id(),
  title: f.title(),
  description: f.longText(),
  stageId: f.ref('stage'),
  channelId: f.ref('channel'),
  order: f.order(),
  status: f.oneOf(TOUCHPOINT_STATUSES, 'active', { fallback: 'active' }),
  owner: f.name(),
  expectation: f.rating(),
  perception: f.rating(),
  createdAt: f.timestamp(),
});

export const CONNECTION = entity('connection', {
  id: f.id(),
  sourceId: f.ref('touchpoint'),
  targetId: f.ref('touchpoint'),
});

export const NOTE = entity(
  'note',
  {
    id: f.id(),
    touchpointId: f.ref('touchpoint'),
    kind: f.oneOf(NOTE_KINDS, 'fix'),
    text: f.longText(),
    status: f.oneOf(NOTE_STATUSES, 'idea', { fallback: 'idea' }),
    owner: f.name(),
    votes: f.tally(VOTES_LIMIT, { doc: 'Net dot-votes.' }),
    createdAt: f.timestamp(),
  },
  'A Fix, WOW or Plan B note on a touchpoint.',
);

export const QUOTE = entity(
  'quote',
  {
    id: f.id(),
    touchpointId: f.ref('touchpoint'),
    text: f.longText({ fallback: undefined }),
    source: f.oneOf(QUOTE_SOURCES, 'survey', { fallback: 'survey' }),
    sentiment: f.oneOf(SENTIMENTS, 'neutral', { fallback: 'neutral' }),
    who: f.name(),
    date: f.date({ doc: 'The day the customer said it.' }),
    link: f.link(),
    createdAt: f.timestamp(),
  },
  "The customer's voice at a touchpoint.",
);

/** The per-touchpoint checklist of review mode, in the order review mode asks. */
export const CHECKLIST = entity('checklist', {
  stillActive: f.boolean(),
  anythingNew: f.boolean(),
  fixConsidered: f.boolean(),
  wowConsidered: f.boolean(),
  planBConsidered: f.boolean(),
  voiceFresh: f.boolean(),
});

/**
 * What a stage layer holds, one row across the stages (as UXPressia and Smaply lay them out):
 * what the customer does, thinks and feels, the pains, the opportunities, the company's
 * backstage (below the line of visibility), a KPI per stage, or free text.
 */
export const LAYER_KINDS = ['actions', 'thoughts', 'pains', 'opportunities', 'backstage', 'kpi', 'text'] as const;

export const LAYER = entity(
  'layer',
  {
    id: f.id(),
    kind: f.oneOf(LAYER_KINDS, 'text'),
    title: f.title(),
    order: f.order(),
    hidden: f.boolean({ fallback: false, doc: 'Hidden from the canvas (and the PNG); its cells are kept.' }),
  },
  'A row across the stages: one cell per stage.',
);

export const CELL = entity(
  'cell',
  {
    id: f.id(),
    layerId: f.ref('layer'),
    stageId: f.ref('stage'),
    text: f.longText(),
    metric: f.metric({ doc: 'For a kpi layer: the metric, e.g. NPS, CSAT, CES.' }),
    actual: f.measure({ doc: 'For a kpi layer: the measured value, or null.' }),
    target: f.measure({ doc: 'For a kpi layer: the value aimed for, or null.' }),
  },
  "One layer's content at one stage. At most one cell per layer and stage; a missing cell is an empty one.",
);

/** A saved review's own fields (its snapshot and checklist are read by the format). */
export const REVIEW = entity('review', {
  id: f.id(),
  name: f.title(),
  summary: f.longText(),
  createdAt: f.timestamp(),
});

// ---------------------------------------------------------------- derived helpers

export const fieldNames = <S extends AnySchema>(schema: S) => Object.keys(schema.fields) as (keyof S['fields'] & string)[];

/** The fields people edit, with their checks: what edit commands and pastes go through. */
export type EditableChecks<T> = { readonly [K in keyof T]-?: (raw: T[K]) => FieldResult<T[K]> };

type EditableKeys<S extends AnySchema> = {
  [K in keyof S['fields']]: S['fields'][K] extends { editable: true } ? K : never;
}[keyof S['fields']];

/** The fields of an entity that people edit (what edit commands take). */
export type EditableOf<S extends AnySchema> = Pick<RecordOf<S>, EditableKeys<S>>;

export function editableChecks<S extends AnySchema>(schema: S): EditableChecks<Pick<RecordOf<S>, EditableKeys<S>>> {
  const out: Record<string, unknown> = {};
  for (const [key, def] of fieldsOf(schema)) if (def.editable) out[key] = def.check;
  return out as EditableChecks<Pick<RecordOf<S>, EditableKeys<S>>>;
}

/** A fresh object with exactly the schema's fields, in file order: nothing stray is carried along. */
export function pickRecord<S extends AnySchema>(schema: S, value: RecordOf<S>): RecordOf<S> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.fields)) out[key] = (value as Record<string, unknown>)[key];
  return out as RecordOf<S>;
}

/** The value a peer wrote, or the field's safe reading of it. */
export function readPeerValue<T>(def: FieldDef<T>, raw: unknown): T {
  if (!def.is(raw)) return def.peerFallback;
  if (def.kind === 'rating') {
    // Whole numbers 1–5 only; anything else is "not rated".
    return raw === null || (Number.isInteger(raw) && (raw as number) >= RATING_MIN && (raw as number) <= RATING_MAX) ? raw : def.peerFallback;
  }
  if (!def.strictPeer) return raw;
  const checked = def.check(raw);
  return checked.ok ? checked.value : def.peerFallback;
}

/**
 * Reads a plain object (a clipboard payload, a value from another tab) leniently: fields of
 * the wrong type read as their safe value, but a field the file requires must be there with
 * its type, or the whole entity is refused (null).
 */
export function readPlainRecord<S extends AnySchema>(schema: S, raw: unknown): RecordOf<S> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, def] of fieldsOf(schema)) {
    if (!Object.hasOwn(o, key) || !def.is(o[key])) {
      if (def.fallback === undefined) return null;
      out[key] = def.fallback;
    } else out[key] = readPeerValue(def, o[key]);
  }
  return out as RecordOf<S>;
}

/** Every entity schema, for checks that walk them all (the JSON Schema, tests). */
export const ENTITY_SCHEMAS = { PERSONA, MAP_META, LANE, TOUCHPOINT, CONNECTION, NOTE, QUOTE, LAYER, CELL, CHECKLIST, REVIEW } as const;
