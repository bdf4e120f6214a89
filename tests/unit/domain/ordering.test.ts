import { describe, expect, it } from 'vitest';
import { orderBetween } from '../../../src/domain/ordering';

describe('orderBetween', () => {
  it('starts an empty list at 1', () => {
    expect(orderBetween(null, null)).toBe(1);
  });

  it('goes before the first and after the last', () => {
    expect(orderBetween(null, 3)).toBeLessThan(3);
    expect(orderBetween(3, null)).toBeGreaterThan(3);
  });

  it('lands strictly between two neighbours', () => {
    const mid = orderBetween(1, 2);
    expect(mid).toBeGreaterThan(1);
    expect(mid).toBeLessThan(2);
  });

  it('keeps inserting between the same neighbours many times without collisions', () => {
    const orders = [0, 1];
    let right = 1;
    for (let i = 0; i < 40; i++) {
      right = orderBetween(0, right);
      orders.push(right);
    }
    expect(new Set(orders).size).toBe(orders.length);
    expect([...orders].sort((a, b) => a - b)[0]).toBe(0);
  });
});
