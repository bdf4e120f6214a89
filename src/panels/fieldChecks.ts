// Checks for fields whose text must become another type before the domain check applies.
import { checkCadence, type FieldResult } from '../domain/fields';

/** The review cadence typed as text: empty is "required", not "not a whole number". */
export function checkCadenceText(raw: string): FieldResult<number> {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: { code: 'required' } };
  return checkCadence(Number(text));
}

/** A rating select's value: "" means not rated. */
export const ratingFromOption = (value: string): number | null => (value === '' ? null : Number(value));
export const ratingToOption = (value: number | null): string => (value === null ? '' : String(value));
