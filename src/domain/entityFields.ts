// The fields of a map's entities, in one place for everyone who copies or checks them: the
// order the file format writes them in (export, and the unknown-field warning on import), and
// the check each field a person can edit goes through (doc edits, paste, import), so a field
// cannot be checked one way when typed and another way when imported.
import {
  checkCadence,
  checkColor,
  checkDate,
  checkLink,
  checkLongText,
  checkName,
  checkOneOf,
  checkOptionalTitle,
  checkRating,
  checkTitle,
  type FieldResult,
} from './fields';
import {
  NOTE_KINDS,
  NOTE_STATUSES,
  QUOTE_SOURCES,
  SENTIMENTS,
  TOUCHPOINT_STATUSES,
  type Connection,
  type MapMeta,
  type Note,
  type Persona,
  type Quote,
  type Review,
  type ReviewChecklist,
  type Stage,
  type Touchpoint,
} from './types';

// ---------------------------------------------------------------- field order

/** Stages and channels. */
export const LANE_FIELDS = ['id', 'title', 'color', 'order'] as const satisfies readonly (keyof Stage)[];
export const TOUCHPOINT_FIELDS = [
  'id',
  'title',
  'description',
  'stageId',
  'channelId',
  'order',
  'status',
  'owner',
  'expectation',
  'perception',
  'createdAt',
] as const satisfies readonly (keyof Touchpoint)[];
export const CONNECTION_FIELDS = ['id', 'sourceId', 'targetId'] as const satisfies readonly (keyof Connection)[];
export const NOTE_FIELDS = [
  'id',
  'touchpointId',
  'kind',
  'text',
  'status',
  'owner',
  'votes',
  'createdAt',
] as const satisfies readonly (keyof Note)[];
export const QUOTE_FIELDS = [
  'id',
  'touchpointId',
  'text',
  'source',
  'sentiment',
  'who',
  'date',
  'link',
  'createdAt',
] as const satisfies readonly (keyof Quote)[];

/** Checklist items in the order review mode asks them. */
export const CHECKLIST_ITEMS = [
  'stillActive',
  'anythingNew',
  'fixConsidered',
  'wowConsidered',
  'planBConsidered',
  'voiceFresh',
] as const satisfies readonly (keyof ReviewChecklist)[];

/** A fresh object with exactly `fields`, in that order: nothing stray on `entity` is carried along. */
export function pickFields<T, K extends keyof T>(entity: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of fields) out[key] = entity[key];
  return out;
}

// ---------------------------------------------------------------- field checks

/** The check of every field of `T`, keyed like `T`. */
export type FieldChecks<T> = { readonly [K in keyof T]-?: (raw: T[K]) => FieldResult<T[K]> };

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (raw: string) =>
    checkOneOf(raw, allowed);

export const MAP_CHECKS: FieldChecks<Pick<MapMeta, 'title' | 'scenario' | 'cadenceDays'>> = {
  title: checkTitle,
  scenario: checkLongText,
  cadenceDays: checkCadence,
};

export const PERSONA_CHECKS: FieldChecks<Persona> = {
  name: checkOptionalTitle,
  description: checkLongText,
  goal: checkLongText,
};

/** Stages and channels. */
export const LANE_CHECKS: FieldChecks<Pick<Stage, 'title' | 'color'>> = {
  title: checkTitle,
  color: checkColor,
};

export const TOUCHPOINT_CHECKS: FieldChecks<
  Pick<Touchpoint, 'title' | 'description' | 'status' | 'owner' | 'expectation' | 'perception'>
> = {
  title: checkTitle,
  description: checkLongText,
  status: oneOf(TOUCHPOINT_STATUSES),
  owner: checkName,
  expectation: checkRating,
  perception: checkRating,
};

export const NOTE_CHECKS: FieldChecks<Pick<Note, 'kind' | 'text' | 'status' | 'owner'>> = {
  kind: oneOf(NOTE_KINDS),
  text: checkLongText,
  status: oneOf(NOTE_STATUSES),
  owner: checkName,
};

export const QUOTE_CHECKS: FieldChecks<Pick<Quote, 'text' | 'source' | 'sentiment' | 'who' | 'date' | 'link'>> = {
  text: checkLongText,
  source: oneOf(QUOTE_SOURCES),
  sentiment: oneOf(SENTIMENTS),
  who: checkName,
  date: checkDate,
  link: checkLink,
};

export const REVIEW_CHECKS: FieldChecks<Pick<Review, 'name' | 'summary'>> = {
  name: checkTitle,
  summary: checkLongText,
};
