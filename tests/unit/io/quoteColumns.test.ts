import { describe, expect, it } from 'vitest';
import { guessQuoteColumns, toQuoteMapping } from '../../../src/domain/quoteColumns';

describe('guessQuoteColumns', () => {
  it('maps the usual English survey export', () => {
    expect(guessQuoteColumns(['Submitted at', 'Customer name', 'Touchpoint', 'Customer comment', 'Sentiment', 'Source', 'URL'])).toEqual({
      date: 0,
      who: 1,
      touchpoint: 2,
      text: 3,
      sentiment: 4,
      source: 5,
      link: 6,
    });
  });

  it('maps Russian headers, whatever the case and spacing', () => {
    expect(guessQuoteColumns([' Точка контакта ', 'ОТЗЫВ', 'Дата отзыва', 'Имя клиента', 'Тональность', 'Ссылка'])).toEqual({
      touchpoint: 0,
      text: 1,
      date: 2,
      who: 3,
      sentiment: 4,
      link: 5,
    });
  });

  it('leaves fields it cannot recognise unmapped and uses each column once', () => {
    const guess = guessQuoteColumns(['Quote', 'Quote', 'Score']);
    expect(guess).toEqual({ text: 0 });
  });

  it('needs text and touchpoint before a plan can be made', () => {
    expect(toQuoteMapping({ text: 1 }, true)).toBeNull();
    expect(toQuoteMapping({ text: 1, touchpoint: 0, date: 2 }, false)).toEqual({ text: 1, touchpoint: 0, date: 2, header: false });
  });
});
