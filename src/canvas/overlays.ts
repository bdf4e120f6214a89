// What floats over the canvas (the toolbar, the minimap, the zoom buttons) must not cover the
// map. Fit leaves room for each by padding the side it hugs; an overlay in a corner could be
// cleared from either side, so every choice is tried and the one that lets the map be largest
// wins (a wide map gives up height, a tall one width).

export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Sides {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type Side = keyof Sides;
const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

/** An overlay this close (px) to an edge of the canvas hugs that edge. */
const HUG = 48;
/** Space between the map and the canvas edge or an overlay. */
export const FIT_MARGIN = 16;

/** The padding on `side` that clears `overlay` inside `pane`. */
function clearance(pane: ScreenRect, overlay: ScreenRect, side: Side): number {
  switch (side) {
    case 'top':
      return overlay.bottom - pane.top;
    case 'bottom':
      return pane.bottom - overlay.top;
    case 'left':
      return overlay.right - pane.left;
    case 'right':
      return pane.right - overlay.left;
  }
}

function hugged(pane: ScreenRect, o: ScreenRect): Side[] {
  const distance: Sides = { top: o.top - pane.top, bottom: pane.bottom - o.bottom, left: o.left - pane.left, right: pane.right - o.right };
  return SIDES.filter((side) => distance[side] <= HUG);
}

/** The zoom at which `content` fits `pane` less `padding`. */
export const zoomToFit = (pane: ScreenRect, padding: Sides, content: { width: number; height: number }) =>
  Math.min(
    (pane.right - pane.left - padding.left - padding.right) / Math.max(1, content.width),
    (pane.bottom - pane.top - padding.top - padding.bottom) / Math.max(1, content.height),
  );

/** Padding per side (screen px) so that `content` fitted into `pane` lies under none of `overlays`. */
export function fitPadding(pane: ScreenRect, overlays: readonly ScreenRect[], content: { width: number; height: number }, margin = FIT_MARGIN): Sides {
  const inside = overlays.filter((o) => o.right > pane.left && o.left < pane.right && o.bottom > pane.top && o.top < pane.bottom);
  const choices = inside.map((o) => hugged(pane, o)).filter((sides) => sides.length > 0);
  let best: Sides | null = null;
  let bestZoom = -Infinity;
  const visit = (i: number, padding: Sides) => {
    if (i === choices.length) {
      const zoom = zoomToFit(pane, padding, content);
      if (zoom > bestZoom) {
        bestZoom = zoom;
        best = padding;
      }
      return;
    }
    const overlay = inside[i]!;
    for (const side of choices[i]!) {
      visit(i + 1, { ...padding, [side]: Math.max(padding[side], clearance(pane, overlay, side) + margin) });
    }
  };
  visit(0, { top: margin, right: margin, bottom: margin, left: margin });
  return best ?? { top: margin, right: margin, bottom: margin, left: margin };
}

/**
 * How far (screen px) to pan so `card` lies inside `pane` less `padding` and clear of every
 * overlay: [0, 0] when it already does. Overlays at the top push it down, others to the left.
 */
export function panToReveal(pane: ScreenRect, padding: Sides, overlays: readonly ScreenRect[], card: ScreenRect): [number, number] {
  const region = { left: pane.left + padding.left, top: pane.top + padding.top, right: pane.right - padding.right, bottom: pane.bottom - padding.bottom };
  let dx = 0;
  let dy = 0;
  if (card.right > region.right) dx = region.right - card.right;
  if (card.left + dx < region.left) dx = region.left - card.left;
  if (card.bottom > region.bottom) dy = region.bottom - card.bottom;
  if (card.top + dy < region.top) dy = region.top - card.top;
  for (const o of overlays) {
    const moved = { left: card.left + dx, right: card.right + dx, top: card.top + dy, bottom: card.bottom + dy };
    const covers = o.left < moved.right && o.right > moved.left && o.top < moved.bottom && o.bottom > moved.top;
    if (!covers) continue;
    if (o.top - pane.top <= HUG && o.bottom < (pane.top + pane.bottom) / 2) dy += o.bottom + FIT_MARGIN - moved.top;
    else dx -= moved.right - (o.left - FIT_MARGIN);
  }
  return [dx, dy];
}
