// Guessing which survey column holds which quote field from the header row, in English and
// Russian, so the usual export of a survey tool needs no manual mapping at all.
import { normaliseTitle, type QuoteColumnMapping } from './csv';

export const QUOTE_FIELDS = ['text', 'touchpoint', 'date', 'source', 'sentiment', 'who', 'link'] as const;
export type QuoteField = (typeof QUOTE_FIELDS)[number];

export type QuoteColumns = Partial<Record<QuoteField, number>>;

// Most specific first: a column called "Touchpoint" must not be taken for the text.
const GUESS_ORDER: readonly QuoteField[] = ['touchpoint', 'date', 'source', 'sentiment', 'who', 'link', 'text'];

const WORDS: Record<QuoteField, readonly string[]> = {
  touchpoint: ['touchpoint', 'touch point', 'touchpoint title', 'point of contact', 'точка контакта', 'точка', 'тк'],
  date: ['date', 'day', 'created', 'created at', 'submitted', 'submitted at', 'timestamp', 'time', 'дата', 'день', 'когда', 'время'],
  source: ['source', 'origin', 'источник', 'откуда'],
  sentiment: ['sentiment', 'tone', 'mood', 'emotion', 'тональность', 'настроение', 'эмоция', 'окраска'],
  who: ['who', 'name', 'author', 'customer', 'client', 'respondent', 'person', 'кто', 'имя', 'автор', 'клиент', 'респондент', 'фио'],
  link: ['link', 'url', 'href', 'ссылка', 'адрес'],
  text: [
    'text', 'quote', 'comment', 'comments', 'answer', 'response', 'feedback', 'verbatim', 'voice', 'review',
    'цитата', 'текст', 'комментарий', 'ответ', 'отзыв', 'отзывы', 'мнение', 'голос клиента',
  ],
};

const wordsOf = (name: string) => name.split(/[\s_\-/().,]+/).filter((w) => w !== '');

/** The word a column name is about: the last in English ("comment date"), the first in Russian ("дата отзыва"). */
function headWord(name: string): string {
  const words = wordsOf(name);
  return (/[а-яё]/.test(name) ? words[0] : words[words.length - 1]) ?? '';
}

/** Column indexes for the fields whose names appear in the header; each column is used once. */
export function guessQuoteColumns(header: readonly string[]): QuoteColumns {
  const names = header.map((cell) => normaliseTitle(cell).replace(/[:*?]+$/, '').trim());
  const used = new Set<number>();
  const out: QuoteColumns = {};
  const pass = (match: (name: string, word: string) => boolean) => {
    for (const field of GUESS_ORDER) {
      if (out[field] !== undefined) continue;
      for (const word of WORDS[field]) {
        const index = names.findIndex((name, i) => !used.has(i) && name !== '' && match(name, word));
        if (index < 0) continue;
        out[field] = index;
        used.add(index);
        break;
      }
    }
  };
  // Exact names first, then what a name is about ("Customer comment" is text, "Comment date" a
  // date), then any mention.
  pass((name, word) => name === word);
  pass((name, word) => headWord(name) === word);
  pass((name, word) => (word.includes(' ') ? name.includes(word) : wordsOf(name).includes(word)));
  return out;
}

/** The mapping `planQuoteImport` needs, or null while text or touchpoint is not chosen. */
export function toQuoteMapping(columns: QuoteColumns, header: boolean): QuoteColumnMapping | null {
  if (columns.text === undefined || columns.touchpoint === undefined) return null;
  return { ...columns, text: columns.text, touchpoint: columns.touchpoint, header };
}
