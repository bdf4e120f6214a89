// Validation of single fields. Every value is checked here before it reaches the
// Y.Doc; the UI shows the same problem inline, translated from its code.
import {
  CADENCE_MAX,
  CADENCE_MIN,
  LINK_MAX,
  METRIC_MAX,
  NAME_MAX,
  RATING_MAX,
  RATING_MIN,
  TEXT_MAX,
  TITLE_MAX,
} from './limits';

export type FieldProblem =
  | { code: 'required' }
  | { code: 'tooLong'; max: number }
  | { code: 'outOfRange'; min: number; max: number }
  | { code: 'notInteger' }
  | { code: 'notFinite' }
  | { code: 'invalidDate' }
  | { code: 'invalidLink' }
  | { code: 'invalidColor' }
  | { code: 'notAllowed'; allowed: readonly string[] };

export type FieldResult<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(problem: FieldProblem): FieldResult<T> => ({ ok: false, problem });

/** Plain text: trimmed, length-limited. `required` refuses an empty result. */
export function checkText(raw: string, max: number, required = false): FieldResult<string> {
  const value = raw.trim();
  if (required && value.length === 0) return fail({ code: 'required' });
  if (value.length > max) return fail({ code: 'tooLong', max });
  return ok(value);
}

export const checkTitle = (raw: string) => checkText(raw, TITLE_MAX, true);
export const checkOptionalTitle = (raw: string) => checkText(raw, TITLE_MAX);
export const checkLongText = (raw: string) => checkText(raw, TEXT_MAX);
export const checkName = (raw: string) => checkText(raw, NAME_MAX);
export const checkMetric = (raw: string) => checkText(raw, METRIC_MAX);

/** A measured or wanted figure (a KPI's actual or target): any finite number, or null for "not set". */
export function checkMeasure(raw: number | null): FieldResult<number | null> {
  if (raw === null) return ok(null);
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail({ code: 'notFinite' });
  return ok(raw);
}

/** Ratings: whole numbers 1–5, or null for "not rated". */
export function checkRating(raw: number | null): FieldResult<number | null> {
  if (raw === null) return ok(null);
  if (!Number.isFinite(raw) || !Number.isInteger(raw)) return fail({ code: 'notInteger' });
  if (raw < RATING_MIN || raw > RATING_MAX) return fail({ code: 'outOfRange', min: RATING_MIN, max: RATING_MAX });
  return ok(raw);
}

export function checkCadence(raw: number): FieldResult<number> {
  if (!Number.isInteger(raw)) return fail({ code: 'notInteger' });
  if (raw < CADENCE_MIN || raw > CADENCE_MAX) return fail({ code: 'outOfRange', min: CADENCE_MIN, max: CADENCE_MAX });
  return ok(raw);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD; rejects impossible days such as 2026-02-30. */
export function checkDate(raw: string): FieldResult<string> {
  const value = raw.trim();
  const m = ISO_DATE.exec(value);
  if (!m) return fail({ code: 'invalidDate' });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return fail({ code: 'invalidDate' });
  }
  return ok(value);
}

/** Links are optional; when present only http(s) is allowed so a quote link can never run script. */
export function checkLink(raw: string): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return ok('');
  if (value.length > LINK_MAX) return fail({ code: 'tooLong', max: LINK_MAX });
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail({ code: 'invalidLink' });
  } catch {
    return fail({ code: 'invalidLink' });
  }
  return ok(value);
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function checkColor(raw: string): FieldResult<string> {
  const value = raw.trim();
  return HEX_COLOR.test(value) ? ok(value.toLowerCase()) : fail({ code: 'invalidColor' });
}

export function checkOneOf<T extends string>(raw: string, allowed: readonly T[]): FieldResult<T> {
  return (allowed as readonly string[]).includes(raw) ? ok(raw as T) : fail({ code: 'notAllowed', allowed });
}

/** Throws with a readable message: used by doc mutations, where bad input is a programming error upstream. */
export function unwrap<T>(result: FieldResult<T>, field: string): T {
  if (result.ok) return result.value;
  throw new FieldError(field, result.problem);
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: FieldProblem,
  ) {
    super(`${field}: ${describeProblem(problem)}`);
    this.name = 'FieldError';
  }
}

/** English description for logs and server errors; the UI translates from the code instead. */
export function describeProblem(problem: FieldProblem): string {
  switch (problem.code) {
    case 'required':
      return 'is required';
    case 'tooLong':
      return `is longer than ${problem.max} characters`;
    case 'outOfRange':
      return `must be between ${problem.min} and ${problem.max}`;
    case 'notInteger':
      return 'must be a whole number';
    case 'notFinite':
      return 'must be a finite number';
    case 'invalidDate':
      return 'must be a date as YYYY-MM-DD';
    case 'invalidLink':
      return 'must be an http or https link';
    case 'invalidColor':
      return 'must be a colour as #rrggbb';
    case 'notAllowed':
      return `must be one of ${problem.allowed.join(', ')}`;
  }
}
