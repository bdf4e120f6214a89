import { describe, expect, it } from 'vitest';
import { pluralCategory } from '../../../src/domain/plural';

describe('pluralCategory', () => {
  it('follows each language’s plural rules', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 3)).toBe('other');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('ru', 1)).toBe('one');
    expect(pluralCategory('ru', 3)).toBe('few');
    expect(pluralCategory('ru', 5)).toBe('many');
    expect(pluralCategory('ru', 21)).toBe('one');
  });
});
