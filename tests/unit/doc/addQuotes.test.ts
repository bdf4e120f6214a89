// Bulk quotes from a survey CSV: all or nothing, one transaction, one undo step.
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addQuotes, type NewQuote } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { createUndoManager } from '../../../src/doc/undo';
import { addTouchpointAt, docState, makeMapDoc } from '../../fixtures/factories';

const managers: Y.UndoManager[] = [];
afterEach(() => managers.splice(0).forEach((m) => m.destroy()));

const quote = (touchpointId: string, overrides: Partial<NewQuote> = {}): NewQuote => ({
  touchpointId,
  text: 'The form forgot my address',
  source: 'survey',
  sentiment: 'negative',
  who: '',
  date: '2026-03-02',
  link: '',
  ...overrides,
});

function twoCards() {
  const { doc } = makeMapDoc();
  return { doc, a: addTouchpointAt(doc, 0, 0), b: addTouchpointAt(doc, 1, 0) };
}

describe('addQuotes', () => {
  it('adds every quote to its touchpoint, trimmed, in one transaction', () => {
    const { doc, a, b } = twoCards();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const ids = addQuotes(doc, [quote(a, { text: '  Slow  ' }), quote(b, { sentiment: 'positive', who: 'Анна' })]);
    expect(transactions).toBe(1);
    expect(ids).toHaveLength(2);
    const quotes = readSnapshot(doc).quotes;
    expect(quotes.find((q) => q.id === ids[0])).toMatchObject({ touchpointId: a, text: 'Slow' });
    expect(quotes.find((q) => q.id === ids[1])).toMatchObject({ touchpointId: b, sentiment: 'positive', who: 'Анна' });
  });

  it('writes nothing when one quote is invalid or its touchpoint is gone', () => {
    const { doc, a } = twoCards();
    const before = docState(doc);
    expect(() => addQuotes(doc, [quote(a), quote(a, { date: '2026-02-30' })])).toThrow(/date/);
    expect(() => addQuotes(doc, [quote(a), quote('ghost')])).toThrow(/touchpoint/);
    expect(docState(doc)).toEqual(before);
  });

  it('is taken back by one undo', () => {
    const { doc, a, b } = twoCards();
    const manager = createUndoManager(doc);
    managers.push(manager);
    manager.stopCapturing();
    addQuotes(doc, [quote(a), quote(b), quote(b)]);
    expect(readSnapshot(doc).quotes).toHaveLength(3);
    manager.undo();
    expect(readSnapshot(doc).quotes).toHaveLength(0);
    // The touchpoints themselves were an earlier step.
    expect(readSnapshot(doc).touchpoints).toHaveLength(2);
  });
});
