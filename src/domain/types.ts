// The journey map's vocabulary as plain data. Everything else (the Y.Doc, the
// stores, the JSON format, the server) speaks in these types.

export type Id = string;

import {
  CHECKLIST,
  CELL,
  CONNECTION,
  LAYER,
  LAYER_KINDS,
  LANE,
  MAP_META,
  NOTE,
  NOTE_KINDS,
  NOTE_STATUSES,
  PERSONA,
  QUOTE,
  QUOTE_SOURCES,
  SENTIMENTS,
  TOUCHPOINT,
  TOUCHPOINT_STATUSES,
  type RecordOf,
} from './schema';

export { LAYER_KINDS, NOTE_KINDS, NOTE_STATUSES, QUOTE_SOURCES, SENTIMENTS, TOUCHPOINT_STATUSES };

export type TouchpointStatus = (typeof TOUCHPOINT_STATUSES)[number];
export type NoteKind = (typeof NOTE_KINDS)[number];
export type NoteStatus = (typeof NOTE_STATUSES)[number];
export type QuoteSource = (typeof QUOTE_SOURCES)[number];
export type Sentiment = (typeof SENTIMENTS)[number];
export type LayerKind = (typeof LAYER_KINDS)[number];

// Each entity's fields are declared once, with their checks, in ./schema.ts.
export type Persona = RecordOf<typeof PERSONA>;
export type MapMeta = RecordOf<typeof MAP_META> & { persona: Persona };
/** A column of the map. `order` is a fractional index: reordering rewrites one value. */
export type Stage = RecordOf<typeof LANE>;
/** A lane of the map (website, phone, office…). Same shape and ordering scheme as stages. */
export type Channel = RecordOf<typeof LANE>;
/**
 * A card at a stage × channel cell. Its pixel position is never stored: it is derived from
 * (stage, channel, order) so concurrent moves cannot leave it between lanes.
 */
export type Touchpoint = RecordOf<typeof TOUCHPOINT>;
export type Connection = RecordOf<typeof CONNECTION>;
/** `votes` is the net of every voter's dot-votes. */
export type Note = RecordOf<typeof NOTE>;
export type Quote = RecordOf<typeof QUOTE>;
/** A row across the stages (what the customer does, thinks, the pains…); ordered like lanes. */
export type Layer = RecordOf<typeof LAYER>;
/** One layer's content at one stage; `metric`, `actual` and `target` are for kpi layers. */
export type Cell = RecordOf<typeof CELL>;

/** A whole map as plain data: what the doc reads into, and what derived figures take. */
export interface JourneyMapSnapshot {
  meta: MapMeta;
  stages: Stage[];
  channels: Channel[];
  touchpoints: Touchpoint[];
  connections: Connection[];
  notes: Note[];
  quotes: Quote[];
  layers: Layer[];
  cells: Cell[];
}

/** One row of the map list. */
export interface MapSummary {
  id: Id;
  title: string;
  updatedAt: string;
  touchpointCount: number;
  // Health figures the server adds (absent from a list cached before the server sent them).
  /** createdAt of the newest saved review; null when never reviewed. */
  lastReviewAt?: string | null;
  /** Triple-focus coverage 0…1; null when the map has no active touchpoint. */
  coverage?: number | null;
  /** Active touchpoints without a customer quote within the map's cadence. */
  quietCount?: number;
  reviewDue?: boolean;
}

/** The per-touchpoint checklist of review mode. */
export type ReviewChecklist = RecordOf<typeof CHECKLIST>;

/** A saved review: a named, dated, frozen state of the map. Never edited after saving. */
export interface Review {
  id: Id;
  name: string;
  summary: string;
  /** ISO timestamp of saving. */
  createdAt: string;
  /** The map as it was when the review was saved (without other reviews). */
  snapshot: JourneyMapSnapshot;
  /** Checklist ticks per touchpoint id, as they stood when saved. */
  checklist: Record<Id, ReviewChecklist>;
}
