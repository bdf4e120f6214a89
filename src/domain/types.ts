// The journey map's vocabulary as plain data. Everything else (the Y.Doc, the
// stores, the JSON format, the server) speaks in these types.

export type Id = string;

export const TOUCHPOINT_STATUSES = ['active', 'new', 'retired'] as const;
export type TouchpointStatus = (typeof TOUCHPOINT_STATUSES)[number];

export const NOTE_KINDS = ['fix', 'wow', 'planB'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_STATUSES = ['idea', 'planned', 'inProgress', 'done'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

export const QUOTE_SOURCES = ['survey', 'review', 'interview', 'support', 'social', 'rolePlay'] as const;
export type QuoteSource = (typeof QUOTE_SOURCES)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export interface Persona {
  name: string;
  description: string;
  goal: string;
}

export interface MapMeta {
  title: string;
  scenario: string;
  persona: Persona;
  /** Days after which a touchpoint without a newer quote counts as quiet. */
  cadenceDays: number;
  createdAt: string;
}

/** A column of the map. `order` is a fractional index: reordering rewrites one value. */
export interface Stage {
  id: Id;
  title: string;
  color: string;
  order: number;
}

/** A lane of the map (website, phone, office…). Same ordering scheme as stages. */
export interface Channel {
  id: Id;
  title: string;
  color: string;
  order: number;
}

/**
 * A card at a stage × channel cell. Its pixel position is never stored: it is
 * derived from (stage, channel, order) so concurrent moves cannot leave it between lanes.
 */
export interface Touchpoint {
  id: Id;
  title: string;
  description: string;
  stageId: Id;
  channelId: Id;
  /** Fractional position within its cell, top to bottom. */
  order: number;
  status: TouchpointStatus;
  owner: string;
  /** 1–5, or null while not yet rated. */
  expectation: number | null;
  perception: number | null;
  createdAt: string;
}

export interface Connection {
  id: Id;
  sourceId: Id;
  targetId: Id;
}

export interface Note {
  id: Id;
  touchpointId: Id;
  kind: NoteKind;
  text: string;
  status: NoteStatus;
  owner: string;
  /** Net dot-votes (sum of every voter's up and down votes). */
  votes: number;
  createdAt: string;
}

export interface Quote {
  id: Id;
  touchpointId: Id;
  text: string;
  source: QuoteSource;
  sentiment: Sentiment;
  who: string;
  /** ISO date (YYYY-MM-DD) the customer said it. */
  date: string;
  link: string;
  createdAt: string;
}

/** A whole map as plain data: what the doc reads into, and what derived figures take. */
export interface JourneyMapSnapshot {
  meta: MapMeta;
  stages: Stage[];
  channels: Channel[];
  touchpoints: Touchpoint[];
  connections: Connection[];
  notes: Note[];
  quotes: Quote[];
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
export interface ReviewChecklist {
  stillActive: boolean;
  anythingNew: boolean;
  fixConsidered: boolean;
  wowConsidered: boolean;
  planBConsidered: boolean;
  voiceFresh: boolean;
}

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
