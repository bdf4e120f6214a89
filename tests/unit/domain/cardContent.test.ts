import { describe, expect, it } from 'vitest';
import { CARD_BOX, cardContent, cardHeight, freshestQuote, topNote } from '../../../src/domain/cardContent';
import { makeNote, makeQuote } from '../../fixtures/factories';

describe('topNote', () => {
  it('puts an open note before a done one, however many votes the done one has', () => {
    const done = makeNote({ text: 'Done and loved', status: 'done', votes: 9 });
    const open = makeNote({ text: 'Still open', status: 'planned', votes: 0 });
    expect(topNote([done, open], 'fix')).toBe(open);
  });

  it('among open notes takes the most votes, then the oldest', () => {
    const few = makeNote({ text: 'Few votes', votes: 1, createdAt: '2026-01-01T00:00:00.000Z' });
    const many = makeNote({ text: 'Many votes', votes: 4, createdAt: '2026-03-01T00:00:00.000Z' });
    const older = makeNote({ text: 'Older, same votes', votes: 4, createdAt: '2026-02-01T00:00:00.000Z' });
    expect(topNote([few, many, older], 'fix')).toBe(older);
    expect(topNote([few, many], 'fix')).toBe(many);
  });

  it('looks only at its kind and skips notes without text', () => {
    const wow = makeNote({ kind: 'wow', text: 'A handwritten card', votes: 5 });
    const blank = makeNote({ kind: 'fix', text: '   ', votes: 5 });
    const fix = makeNote({ kind: 'fix', text: 'Broken form' });
    expect(topNote([wow, blank, fix], 'fix')).toBe(fix);
    expect(topNote([wow, blank, fix], 'planB')).toBeNull();
  });

  it('does not depend on the order notes come in', () => {
    const a = makeNote({ id: 'n-a', text: 'A' });
    const b = makeNote({ id: 'n-b', text: 'B' });
    expect(topNote([a, b], 'fix')).toBe(topNote([b, a], 'fix'));
  });
});

describe('freshestQuote', () => {
  it('takes the latest day the customer said it, whatever order it was added in', () => {
    const old = makeQuote({ text: 'Old', date: '2025-11-02', createdAt: '2026-03-01T00:00:00.000Z' });
    const fresh = makeQuote({ text: 'Fresh', date: '2026-02-10', createdAt: '2026-02-10T00:00:00.000Z' });
    expect(freshestQuote([old, fresh])).toBe(fresh);
    expect(freshestQuote([fresh, old])).toBe(fresh);
  });

  it('puts undated quotes last and breaks a tie on the day by the one added last', () => {
    const undated = makeQuote({ text: 'Undated', date: '', createdAt: '2026-05-01T00:00:00.000Z' });
    const first = makeQuote({ text: 'First', date: '2026-01-15', createdAt: '2026-01-15T09:00:00.000Z' });
    const second = makeQuote({ text: 'Second', date: '2026-01-15', createdAt: '2026-01-15T10:00:00.000Z' });
    expect(freshestQuote([undated, first, second])).toBe(second);
    expect(freshestQuote([undated])).toBe(undated);
  });
});

describe('cardContent and cardHeight', () => {
  it('counts what the card does not show as "+N more"', () => {
    const notes = [
      makeNote({ kind: 'fix', text: 'One' }),
      makeNote({ kind: 'fix', text: 'Two' }),
      makeNote({ kind: 'planB', text: 'Refund' }),
    ];
    const quotes = [makeQuote({ text: 'Q1' }), makeQuote({ text: 'Q2', date: '2026-02-01' })];
    const content = cardContent(notes, quotes);
    expect(content.fix?.text).toBe('One');
    expect(content.wow).toBeNull();
    expect(content.planB?.text).toBe('Refund');
    expect(content.quote?.text).toBe('Q2');
    expect(content.more).toBe(2);
  });

  it('keeps a card without notes or quotes at the plain height and grows one line per note shown', () => {
    const plain = cardHeight(cardContent([], []));
    expect(plain).toBe(CARD_BOX.plain);
    const oneNote = cardHeight(cardContent([makeNote({ text: 'Fix it' })], []));
    const twoNotes = cardHeight(cardContent([makeNote({ text: 'Fix it' }), makeNote({ kind: 'wow', text: 'Wow' })], []));
    const withQuote = cardHeight(cardContent([makeNote({ text: 'Fix it' })], [makeQuote()]));
    expect(twoNotes - oneNote).toBe(CARD_BOX.noteLine);
    expect(withQuote - oneNote).toBe(CARD_BOX.quote);
  });

  it('depends on which lines show, not on how long their text is', () => {
    const short = cardHeight(cardContent([makeNote({ text: 'x' })], [makeQuote({ text: 'y' })]));
    const long = cardHeight(cardContent([makeNote({ text: 'x'.repeat(900) })], [makeQuote({ text: 'y'.repeat(900) })]));
    expect(long).toBe(short);
  });
});
