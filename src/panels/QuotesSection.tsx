// Customer voice: quotes with their source, sentiment, who said it, when, and where it is from.
import { memo, useState } from 'react';
import { checkDate, checkLink, checkLongText, checkName } from '../domain/fields';
import { QUOTE_SOURCES, SENTIMENTS, type Id, type Quote, type QuoteSource, type Sentiment } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapSession } from '../store/context';
import { localIsoDate } from './dates';
import { DraftField } from './DraftField';
import { safely } from './safely';
import { SelectField } from './SelectField';

export function QuotesSection({ touchpointId, quotes }: { touchpointId: Id; quotes: readonly Quote[] }) {
  const t = useT();
  const { commands } = useMapSession();
  const [addedId, setAddedId] = useState<Id | null>(null);
  const add = () =>
    safely(() =>
      setAddedId(
        commands.addQuote(touchpointId, {
          text: '',
          source: 'survey',
          sentiment: 'neutral',
          who: '',
          date: localIsoDate(),
          link: '',
        }),
      ),
    );

  return (
    <section className="quotes" data-testid="quotes">
      <header className="note-group__header">
        <h3 className="note-group__title">
          <span className="quote-mark" aria-hidden="true">
            “
          </span>
          {t('domain.words.customerVoice')}
          <span className="note-group__count">{quotes.length}</span>
        </h3>
        <button type="button" className="button button--ghost button--small" data-testid="add-quote" onClick={add}>
          {t('panels.quotes.add')}
        </button>
      </header>
      {quotes.length === 0 ? (
        <p className="note-group__empty">{t('panels.quotes.empty')}</p>
      ) : (
        <ul className="quote-list">
          {quotes.map((quote) => (
            <QuoteItem key={quote.id} quote={quote} autoFocus={quote.id === addedId} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Only http(s) links become clickable, whatever a peer managed to store. */
function SafeLink({ href, label }: { href: string; label: string }) {
  const checked = checkLink(href);
  if (!checked.ok || checked.value === '') return null;
  return (
    <a className="quote-item__open-link" href={checked.value} target="_blank" rel="noopener noreferrer">
      {label} ↗
    </a>
  );
}

const QuoteItem = memo(function QuoteItem({ quote, autoFocus }: { quote: Quote; autoFocus: boolean }) {
  const t = useT();
  const { commands } = useMapSession();
  const update = (patch: Parameters<typeof commands.updateQuote>[1]) => commands.updateQuote(quote.id, patch);

  return (
    <li className={`quote-item quote-item--${quote.sentiment}`} data-testid="quote-item" data-quote-id={quote.id}>
      <DraftField
        testId="quote-text"
        label={t('panels.quotes.text')}
        hideLabel
        multiline
        className="quote-item__text"
        value={quote.text}
        check={checkLongText}
        onCommit={(text) => update({ text })}
        placeholder={t('panels.quotes.textPlaceholder')}
        autoFocus={autoFocus}
      />
      <div className="quote-item__grid">
        <SelectField
          testId="quote-source"
          label={t('panels.quotes.source')}
          value={quote.source}
          options={QUOTE_SOURCES.map((s) => ({ value: s, label: t(`domain.quoteSource.${s}`) }))}
          onChange={(source) => safely(() => update({ source: source as QuoteSource }))}
        />
        <SelectField
          testId="quote-sentiment"
          label={t('panels.quotes.sentiment')}
          value={quote.sentiment}
          options={SENTIMENTS.map((s) => ({ value: s, label: t(`domain.sentiment.${s}`) }))}
          onChange={(sentiment) => safely(() => update({ sentiment: sentiment as Sentiment }))}
        />
        <DraftField
          testId="quote-who"
          label={t('panels.quotes.who')}
          value={quote.who}
          check={checkName}
          onCommit={(who) => update({ who })}
          placeholder={t('panels.quotes.whoPlaceholder')}
        />
        <DraftField
          testId="quote-date"
          label={t('panels.quotes.date')}
          type="date"
          commitOnChange
          value={quote.date}
          check={checkDate}
          onCommit={(date) => update({ date })}
        />
      </div>
      <DraftField
        testId="quote-link"
        label={t('panels.quotes.link')}
        type="url"
        value={quote.link}
        check={checkLink}
        onCommit={(link) => update({ link })}
        placeholder="https://"
      />
      <div className="quote-item__footer">
        <SafeLink href={quote.link} label={t('panels.quotes.openLink')} />
        <button
          type="button"
          className="button button--ghost button--small button--danger-text"
          data-testid="quote-delete"
          onClick={() => safely(() => commands.deleteQuote(quote.id))}
        >
          {t('panels.quotes.delete')}
        </button>
      </div>
    </li>
  );
});
