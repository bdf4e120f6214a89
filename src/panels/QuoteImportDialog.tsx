// Survey answers in as customer-voice quotes: preview the CSV, say which column is which
// (guessed from the header in English or Russian), see how many rows match a touchpoint by
// title and why the others do not, then add them all in one transaction (one undo step).
import { useId, useMemo, useState } from 'react';
import { parseCsv, planQuoteImport, type QuoteImportDefaults } from '../domain/csv';
import { QUOTE_SOURCES, SENTIMENTS, type QuoteSource, type Sentiment } from '../domain/types';
import { localDate } from '../domain/fileName';
import { QUOTE_FIELDS, guessQuoteColumns, toQuoteMapping, type QuoteColumns, type QuoteField } from '../domain/quoteColumns';
import { pluralCategory } from '../domain/plural';
import { useLocaleStore, useT } from '../locales/i18n';
import { useMapSession, useMapState } from '../store/context';
import { Modal } from '../ui/Modal';
import { snapshotOfState } from '../store/snapshotStore';
import './quoteImport.css';

export interface CsvFile {
  name: string;
  text: string;
  encoding: 'utf-8' | 'windows-1251';
}

interface QuoteImportDialogProps {
  file: CsvFile;
  onPickAnother: () => void;
  onClose: () => void;
  /** After the quotes were added, with how many. */
  onImported?: (count: number) => void;
}

const PREVIEW_ROWS = 5;
/** Unmatched rows listed; the count says how many more there are. */
const UNMATCHED_SHOWN = 200;

export function QuoteImportDialog({ file, onPickAnother, onClose, onImported }: QuoteImportDialogProps) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const titleId = useId();
  const { commands } = useMapSession();
  const meta = useMapState((s) => s.meta);
  const stages = useMapState((s) => s.stages);
  const channels = useMapState((s) => s.channels);
  const touchpoints = useMapState((s) => s.touchpoints);

  const parsed = useMemo(() => parseCsv(file.text), [file.text]);
  const rows = parsed.rows;
  const [header, setHeader] = useState(true);
  const [columns, setColumns] = useState<QuoteColumns>(() => guessQuoteColumns(rows[0] ?? []));
  const [defaults, setDefaults] = useState<QuoteImportDefaults>(() => ({
    date: localDate(new Date()),
    source: 'survey',
    sentiment: 'neutral',
  }));
  const [failure, setFailure] = useState<string | null>(null);

  const columnCount = useMemo(() => rows.slice(0, 50).reduce((most, row) => Math.max(most, row.length), 0), [rows]);
  const columnName = (i: number) => (header && rows[0]?.[i]?.trim()) || t('io.quotes.column', { n: i + 1 });

  const plan = useMemo(() => {
    const mapping = toQuoteMapping(columns, header);
    if (!mapping) return null;
    const snapshot = snapshotOfState({ meta, stages, channels, touchpoints, connections: {}, notes: {}, quotes: {}, layers: [], cells: {} });
    return planQuoteImport(rows, mapping, snapshot, defaults);
  }, [rows, columns, header, defaults, meta, stages, channels, touchpoints]);

  const preview = rows.slice(header ? 1 : 0, (header ? 1 : 0) + PREVIEW_ROWS);
  const count = plan?.quotes.length ?? 0;

  const setColumn = (field: QuoteField, value: string) =>
    setColumns((c) => {
      const next = { ...c };
      if (value === '') delete next[field];
      else next[field] = Number(value);
      return next;
    });

  const addAll = () => {
    if (!plan || count === 0) return;
    try {
      commands.addQuotes(plan.quotes.map(({ row: _row, ...quote }) => quote));
      onImported?.(count);
      onClose();
    } catch (error) {
      console.error(error);
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Modal onDismiss={onClose}>
      <div className="confirm-dialog quote-import" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="quote-import-dialog">
        <h2 id={titleId} className="confirm-dialog__title">
          {t('io.quotes.title')}
        </h2>
        <p className="quote-import__lead">{t('io.quotes.lead')}</p>
        <div className="quote-import__file">
          <span data-testid="quote-import-file">
            {t('io.quotes.file', { name: file.name, rows: rows.length, encoding: file.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1251' })}
          </span>
          <button type="button" className="button button--small button--ghost" data-testid="quote-import-pick" onClick={onPickAnother}>
            {t('io.quotes.pick')}
          </button>
        </div>
        {parsed.problems.map((p, i) => (
          <p key={i} className="field-error" data-testid="quote-import-csv-problem">
            {t('io.quotes.csvProblem', { line: p.line, message: t(`io.quotes.csvProblems.${p.code}`) })}
          </p>
        ))}

        <label className="quote-import__check">
          <input type="checkbox" data-testid="quote-import-header" checked={header} onChange={(e) => setHeader(e.target.checked)} />
          {t('io.quotes.header')}
        </label>

        <h3 className="quote-import__heading">{t('io.quotes.preview')}</h3>
        <div className="quote-import__preview-wrap">
          <table className="quote-import__preview" data-testid="quote-import-preview">
            <thead>
              <tr>
                {Array.from({ length: columnCount }, (_, i) => (
                  <th key={i} scope="col">
                    {columnName(i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.map((row, r) => (
                <tr key={r}>
                  {Array.from({ length: columnCount }, (_, i) => (
                    <td key={i}>{row[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <h3 className="quote-import__heading">{t('io.quotes.columns')}</h3>
        <div className="quote-import__mapping">
          {QUOTE_FIELDS.map((field) => (
            <label key={field} className="quote-import__field">
              <span>{t(`io.quotes.field.${field}`)}</span>
              <select
                data-testid={`quote-map-${field}`}
                value={columns[field] === undefined ? '' : String(columns[field])}
                onChange={(e) => setColumn(field, e.target.value)}
              >
                <option value="">{t('io.quotes.none')}</option>
                {Array.from({ length: columnCount }, (_, i) => (
                  <option key={i} value={String(i)}>
                    {columnName(i)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>

        <h3 className="quote-import__heading">{t('io.quotes.defaults')}</h3>
        <div className="quote-import__mapping">
          <label className="quote-import__field">
            <span>{t('io.quotes.defaultDate')}</span>
            <input
              type="date"
              className="text-input"
              data-testid="quote-default-date"
              value={defaults.date}
              onChange={(e) => e.target.value && setDefaults((d) => ({ ...d, date: e.target.value }))}
            />
          </label>
          <label className="quote-import__field">
            <span>{t('io.quotes.defaultSource')}</span>
            <select
              data-testid="quote-default-source"
              value={defaults.source}
              onChange={(e) => setDefaults((d) => ({ ...d, source: e.target.value as QuoteSource }))}
            >
              {QUOTE_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`domain.quoteSource.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="quote-import__field">
            <span>{t('io.quotes.defaultSentiment')}</span>
            <select
              data-testid="quote-default-sentiment"
              value={defaults.sentiment}
              onChange={(e) => setDefaults((d) => ({ ...d, sentiment: e.target.value as Sentiment }))}
            >
              {SENTIMENTS.map((s) => (
                <option key={s} value={s}>
                  {t(`domain.sentiment.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>

        {!plan ? (
          <p className="quote-import__summary" data-testid="quote-import-required">
            {t('io.quotes.required')}
          </p>
        ) : (
          <>
            <p className="quote-import__summary quote-import__summary--ok" data-testid="quote-import-matched" data-count={count}>
              {t(`io.quotes.matched.${pluralCategory(locale, count)}`, { count })}
            </p>
            {plan.unmatched.length > 0 && (
              <div className="quote-import__unmatched">
                <p className="quote-import__summary quote-import__summary--warn" data-testid="quote-import-unmatched-count" data-count={plan.unmatched.length}>
                  {t(`io.quotes.unmatchedTitle.${pluralCategory(locale, plan.unmatched.length)}`, { count: plan.unmatched.length })}
                </p>
                <ul className="quote-import__unmatched-list">
                  {plan.unmatched.slice(0, UNMATCHED_SHOWN).map((u) => (
                    <li key={u.row} data-testid="quote-import-unmatched" data-row={u.row} data-code={u.code}>
                      <span className="quote-import__row">{t('io.quotes.row', { row: u.row })}</span>
                      {t(`io.quotes.reasons.${u.code}`, { value: u.value })}
                    </li>
                  ))}
                  {plan.unmatched.length > UNMATCHED_SHOWN && (
                    <li className="quote-import__more">{t('io.problems.more', { count: plan.unmatched.length - UNMATCHED_SHOWN })}</li>
                  )}
                </ul>
              </div>
            )}
          </>
        )}
        {failure && (
          <p className="field-error" role="alert">
            {t('io.problems.failed', { message: failure })}
          </p>
        )}

        <div className="confirm-dialog__actions">
          <button type="button" className="button" data-testid="quote-import-cancel" onClick={onClose}>
            {t('io.quotes.cancel')}
          </button>
          <button type="button" className="button button--primary" data-testid="quote-import-confirm" disabled={count === 0} onClick={addAll}>
            {t(`io.quotes.import.${pluralCategory(locale, count)}`, { count })}
          </button>
        </div>
      </div>
    </Modal>
  );
}
