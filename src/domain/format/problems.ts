// What can be wrong with a journey map file, as a stable code with parameters. The code and
// parameters are for the UI, which words them in the user's language (src/ui/problemMessage.ts);
// `message` is the English sentence for logs and API clients, made here from the same code,
// so the two cannot drift apart. Codes are part of the API (docs/FORMAT.md): add, never rename.
import { describeProblem } from '../fields';
import { describeJsonSyntax, type JsonSyntaxError } from './jsonScan';

/** What a value in the file turned out to be. */
export type ValueKind = 'null' | 'array' | 'object' | 'true' | 'false' | 'number' | 'string' | 'undefined' | 'other';

/** What a value should have been. */
export type ExpectedKind =
  | 'string'
  | 'number'
  | 'finiteNumber'
  | 'integer'
  | 'rating'
  | 'measure'
  | 'boolean'
  | 'object'
  | 'array'
  | 'arrayOfTexts'
  | 'arrayOfQuotes';

export type ReferenceKind = 'stage' | 'channel' | 'touchpoint' | 'layer';
export type ListName = 'stages' | 'channels' | 'touchpoints' | 'connections' | 'notes' | 'quotes' | 'layers' | 'cells' | 'reviews';
export type SizeUnit = 'characters' | 'bytes';

type NoParams = Record<string, never>;

/** The syntax error's own fields, flattened into a problem's params. */
export type JsonSyntaxParams = { reason: JsonSyntaxError['code']; found?: string; close?: string; line: number; column: number };

export type ProblemDetail =
  | {
      code:
        | 'required'
        | 'empty'
        | 'notInteger'
        | 'notFinite'
        | 'invalidDate'
        | 'invalidLink'
        | 'invalidColor'
        | 'invalidId'
        | 'invalidTimestamp'
        | 'selfConnection'
        | 'notAJourneyMap'
        | 'unreadable'
        | 'notText'
        | 'notUtf8'
        | 'unknownField';
      params: NoParams;
    }
  | { code: 'wrongType'; params: { expected: ExpectedKind; found?: ValueKind } }
  | { code: 'tooLong'; params: { max: number } }
  | { code: 'outOfRange'; params: { min: number; max: number } }
  | { code: 'notAllowed'; params: { allowed: string } }
  | { code: 'duplicateId'; params: { id: string; firstPath: string } }
  | { code: 'unknownReference'; params: { kind: ReferenceKind; id: string; listPath: string } }
  | { code: 'tooMany'; params: { list: ListName; count: number; limit: number } }
  | { code: 'tooManyProblems'; params: { limit: number } }
  | { code: 'rootNotObject'; params: { format: string; found: ValueKind } }
  | { code: 'formatMissing'; params: { format: string } }
  /** `value` when the file names another format, `found` when `format` is not even a string. */
  | { code: 'wrongFormat'; params: { format: string; value: string } | { format: string; found: ValueKind } }
  | { code: 'versionMissing'; params: { current: number } }
  | { code: 'versionTooNew'; params: { version: number; current: number } }
  | { code: 'versionUnknown'; params: { version: number; oldest: number; current: number } }
  | { code: 'tooLarge'; params: { limit: number; unit: SizeUnit; size?: number } }
  | { code: 'mapTooLarge'; params: { limit: number } }
  | { code: 'tooDeep'; params: { limit: number; line: number; column: number } }
  | { code: 'invalidJson'; params: JsonSyntaxParams | { reason: 'engine'; detail: string } }
  | { code: 'invalidScore'; params: { min: number; max: number } }
  | { code: 'duplicateConnection'; params: { firstPath: string } }
  | { code: 'duplicateCell'; params: { firstPath: string } };

export type ProblemCode = ProblemDetail['code'];

/**
 * One thing wrong with a file: where (a JSON path such as `$.touchpoints[3].expectation`), what
 * (`code` and `params`), and the same in English (`message`).
 */
export type Problem = ProblemDetail & { path: string; message: string };

const CODES = {
  required: true,
  empty: true,
  notInteger: true,
  notFinite: true,
  invalidDate: true,
  invalidLink: true,
  invalidColor: true,
  invalidId: true,
  invalidTimestamp: true,
  selfConnection: true,
  notAJourneyMap: true,
  unreadable: true,
  notText: true,
  notUtf8: true,
  unknownField: true,
  wrongType: true,
  tooLong: true,
  outOfRange: true,
  notAllowed: true,
  duplicateId: true,
  unknownReference: true,
  tooMany: true,
  tooManyProblems: true,
  rootNotObject: true,
  formatMissing: true,
  wrongFormat: true,
  versionMissing: true,
  versionTooNew: true,
  versionUnknown: true,
  tooLarge: true,
  mapTooLarge: true,
  tooDeep: true,
  invalidJson: true,
  invalidScore: true,
  duplicateConnection: true,
  duplicateCell: true,
} satisfies Record<ProblemCode, true>;

/** Every code, for documentation and for checking what a server answered. */
export const PROBLEM_CODES = Object.keys(CODES) as ProblemCode[];

export const isProblemCode = (code: unknown): code is ProblemCode => typeof code === 'string' && Object.hasOwn(CODES, code);

export function kindOf(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (v === undefined) return 'undefined';
  return 'other';
}

const KIND_EN: Record<ValueKind, string> = {
  null: 'null',
  array: 'an array',
  object: 'an object',
  true: 'true',
  false: 'false',
  number: 'a number',
  string: 'a string',
  undefined: 'undefined',
  other: 'another kind of value',
};

const EXPECTED_EN: Record<ExpectedKind, string> = {
  string: 'a string',
  number: 'a number',
  finiteNumber: 'a finite number',
  integer: 'a whole number',
  rating: 'a number from 1 to 5 or null',
  measure: 'a finite number or null',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  arrayOfTexts: 'an array of texts',
  arrayOfQuotes: 'an array of quotes',
};

/** 10 MB when the limit is whole megabytes, otherwise the count with its unit. */
export function describeSize(limit: number, unit: SizeUnit): string {
  const mb = limit / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${limit} ${unit}`;
}

/** The English sentence for a problem, read after its path ("$.map.title is required"). */
export function describeFormatProblem(detail: ProblemDetail): string {
  switch (detail.code) {
    // The field checks' own wording (fields.ts): one sentence for the UI's checks and the file's.
    case 'required':
    case 'notInteger':
    case 'notFinite':
    case 'invalidDate':
    case 'invalidLink':
    case 'invalidColor':
      return describeProblem({ code: detail.code });
    case 'tooLong':
      return describeProblem({ code: 'tooLong', ...detail.params });
    case 'outOfRange':
      return describeProblem({ code: 'outOfRange', ...detail.params });
    case 'empty':
      return 'must not be empty';
    case 'invalidId':
      return 'must be an id of 1 to 64 letters, digits, "_", "-", "." or ":"';
    case 'invalidTimestamp':
      return 'must be a date and time as ISO 8601, e.g. 2026-01-31T09:30:00.000Z';
    case 'selfConnection':
      return 'connects a touchpoint to itself';
    case 'notAJourneyMap':
      return 'is not a valid journey map';
    case 'unreadable':
      return 'could not be read as a journey map';
    case 'notText':
      return 'must be text';
    case 'notUtf8':
      return 'is not UTF-8 text';
    case 'unknownField':
      return 'unknown field ignored';
    case 'wrongType': {
      const { expected, found } = detail.params;
      return found === undefined ? `must be ${EXPECTED_EN[expected]}` : `must be ${EXPECTED_EN[expected]} (found ${KIND_EN[found]})`;
    }
    case 'notAllowed':
      return `must be one of ${detail.params.allowed}`;
    case 'duplicateId':
      return `duplicate id "${detail.params.id}": already used at ${detail.params.firstPath}`;
    case 'unknownReference': {
      const { kind, id, listPath } = detail.params;
      return `refers to ${kind} "${id}", which is not in ${listPath}`;
    }
    case 'tooMany':
      return `has ${detail.params.count} ${detail.params.list}; the limit is ${detail.params.limit}`;
    case 'tooManyProblems':
      return `stopped after ${detail.params.limit} problems; the rest of the file was not checked`;
    case 'rootNotObject':
      return `must be a JSON object with "format": "${detail.params.format}" (found ${KIND_EN[detail.params.found]})`;
    case 'formatMissing':
      return `is required: this is not a CJM Studio journey map (expected "format": "${detail.params.format}")`;
    case 'wrongFormat': {
      const p = detail.params;
      const found = 'value' in p ? `"${p.value}"` : KIND_EN[p.found];
      return `is ${found}, not a CJM Studio journey map (expected "${p.format}")`;
    }
    case 'versionMissing':
      return `is required (this app writes version ${detail.params.current})`;
    case 'versionTooNew':
      return `version ${detail.params.version} is newer than this app supports (${detail.params.current})`;
    case 'versionUnknown': {
      const { version, oldest, current } = detail.params;
      return `version ${version} is not a known version (${oldest} to ${current})`;
    }
    case 'tooLarge': {
      const { limit, unit, size } = detail.params;
      const base = `is larger than the limit of ${describeSize(limit, unit)}`;
      return size === undefined ? base : `${base} (${size} ${unit})`;
    }
    case 'mapTooLarge':
      return `makes a map larger than the limit of ${describeSize(detail.params.limit, 'bytes')}`;
    case 'tooDeep': {
      const { limit, line, column } = detail.params;
      return `is nested deeper than ${limit} levels; the limit is ${limit} (at line ${line}, column ${column})`;
    }
    case 'invalidJson': {
      const p = detail.params;
      if (p.reason === 'engine') return `is not valid JSON: ${p.detail}`;
      return `is not valid JSON: ${describeJsonSyntax(syntaxErrorOf(p))} (at line ${p.line}, column ${p.column})`;
    }
    case 'invalidScore':
      return `must be a whole number from ${detail.params.min} to ${detail.params.max}, or null`;
    case 'duplicateConnection':
      return `connects the same touchpoints as ${detail.params.firstPath}; ignored`;
    case 'duplicateCell':
      return `is a second cell for the same layer and stage as ${detail.params.firstPath}`;
  }
}

/** Back from the flat params to the scanner's error. */
export function syntaxErrorOf(p: JsonSyntaxParams): JsonSyntaxError {
  switch (p.reason) {
    case 'textAfterEnd':
    case 'expectedColon':
    case 'expectedKey':
    case 'expectedValue':
    case 'trailingComma':
      return { code: p.reason, found: p.found ?? '' };
    case 'expectedCommaOrClose':
      return { code: p.reason, found: p.found ?? '', close: p.close === ']' ? ']' : '}' };
    default:
      return { code: p.reason };
  }
}

/** A problem at `path`, with its English message. */
export function formatProblem(path: string, detail: ProblemDetail): Problem {
  // Code and params only: `detail` may be a whole problem from a migration step, with its own path.
  return { path, code: detail.code, params: detail.params, message: describeFormatProblem(detail) } as Problem;
}
