import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addQuote, deleteQuote, updateQuote, type QuoteFields } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { LINK_MAX, NAME_MAX, TEXT_MAX } from '../../../src/domain/limits';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';
import { expectRefused } from '../../fixtures/docAssertions';

const quote = (doc: Y.Doc, id: string) => readSnapshot(doc).quotes.find((q) => q.id === id);

const fields = (overrides: Partial<QuoteFields> = {}): QuoteFields => ({
  text: 'I waited 20 minutes on the phone',
  source: 'support',
  sentiment: 'negative',
  who: 'Ticket #4411',
  date: '2026-03-02',
  link: 'https://help.example.com/t/4411',
  ...overrides,
});

function cardWithQuote() {
  const { doc } = makeMapDoc();
  const tp = addTouchpointAt(doc, 0, 0);
  return { doc, tp, id: addQuote(doc, tp, fields()) };
}

describe('addQuote', () => {
  it('attaches the customer voice with its source and date', () => {
    const { doc, tp, id } = cardWithQuote();
    expect(quote(doc, id)).toMatchObject({ id, touchpointId: tp, ...fields() });
  });

  it('trims text fields', () => {
    const { doc, tp } = cardWithQuote();
    const id = addQuote(doc, tp, fields({ text: '  Loved it ', who: ' Anna ', link: ' https://x.example ' }));
    expect(quote(doc, id)).toMatchObject({ text: 'Loved it', who: 'Anna', link: 'https://x.example' });
  });

  it.each([
    [{ link: 'javascript:alert(document.cookie)' }, 'link', 'invalidLink'],
    [{ link: 'https://example.com/' + 'a'.repeat(LINK_MAX) }, 'link', 'tooLong'],
    [{ date: '2026-02-30' }, 'date', 'invalidDate'],
    [{ date: '' }, 'date', 'invalidDate'],
    [{ source: 'rumour' as never }, 'source', 'notAllowed'],
    [{ sentiment: 'angry' as never }, 'sentiment', 'notAllowed'],
    [{ who: 'x'.repeat(NAME_MAX + 1) }, 'who', 'tooLong'],
    [{ text: 'x'.repeat(TEXT_MAX + 1) }, 'text', 'tooLong'],
  ])('refuses %o', (bad, field, code) => {
    const { doc, tp } = cardWithQuote();
    expectRefused(doc, () => addQuote(doc, tp, fields(bad)), field, code);
  });

  it('refuses a missing touchpoint', () => {
    const { doc } = cardWithQuote();
    expect(() => addQuote(doc, 'ghost', fields())).toThrow(/touchpoint/);
  });
});

describe('updateQuote', () => {
  it('changes the given fields only', () => {
    const { doc, id } = cardWithQuote();
    updateQuote(doc, id, { sentiment: 'positive', date: '2026-03-05', link: '' });
    expect(quote(doc, id)).toMatchObject({ ...fields(), sentiment: 'positive', date: '2026-03-05', link: '' });
  });

  it('refuses a bad patch as a whole', () => {
    const { doc, id } = cardWithQuote();
    expectRefused(doc, () => updateQuote(doc, id, { text: 'New text', link: 'javascript:void(0)' }), 'link');
    expectRefused(doc, () => updateQuote(doc, id, { who: 'Anna', date: '31/12/2026' }), 'date');
    expect(quote(doc, id)!.text).toBe(fields().text);
  });

  it('refuses a quote that does not exist', () => {
    const { doc } = cardWithQuote();
    expect(() => updateQuote(doc, 'ghost', { text: 'x' })).toThrow(/does not exist/);
  });
});

describe('deleteQuote', () => {
  it('deletes only that quote', () => {
    const { doc, tp, id } = cardWithQuote();
    const other = addQuote(doc, tp, fields({ text: 'Second' }));
    deleteQuote(doc, id);
    expect(readSnapshot(doc).quotes.map((q) => q.id)).toEqual([other]);
  });
});
