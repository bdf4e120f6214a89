import { describe, expect, it } from 'vitest';
import { expectedInPicture } from '../../../src/canvas/pngBridge';
import { makeConnection } from '../../fixtures/factories';

describe('expectedInPicture', () => {
  it('expects a card per placed touchpoint and an arrow per connection between two of them', () => {
    const positions = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 200, y: 0 }],
      ['c', { x: 400, y: 0 }],
    ]);
    const connections = [
      makeConnection({ sourceId: 'a', targetId: 'b' }),
      makeConnection({ sourceId: 'b', targetId: 'c' }),
      // A card that is gone draws no arrow; waiting for one would stall the export.
      makeConnection({ sourceId: 'c', targetId: 'gone' }),
    ];
    expect(expectedInPicture(positions, connections)).toEqual({ cards: 3, connections: 2 });
  });
});
