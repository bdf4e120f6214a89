// Where the persona card sits: a column of its own left of the grid, at negative x, so the
// grid's columns (computeGrid) never move for it. The PNG's picture starts at its left edge.
import type { GridLayout } from '../domain/grid';

export const PERSONA = {
  width: 248,
  /** Between the card and the channel headers. */
  gap: 24,
  /** A short map still leaves the card room for a photo and a few lines of each field. */
  minHeight: 420,
} as const;

/** Flow x of the card's left edge. */
export const PERSONA_LEFT = -(PERSONA.width + PERSONA.gap);

export interface PersonaBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The card spans the grid's height, from the stage headers down. */
export const personaBox = (layout: Pick<GridLayout, 'height'>): PersonaBox => ({
  x: PERSONA_LEFT,
  y: 0,
  width: PERSONA.width,
  height: Math.max(layout.height, PERSONA.minHeight),
});

/** What the PNG copies: the grid with the persona column at its left, starting at flow x `left`. */
export type PictureLayout<L extends Pick<GridLayout, 'width' | 'height' | 'columns'>> = L & { left: number };

/**
 * The grid's layout widened by the persona column: `left` is the flow x where the picture
 * starts, and columns are measured from there (the curve is drawn under them).
 */
export function withPersonaColumn<L extends Pick<GridLayout, 'width' | 'height' | 'columns'>>(layout: L): PictureLayout<L> {
  const shift = -PERSONA_LEFT;
  return {
    ...layout,
    left: PERSONA_LEFT,
    width: layout.width + shift,
    height: Math.max(layout.height, PERSONA.minHeight),
    columns: layout.columns.map((c) => ({ ...c, x: c.x + shift })),
  };
}
