import { describe, expect, it } from 'vitest';
import { computeGrid, GRID } from '../../../src/domain/grid';
import { cardChanges, cardHeightsOf, reviewGhosts } from '../../../src/domain/review/canvasDiff';
import { diffMaps } from '../../../src/domain/review/diff';
import { lanesInOrder } from '../../../src/domain/review/refs';
import type { JourneyMapSnapshot } from '../../../src/domain/types';
import { CARD_BOX } from '../../../src/domain/cardContent';
import { baseMap, changed, find, makeNote, remove } from './factories';

const layoutOf = (m: JourneyMapSnapshot) => computeGrid(lanesInOrder(m.stages), lanesInOrder(m.channels), m.touchpoints);

describe('review diff on the canvas', () => {
  const before = baseMap();
  const after = changed(before, (m) => {
    find(m.touchpoints, 'landing').stageId = 'buy';
    find(m.touchpoints, 'call').title = 'Sales call back';
    find(m.touchpoints, 'call').expectation = 4;
    find(m.touchpoints, 'call').perception = 2;
    remove(m.touchpoints, 'refund');
  });
  const diff = diffMaps(before, after);
  const now = layoutOf(after);

  it('puts a ghost at the old place of a moved card (pointing at the new one) and of a deleted card', () => {
    const then = layoutOf(before);
    const ghosts = reviewGhosts(diff, before, now);
    expect(ghosts.map((g) => [g.touchpointId, g.kind])).toEqual([
      ['landing', 'moved'],
      ['refund', 'deleted'],
    ]);
    const landing = ghosts[0]!;
    // Discover · Website, first slot: where the card sat before, in today's lanes.
    const discover = now.columns.find((c) => c.id === 'discover')!;
    const web = now.lanes.find((l) => l.id === 'web')!;
    expect(landing.at).toEqual({ x: discover.x + (GRID.columnWidth - GRID.cardWidth) / 2, y: web.y + GRID.cellPadding });
    expect(landing.to).toEqual(now.positions.get('landing'));
    // Leave · Phone: the Phone lane is lower now (Buy · Website holds two cards), and so is the ghost.
    const phoneNow = now.lanes.find((l) => l.id === 'phone')!;
    expect(phoneNow.y).toBeGreaterThan(then.lanes.find((l) => l.id === 'phone')!.y);
    expect(ghosts[1]!.at).toEqual({ x: then.positions.get('refund')!.x, y: phoneNow.y + GRID.cellPadding });
    expect(ghosts[1]!.to).toBeNull();
  });

  it('makes each ghost as tall as its card was, and lays the earlier grid out with those heights', () => {
    // In the review the refund call showed a Plan B note and the call above it a Fix and a WOW note.
    const then = changed(before, (m) => {
      m.notes.push(makeNote({ id: 'pb', touchpointId: 'refund', kind: 'planB', text: 'Call back within a day' }));
      m.notes.push(makeNote({ id: 'fx', touchpointId: 'call', kind: 'fix', text: 'Shorter hold' }));
    });
    const heights = cardHeightsOf(then);
    expect(heights.get('refund')).toBe(CARD_BOX.head + CARD_BOX.noteLine + CARD_BOX.foot);
    expect(heights.get('landing')).toBe(CARD_BOX.head + CARD_BOX.quote + CARD_BOX.foot);
    expect(heights.get('call')).toBe(CARD_BOX.head + CARD_BOX.noteLine + CARD_BOX.foot);
    expect(heights.get('checkout')).toBe(CARD_BOX.head + CARD_BOX.noteLine + CARD_BOX.foot);

    const nowMap = changed(then, (m) => {
      remove(m.touchpoints, 'refund');
      remove(m.touchpoints, 'landing');
      m.notes = m.notes.filter((n) => n.id !== 'pb');
      m.quotes = [];
    });
    const ghosts = reviewGhosts(diffMaps(then, nowMap), then, layoutOf(nowMap));
    const byId = new Map(ghosts.map((g) => [g.touchpointId, g]));
    expect(byId.get('refund')!.height).toBe(heights.get('refund'));
    expect(byId.get('landing')!.height).toBe(heights.get('landing'));
    expect(byId.get('landing')!.height).toBeGreaterThan(GRID.cardHeight);
  });

  it('names what changed per card, a rating not also as details, deleted cards left out', () => {
    const changes = cardChanges(diff);
    expect(changes.get('landing')).toEqual(['moved']);
    expect(changes.get('call')).toEqual(['title', 'rating']);
    expect(changes.has('refund')).toBe(false);
    expect(changes.has('checkout')).toBe(false);
  });
});
