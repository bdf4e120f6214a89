// The open JSON format of a journey map (docs/FORMAT.md, docs/journey-map.schema.json).
// These are the file's shapes; the app's own types live in ../types.ts.
import type { Id, JourneyMapSnapshot, MapMeta, ReviewChecklist } from '../types';

export const FORMAT_ID = 'cjm-studio/journey-map';
/** The version this app writes. Older versions are migrated on import (migrate.ts). */
export const FORMAT_VERSION = 2;

/** A map's content in the file: the snapshot, with `meta` spelled `map`. */
export interface SnapshotFile extends Omit<JourneyMapSnapshot, 'meta'> {
  map: MapMeta;
}

export interface ReviewFile {
  id: Id;
  name: string;
  summary: string;
  createdAt: string;
  /** Same shape as the file's content, without reviews. */
  snapshot: SnapshotFile;
  checklist: Record<Id, ReviewChecklist>;
}

export interface MapFile extends SnapshotFile {
  format: typeof FORMAT_ID;
  version: typeof FORMAT_VERSION;
  exportedAt: string;
  reviews: ReviewFile[];
}

/** One thing wrong with a file: where, what (a code with params) and the English message (problems.ts). */
export type { Problem } from './problems';

/** Guards against hostile or runaway files; the server may pass its own. */
export interface FormatLimits {
  /** Characters of text, checked before parsing. */
  maxChars: number;
  /** Nesting of objects and arrays, checked before parsing. */
  maxDepth: number;
  /** Problems reported before validation gives up. */
  maxProblems: number;
  maxStages: number;
  maxChannels: number;
  maxTouchpoints: number;
  maxConnections: number;
  maxNotes: number;
  maxQuotes: number;
  maxLayers: number;
  maxCells: number;
  maxReviews: number;
}

export const DEFAULT_FORMAT_LIMITS: FormatLimits = {
  maxChars: 10 * 1024 * 1024,
  maxDepth: 32,
  maxProblems: 100,
  maxStages: 200,
  maxChannels: 200,
  maxTouchpoints: 20_000,
  maxConnections: 50_000,
  maxNotes: 100_000,
  maxQuotes: 100_000,
  maxLayers: 100,
  // One per layer and stage at most.
  maxCells: 20_000,
  maxReviews: 500,
};

/** Net votes of a note stay within this range (a workshop dot-vote never gets near it). */
export const VOTES_LIMIT = 1_000_000;

/** Entity ids: short, URL- and key-safe. The app makes 12-character ids; other tools may use their own. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

// JSON paths for messages: `$.touchpoints[3].title`, `$.reviews[0].checklist["a b"]`.
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
export const pathKey = (base: string, key: string): string =>
  IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
export const pathIndex = (base: string, index: number): string => `${base}[${index}]`;
