import { describe, expect, it } from 'vitest';
import { historyStepOf } from '../../../src/ui/fieldHistory';

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  code: `Key${key.toUpperCase()}`,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('the history keys in a field', () => {
  it('reads Ctrl/⌘+Z as undo and Ctrl/⌘+Shift+Z or Ctrl+Y as redo', () => {
    expect(historyStepOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(historyStepOf(key('z', { metaKey: true }))).toBe('undo');
    expect(historyStepOf(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyStepOf(key('z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(historyStepOf(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('leaves every other key to the field', () => {
    expect(historyStepOf(key('z'))).toBeNull();
    expect(historyStepOf(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(historyStepOf(key('y', { metaKey: true }))).toBeNull();
    expect(historyStepOf(key('a', { ctrlKey: true }))).toBeNull();
  });
});
