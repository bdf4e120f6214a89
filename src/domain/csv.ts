// CSV (RFC 4180) for spreadsheets: the action plan out, survey quotes in. Pure functions;
// the UI reads and downloads files, and passes localised labels in.
import { QUOTE_CHECKS } from './entityFields';
import { orderedSnapshot } from './format/export';
import {
  QUOTE_SOURCES,
  SENTIMENTS,
  type JourneyMapSnapshot,
  type NoteKind,
  type NoteStatus,
  type Quote,
  type QuoteSource,
  type Sentiment,
  type Touchpoint,
} from './types';

export type CsvDelimiter = ',' | ';' | '\t';

const BOM = '\uFEFF';

export interface CsvWriteOptions {
  /** ',' by default; ';' opens in columns in Excel set to a Russian or German locale. */
  delimiter?: CsvDelimiter;
}

function quoteField(field: string, delimiter: CsvDelimiter): string {
  const needsQuotes = field.includes(delimiter) || /["\r\n]/.test(field);
  return needsQuotes ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Rows to CSV text with CRLF line ends. Starts with a UTF-8 byte order mark: without it
 * Excel reads the file in the system code page and Cyrillic turns into mojibake.
 */
export function toCsv(rows: readonly (readonly string[])[], options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let out = BOM;
  for (const row of rows) out += `${row.map((f) => quoteField(f, delimiter)).join(delimiter)}\r\n`;
  return out;
}

export interface CsvProblem {
  /** 1-based line of the text where the problem starts. */
  line: number;
  /** What is wrong, for the UI to word in the user's language; `message` says it in English. */
  code: 'unclosedQuote' | 'textAfterQuote';
  message: string;
}

export interface ParsedCsv {
  rows: string[][];
  problems: CsvProblem[];
  delimiter: CsvDelimiter;
}

/** The delimiter that splits the header line into the most columns (quoted text does not count). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * CSV text to rows. Handles a BOM, quoted fields holding delimiters, quotes ("") and line
 * breaks, CRLF / LF / CR line ends, and ',' ';' or tab delimiters (detected from the header
 * line unless given). A blank line is kept as a row with one empty field, so row numbers
 * match what a spreadsheet shows; a final line break does not add a row. Never throws.
 */
export function parseCsv(input: string, options: { delimiter?: CsvDelimiter } = {}): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  const problems: CsvProblem[] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;

  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };

  while (i < n) {
    if (text[i] === '"' && field === '') {
      // A quoted field: runs to the next lone quote, across delimiters and line breaks.
      const startLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
        i++;
      }
      if (!closed) {
        problems.push({ line: startLine, code: 'unclosedQuote', message: 'a quoted field is not closed with "' });
        break;
      }
      // Text between the closing quote and the delimiter is kept, as spreadsheets do.
      if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        problems.push({ line, code: 'textAfterQuote', message: 'text after a closing quote' });
      }
      continue;
    }
    const ch = text[i]!;
    if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  // The last row, unless the text ended with a line break.
  if (field !== '' || row.length > 0 || (n > 0 && text[n - 1] !== '\n' && text[n - 1] !== '\r')) endRow();
  return { rows, problems, delimiter };
}

// ---------------------------------------------------------------- action plan export

export const ACTION_PLAN_COLUMNS = [
  'map',
  'stage',
  'channel',
  'touchpoint',
  'kind',
  'text',
  'status',
  'owner',
  'votes',
] as const;
export type ActionPlanColumn = (typeof ACTION_PLAN_COLUMNS)[number];

/** The words of the file, in the reader's language (the locale dictionaries hold them). */
export interface ActionPlanOptions extends CsvWriteOptions {
  headers: Record<ActionPlanColumn, string>;
  statusLabels: Record<NoteStatus, string>;
}

/**
 * Spreadsheets run a cell starting with = + - @ as a formula, so a note such as
 * `=HYPERLINK(…)` could act when the plan is opened. A leading apostrophe keeps it text.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The action plan: one row per Fix / WOW / Plan B note, in map order (stage, channel, card, kind, age). */
export function actionPlanRows(
  snapshot: JourneyMapSnapshot,
  kindLabels: Record<NoteKind, string>,
  { headers, statusLabels }: Omit<ActionPlanOptions, 'delimiter'>,
): string[][] {
  const s = orderedSnapshot(snapshot);
  const stages = new Map(s.stages.map((x) => [x.id, x.title]));
  const channels = new Map(s.channels.map((x) => [x.id, x.title]));
  const touchpoints = new Map(s.touchpoints.map((x) => [x.id, x]));
  const rows: string[][] = [ACTION_PLAN_COLUMNS.map((c) => headers[c])];
  for (const note of s.notes) {
    const tp = touchpoints.get(note.touchpointId)!;
    rows.push([
      spreadsheetSafe(s.meta.title),
      spreadsheetSafe(stages.get(tp.stageId) ?? ''),
      spreadsheetSafe(channels.get(tp.channelId) ?? ''),
      spreadsheetSafe(tp.title),
      kindLabels[note.kind],
      spreadsheetSafe(note.text),
      statusLabels[note.status],
      spreadsheetSafe(note.owner),
      String(note.votes),
    ]);
  }
  return rows;
}

export const actionPlanCsv = (
  snapshot: JourneyMapSnapshot,
  kindLabels: Record<NoteKind, string>,
  options: ActionPlanOptions,
): string => toCsv(actionPlanRows(snapshot, kindLabels, options), { delimiter: options.delimiter });

// ---------------------------------------------------------------- survey quotes import

/** Column indexes (0-based) of the CSV that hold each quote field. */
export interface QuoteColumnMapping {
  text: number;
  touchpoint: number;
  date?: number;
  source?: number;
  sentiment?: number;
  who?: number;
  link?: number;
  /** The first row holds column names and is skipped (default true). */
  header?: boolean;
}

export interface QuoteImportDefaults {
  /** YYYY-MM-DD, used when a row has no date column or an empty date. */
  date: string;
  source: QuoteSource;
  sentiment: Sentiment;
  who?: string;
}

export interface QuoteToAdd extends Omit<Quote, 'id' | 'createdAt'> {
  /** 1-based row number in the spreadsheet (the header is row 1). */
  row: number;
}

export type UnmatchedCode =
  | 'noText'
  | 'textTooLong'
  | 'noTouchpoint'
  | 'unknownTouchpoint'
  | 'ambiguousTouchpoint'
  | 'badDate'
  | 'ambiguousDate'
  | 'unknownSource'
  | 'unknownSentiment'
  | 'badWho'
  | 'badLink';

export interface UnmatchedRow {
  row: number;
  /** For the UI to translate; `value` is the cell that was not understood. */
  code: UnmatchedCode;
  value: string;
  /** The same in English, for logs and the server. */
  reason: string;
}

export interface QuoteImportPlan {
  quotes: QuoteToAdd[];
  unmatched: UnmatchedRow[];
}

/** Titles compare without case, surrounding space or doubled spaces. */
export const normaliseTitle = (title: string): string => title.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

const words = (entries: Record<string, readonly string[]>): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [value, list] of Object.entries(entries)) {
    out.set(normaliseTitle(value), value);
    for (const word of list) out.set(normaliseTitle(word), value);
  }
  return out;
};

const SOURCE_WORDS = words({
  survey: ['опрос', 'анкета', 'анкетирование', 'questionnaire'],
  review: ['reviews', 'отзыв', 'отзывы'],
  interview: ['интервью', 'interviews'],
  support: ['ticket', 'support ticket', 'поддержка', 'служба поддержки', 'обращение', 'тикет'],
  social: ['social media', 'соцсети', 'соцсеть', 'социальные сети'],
  rolePlay: ['role play', 'role-play', 'ролевая игра', 'роль'],
} satisfies Record<QuoteSource, readonly string[]>);

const SENTIMENT_WORDS = words({
  positive: ['pos', '+', 'good', 'позитив', 'позитивный', 'позитивная', 'положительный', 'положительная', 'хорошо'],
  neutral: ['neu', '0', 'нейтрально', 'нейтральный', 'нейтральная', 'нейтрал'],
  negative: ['neg', '-', '−', 'bad', 'негатив', 'негативный', 'негативная', 'отрицательный', 'отрицательная', 'плохо'],
} satisfies Record<Sentiment, readonly string[]>);

export const sourceFromWord = (word: string): QuoteSource | null =>
  (SOURCE_WORDS.get(normaliseTitle(word)) as QuoteSource | undefined) ?? null;
export const sentimentFromWord = (word: string): Sentiment | null =>
  (SENTIMENT_WORDS.get(normaliseTitle(word)) as Sentiment | undefined) ?? null;

export type SurveyDate = { ok: true; value: string } | { ok: false; code: 'badDate' | 'ambiguousDate' };

const pad = (n: string) => n.padStart(2, '0');

/**
 * A survey's date as YYYY-MM-DD. Accepts YYYY-MM-DD (or with / or .), DD.MM.YYYY, and
 * a/b/YYYY when only one reading is a real date (MM/DD as in the US, or DD/MM when the
 * first number is over 12); 03/04/2026 could be either and is refused. A time after the
 * date (survey tools write one) is ignored.
 */
export function parseSurveyDate(raw: string): SurveyDate {
  const datePart = raw.trim().split(/[T\s]/)[0] ?? '';
  let ymd: [string, string, string] | null = null;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(datePart);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(datePart);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(datePart);
  if (iso) ymd = [iso[1]!, iso[2]!, iso[3]!];
  else if (dotted) ymd = [dotted[3]!, dotted[2]!, dotted[1]!];
  else if (slashed) {
    const [a, b, year] = [slashed[1]!, slashed[2]!, slashed[3]!];
    const [first, second] = [Number(a), Number(b)];
    if (first === second || (first <= 12 && second > 12)) ymd = [year, a, b];
    else if (first > 12 && second <= 12) ymd = [year, b, a];
    else if (first <= 12 && second <= 12) return { ok: false, code: 'ambiguousDate' };
  }
  if (!ymd) return { ok: false, code: 'badDate' };
  const value = `${ymd[0]}-${pad(ymd[1])}-${pad(ymd[2])}`;
  return QUOTE_CHECKS.date(value).ok ? { ok: true, value } : { ok: false, code: 'badDate' };
}

const REASONS: Record<UnmatchedCode, (value: string) => string> = {
  noText: () => 'the quote text is empty',
  textTooLong: () => 'the quote text is too long',
  noTouchpoint: () => 'no touchpoint is named',
  unknownTouchpoint: (v) => `no touchpoint is titled "${v}"`,
  ambiguousTouchpoint: (v) => `more than one touchpoint is titled "${v}"`,
  badDate: (v) => `"${v}" is not a date (use YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY)`,
  ambiguousDate: (v) => `"${v}" could be day/month or month/day (use YYYY-MM-DD)`,
  unknownSource: (v) => `source "${v}" is not one of ${QUOTE_SOURCES.join(', ')}`,
  unknownSentiment: (v) => `sentiment "${v}" is not one of ${SENTIMENTS.join(', ')}`,
  badWho: () => 'the name of who said it is too long',
  badLink: (v) => `"${v}" is not an http or https link`,
};

/**
 * Which CSV rows become quotes on which touchpoints. Touchpoints are matched by title
 * (ignoring case and spaces; when titles repeat, the only one not retired wins). Rows that
 * cannot be imported are listed with the reason, never dropped; wholly blank rows are skipped.
 */
export function planQuoteImport(
  rows: readonly (readonly string[])[],
  mapping: QuoteColumnMapping,
  snapshot: JourneyMapSnapshot,
  defaults: QuoteImportDefaults,
): QuoteImportPlan {
  const byTitle = new Map<string, Touchpoint[]>();
  for (const tp of orderedSnapshot(snapshot).touchpoints) {
    const key = normaliseTitle(tp.title);
    const list = byTitle.get(key);
    if (list) list.push(tp);
    else byTitle.set(key, [tp]);
  }

  const quotes: QuoteToAdd[] = [];
  const unmatched: UnmatchedRow[] = [];
  const start = mapping.header === false ? 0 : 1;

  for (let index = start; index < rows.length; index++) {
    const cells = rows[index]!;
    const row = index + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const cell = (column: number | undefined) => (column === undefined ? '' : (cells[column] ?? '').trim());
    const refuse = (code: UnmatchedCode, value = '') => unmatched.push({ row, code, value, reason: REASONS[code](value) });

    const rawText = cell(mapping.text);
    if (rawText === '') {
      refuse('noText');
      continue;
    }
    const text = QUOTE_CHECKS.text(rawText);
    if (!text.ok) {
      refuse('textTooLong');
      continue;
    }

    const title = cell(mapping.touchpoint);
    if (title === '') {
      refuse('noTouchpoint');
      continue;
    }
    const candidates = byTitle.get(normaliseTitle(title)) ?? [];
    const live = candidates.filter((tp) => tp.status !== 'retired');
    const touchpoint = candidates.length === 1 ? candidates[0] : live.length === 1 ? live[0] : undefined;
    if (!touchpoint) {
      refuse(candidates.length === 0 ? 'unknownTouchpoint' : 'ambiguousTouchpoint', title);
      continue;
    }

    let date = defaults.date;
    const rawDate = cell(mapping.date);
    if (rawDate !== '') {
      const parsed = parseSurveyDate(rawDate);
      if (!parsed.ok) {
        refuse(parsed.code, rawDate);
        continue;
      }
      date = parsed.value;
    }

    let source = defaults.source;
    const rawSource = cell(mapping.source);
    if (rawSource !== '') {
      const found = sourceFromWord(rawSource);
      if (!found) {
        refuse('unknownSource', rawSource);
        continue;
      }
      source = found;
    }

    let sentiment = defaults.sentiment;
    const rawSentiment = cell(mapping.sentiment);
    if (rawSentiment !== '') {
      const found = sentimentFromWord(rawSentiment);
      if (!found) {
        refuse('unknownSentiment', rawSentiment);
        continue;
      }
      sentiment = found;
    }

    const who = QUOTE_CHECKS.who(cell(mapping.who) || (defaults.who ?? ''));
    if (!who.ok) {
      refuse('badWho');
      continue;
    }
    const rawLink = cell(mapping.link);
    const link = QUOTE_CHECKS.link(rawLink);
    if (!link.ok) {
      refuse('badLink', rawLink);
      continue;
    }

    quotes.push({ row, touchpointId: touchpoint.id, text: text.value, source, sentiment, who: who.value, date, link: link.value });
  }
  return { quotes, unmatched };
}
