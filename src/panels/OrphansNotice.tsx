// Notes and quotes whose card someone deleted while they were being added (src/domain/orphans.ts).
// They are never kept out of sight: a notice above the canvas says what was left and offers to
// restore the card (under its old id, so they all come back on it) or to discard them.
import { useMemo, useRef } from 'react';
import { orphanKey, orphansOf, type OrphanGroup } from '../domain/orphans';
import { pluralCategory } from '../domain/plural';
import { useLocaleStore, useT } from '../locales/i18n';
import { useMapSession, useMapState, useUi } from '../store/context';

/** This many texts are quoted in the notice; the rest are counted. */
const SHOWN_TEXTS = 3;

export function OrphansNotice() {
  const { store, readOnly } = useMapSession();
  // A string: the notice re-renders only when the set of orphans changes, not on every edit; and
  // it is counted again only when cards, notes or quotes changed, not on every change of the store.
  const lastKey = useRef<{ of: readonly unknown[]; key: string } | null>(null);
  const key = useMapState((s) => {
    const of = [s.touchpoints, s.notes, s.quotes];
    if (!lastKey.current || of.some((x, i) => x !== lastKey.current!.of[i])) lastKey.current = { of, key: orphanKey(s.touchpoints, s.notes, s.quotes) };
    return lastKey.current.key;
  });
  const groups = useMemo(() => {
    if (key === '') return [];
    const s = store.getState();
    return orphansOf(s.touchpoints, Object.values(s.notes), Object.values(s.quotes));
  }, [key, store]);
  // A view link cannot restore or discard: nothing to offer.
  if (readOnly || groups.length === 0) return null;
  return (
    <div className="map-page__notice orphans-notice" role="status" data-testid="orphans-notice">
      {groups.map((group) => (
        <OrphanGroupRow key={group.touchpointId} group={group} />
      ))}
    </div>
  );
}

function OrphanGroupRow({ group }: { group: OrphanGroup }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { commands } = useMapSession();
  const selectNewTouchpoint = useUi((s) => s.selectNewTouchpoint);
  const count = group.notes.length + group.quotes.length;
  const texts = [...group.notes.map((n) => n.text), ...group.quotes.map((q) => q.text)].filter((text) => text !== '');
  const restore = () => {
    if (commands.restoreOrphanedCard(group.touchpointId, t('panels.orphans.restoredTitle'))) selectNewTouchpoint(group.touchpointId);
  };
  return (
    <div className="orphans-notice__group" data-testid="orphans-group">
      <span>{t(`panels.orphans.lost.${pluralCategory(locale, count)}`, { count })}</span>
      {texts.length > 0 && (
        // Text people wrote: rendered as text, never as HTML.
        <span className="orphans-notice__texts">
          {texts.slice(0, SHOWN_TEXTS).map((text, i) => (
            <q key={i}>{text}</q>
          ))}
          {texts.length > SHOWN_TEXTS && ` ${t('panels.orphans.more', { count: texts.length - SHOWN_TEXTS })}`}
        </span>
      )}
      <button type="button" className="button button--small" data-testid="orphans-restore" onClick={restore}>
        {t('panels.orphans.restore')}
      </button>
      <button
        type="button"
        className="button button--small button--ghost"
        data-testid="orphans-discard"
        onClick={() => commands.discardOrphans(group.touchpointId)}
      >
        {t('panels.orphans.discard')}
      </button>
    </div>
  );
}
