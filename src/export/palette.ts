// Colours of the decks, as 0…1 RGB triples (the PDF's unit) and hex (PowerPoint's).
import type { NoteKind } from '../domain/types';
import { satisfactionTone } from '../domain/satisfaction';

export type Rgb = readonly [number, number, number];

const HEX = /^#?([0-9a-f]{6})$/i;

/** "#6366f1" → [0.39, 0.4, 0.95]; anything unreadable is slate grey. */
export function hexColor(hex: string): Rgb {
  const m = HEX.exec(hex);
  const value = m ? parseInt(m[1]!, 16) : 0x64748b;
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

export const toHex = ([r, g, b]: Rgb): string =>
  [r, g, b].map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('').toUpperCase();

const NOTE_COLORS: Record<NoteKind, Rgb> = {
  fix: hexColor('#dc2626'),
  wow: hexColor('#7c3aed'),
  planB: hexColor('#0369a1'),
};

export const noteKindColor = (kind: NoteKind): Rgb => NOTE_COLORS[kind];

const TONE_COLORS = {
  negative: hexColor('#dc2626'),
  neutral: hexColor('#d97706'),
  positive: hexColor('#16a34a'),
  unrated: hexColor('#94a3b8'),
} as const;

export const scoreColor = (value: number | null): Rgb => TONE_COLORS[satisfactionTone(value)];

/** A colour mixed towards white: light fills behind text. */
export const tint = ([r, g, b]: Rgb, amount: number): Rgb => [r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount];
