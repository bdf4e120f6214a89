// How a template's content is written: every text in both languages side by side (each written
// for its reader, not translated word by word), entities named by keys, dates as days before the
// day the map is made. build.ts turns it into a journey map file for one language and one day.
import type { NoteKind, NoteStatus, QuoteSource, Sentiment, TouchpointStatus } from '../types';
import type { GalleryTemplateId } from './ids';

/** One text in each of the app's languages. */
export interface Text {
  en: string;
  ru: string;
}

export interface TemplateNote {
  kind: NoteKind;
  text: Text;
  status?: NoteStatus;
  owner?: Text;
  votes?: number;
  /** Written this many days before the map is made (default: the touchpoint's own age). */
  daysAgo?: number;
  /** Its status when the template's saved review was taken, if different. */
  statusAtReview?: NoteStatus;
}

export interface TemplateQuote {
  text: Text;
  source: QuoteSource;
  sentiment: Sentiment;
  who?: Text;
  /** Said this many days before the map is made: freshness then reads the same on any day. */
  daysAgo: number;
}

export interface TemplateTouchpoint {
  /** Names the touchpoint in `connections`. */
  key: string;
  /** Index into the template's stages and channels. */
  stage: number;
  channel: number;
  title: Text;
  description?: Text;
  status?: TouchpointStatus;
  owner?: Text;
  expectation?: number;
  perception?: number;
  /** Added this many days before the map is made (default: the template's `ageDays`). */
  daysAgo?: number;
  /** Not yet on the map when the saved review was taken. */
  addedAfterReview?: boolean;
  /** Its status at the saved review, if different (a card retired since was active then). */
  statusAtReview?: TouchpointStatus;
  notes?: TemplateNote[];
  quotes?: TemplateQuote[];
}

/** A stage layer (issue 13): a row spanning the stages, one cell per stage (null: left empty). */
export type TemplateLayer =
  | { kind: 'actions' | 'thoughts' | 'pains' | 'opportunities' | 'backstage' | 'text'; title: Text; cells: (Text | null)[] }
  | { kind: 'kpi'; title: Text; cells: (TemplateKpiCell | null)[] };

export interface TemplateKpiCell {
  /** NPS, CSAT, CES or a metric of the team's own (≤ 40 characters). */
  metric: Text;
  actual: number | null;
  target: number | null;
  note?: Text;
}

export interface TemplateReview {
  name: Text;
  summary: Text;
  daysAgo: number;
}

export interface TemplateContent {
  id: GalleryTemplateId;
  title: Text;
  description: Text;
  persona: { name: Text; description: Text; goal: Text };
  scenario: Text;
  stages: Text[];
  channels: Text[];
  layers: TemplateLayer[];
  touchpoints: TemplateTouchpoint[];
  /** The order the customer walks them, as [from, to] keys. */
  connections: [string, string][];
  /** How long before the map's creation its content was gathered (default 0: today). */
  ageDays?: number;
  /** A saved review, taken this many days ago: what the map looked like then. */
  review?: TemplateReview;
}

/** A text in both languages: `t('Discover', 'Узнаёт')`. */
export const t = (en: string, ru: string): Text => ({ en, ru });
