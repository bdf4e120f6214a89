// What changed between two states of the map, grouped the way a review reads it aloud. Each
// row carries its kind (data-kind); a row about a card on the canvas brings it into view.
import type { MapDiff } from '../../domain/review/diff';
import type { Locale } from '../../domain/locale';
import { useLocaleStore, useT, type Translate } from '../../locales/i18n';
import { useUiStore } from '../../store/context';
import { diffEntries, type DiffEntry } from './diffEntries';
import { formatScore } from '../../domain/satisfaction';
import type { LayerKind } from '../../domain/types';

export function DiffList({ diff }: { diff: MapDiff }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const ui = useUiStore();
  const groups = diffEntries(diff);
  if (groups.length === 0) {
    return (
      <p className="panel-section__hint" data-testid="diff-list" data-count={0}>
        {t('review.compare.same')}
      </p>
    );
  }
  const count = groups.reduce((n, g) => n + g.entries.length, 0);
  return (
    <div className="diff-list" data-testid="diff-list" data-count={count}>
      <p className="diff-list__summary">{t('review.compare.summary', { count })}</p>
      {groups.map((group) => (
        <section key={group.name} className="diff-group" data-group={group.name}>
          <h4 className="diff-group__title">{t(`review.compare.groups.${group.name}`)}</h4>
          <ul className="diff-group__entries">
            {group.entries.map((entry) => (
              <li
                key={entry.key}
                className={`diff-entry diff-entry--${entry.kind}`}
                data-testid="diff-entry"
                data-kind={entry.kind}
                data-touchpoint-id={entry.touchpointId ?? undefined}
              >
                <span className={`diff-entry__badge diff-entry__badge--${entry.kind.split('-')[1]}`}>{t(`review.compare.kinds.${entry.kind}`)}</span>
                {entry.touchpointId ? (
                  <button type="button" className="diff-entry__title link-button" onClick={() => ui.getState().centerOn(entry.touchpointId!)}>
                    {entry.noteKind && <span className={`note-kind-dot note-kind-dot--${entry.noteKind === 'planB' ? 'plan' : entry.noteKind}`} aria-hidden="true" />}
                    {entry.title || '…'}
                  </button>
                ) : (
                  <span className="diff-entry__title">{entry.title || '…'}</span>
                )}
                <span className="diff-entry__detail">{detailOf(t, entry, locale)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function detailOf(t: Translate, entry: DiffEntry, locale: Locale): string {
  const d = entry.detail;
  switch (entry.kind) {
    case 'touchpoint-added':
    case 'touchpoint-retired':
    case 'touchpoint-reactivated':
    case 'touchpoint-deleted':
      return t('review.compare.place', { stage: String(d.stage), channel: String(d.channel) });
    case 'touchpoint-moved':
      return t('review.compare.moved', { from: String(d.from), to: String(d.to) });
    case 'touchpoint-renamed':
      return t('review.compare.renamed', { before: String(d.before), after: String(d.after) });
    case 'note-added':
    case 'note-closed':
    case 'note-reopened':
    case 'note-deleted':
      return `${t(`domain.noteKind.${entry.noteKind!}`)} · ${t('review.compare.onTouchpoint', { touchpoint: String(d.touchpoint) })}`;
    case 'quote-added':
    case 'quote-deleted':
      return t('review.compare.quoteBy', { who: String(d.who || '—'), date: String(d.date), touchpoint: String(d.touchpoint) });
    case 'satisfaction-touchpoint':
    case 'satisfaction-stage':
      return t('review.compare.score', {
        before: formatScore(d.before as number | null, locale),
        after: formatScore(d.after as number | null, locale),
      });
    case 'lane-added':
    case 'lane-removed':
      return t(`review.compare.lane.${d.lane === 'stage' ? 'stage' : 'channel'}`);
    case 'layer-added':
    case 'layer-removed':
      return t(`layers.kinds.${d.layerKind as LayerKind}`);
    case 'layer-renamed':
      return t('review.compare.renamed', { before: String(d.before), after: String(d.after) });
    case 'cell-changed':
      return t('review.compare.cell', { before: String(d.before) || '—', after: String(d.after) || '—' });
    case 'kpi-changed': {
      const figure = (v: string | number | null) => (typeof v === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v) : '—');
      const kpi = (metric: string | number | null, actual: string | number | null, target: string | number | null) =>
        t('review.compare.kpi', { metric: String(metric || '—'), actual: figure(actual), target: figure(target) });
      return t('review.compare.score', {
        before: kpi(d.metricBefore!, d.actualBefore!, d.targetBefore!),
        after: kpi(d.metricAfter!, d.actualAfter!, d.targetAfter!),
      });
    }
    case 'lane-owner':
      return `${t(`review.compare.lane.${d.lane === 'stage' ? 'stage' : 'channel'}`)} · ${t('review.compare.owner', {
        before: String(d.before || '—'),
        after: String(d.after || '—'),
      })}`;
  }
}
