// Field lists and checks per entity, derived from the schemas (./schema.ts) for the code that
// copies or edits entities: the export's key order, doc writes, edit commands, paste, import.
// A field is declared in schema.ts only; nothing here names one.
import type { FieldResult } from './fields';
import {
  CHECKLIST,
  CELL,
  CONNECTION,
  LAYER,
  LANE,
  MAP_META,
  NOTE,
  PERSONA,
  QUOTE,
  REVIEW,
  TOUCHPOINT,
  editableChecks,
  fieldNames,
} from './schema';

// ---------------------------------------------------------------- field order

/** Stages and channels. */
export const LANE_FIELDS = fieldNames(LANE);
export const TOUCHPOINT_FIELDS = fieldNames(TOUCHPOINT);
export const CONNECTION_FIELDS = fieldNames(CONNECTION);
export const NOTE_FIELDS = fieldNames(NOTE);
export const QUOTE_FIELDS = fieldNames(QUOTE);
export const LAYER_FIELDS = fieldNames(LAYER);
export const CELL_FIELDS = fieldNames(CELL);
/** Checklist items in the order review mode asks them. */
export const CHECKLIST_ITEMS = fieldNames(CHECKLIST);

/** A fresh object with exactly `fields`, in that order: nothing stray on `entity` is carried along. */
export function pickFields<T, K extends keyof T>(entity: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of fields) out[key] = entity[key];
  return out;
}

// ---------------------------------------------------------------- field checks

/** The check of every field of `T`, keyed like `T`. */
export type FieldChecks<T> = { readonly [K in keyof T]-?: (raw: T[K]) => FieldResult<T[K]> };

export const MAP_CHECKS = editableChecks(MAP_META);
export const PERSONA_CHECKS = editableChecks(PERSONA);
/** Stages and channels. */
export const LANE_CHECKS = editableChecks(LANE);
export const TOUCHPOINT_CHECKS = editableChecks(TOUCHPOINT);
export const NOTE_CHECKS = editableChecks(NOTE);
export const QUOTE_CHECKS = editableChecks(QUOTE);
export const LAYER_CHECKS = editableChecks(LAYER);
export const CELL_CHECKS = editableChecks(CELL);
export const REVIEW_CHECKS = editableChecks(REVIEW);
