// After a merge replaced values this user had set (an offline edit meeting a colleague's, or two
// edits of one field at the same moment): what was replaced, by whom, and one click to put each
// back as a new, undoable edit. Nothing is shown when nothing of theirs was lost.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useT, type MessageKey } from '../locales/i18n';
import { useMapSession, useMapState } from '../store/context';
import type { MergeNotice, MergeNotices, MergeNoticesState } from '../store/session';

const EMPTY: MergeNoticesState = { notices: [], names: {} };
const NO_STATE = { getState: () => EMPTY, subscribe: () => () => undefined } as unknown as StoreApi<MergeNoticesState>;

export function MergeNoticesView() {
  const { merges } = useMapSession();
  const notices = useStore(merges?.state ?? NO_STATE, (s) => s.notices);
  const t = useT();
  if (!merges || notices.length === 0) return null;
  return (
    <section className="map-page__notice merge-notices" role="status" data-testid="merge-notices" aria-label={t('app.merge.title')}>
      <div className="merge-notices__head">
        <strong>{t('app.merge.title')}</strong>
        <button type="button" className="button button--ghost" data-testid="merge-dismiss-all" onClick={merges.dismissAll}>
          {t('app.merge.dismissAll')}
        </button>
      </div>
      <ul className="merge-notices__list">
        {notices.map((notice) => (
          <MergeNoticeItem key={notice.id} notice={notice} merges={merges} />
        ))}
      </ul>
    </section>
  );
}

function MergeNoticeItem({ notice, merges }: { notice: MergeNotice; merges: MergeNotices }) {
  const t = useT();
  const name = useStore(merges.state, (s) => s.names[notice.byClient]);
  const where = useWhere(notice);
  const [failed, setFailed] = useState(false);
  const putBack = () => {
    try {
      merges.putBack(notice.id);
    } catch {
      setFailed(true);
    }
  };
  return (
    <li className="merge-notices__item" data-testid="merge-notice" data-field={notice.field} data-entity-id={notice.entityId}>
      <span data-testid="merge-notice-text">
        {t('app.merge.item', {
          field: t(`app.merge.fields.${notice.field}` as MessageKey),
          mine: notice.mine,
          theirs: notice.theirs,
          where,
          name: name ?? t('app.merge.someone'),
        })}
      </span>
      {failed && (
        <span className="field-error" role="alert">
          {t('app.merge.putBackFailed')}
        </span>
      )}
      <span className="merge-notices__actions">
        <button type="button" className="button button--primary" data-testid="merge-put-back" onClick={putBack}>
          {t('app.merge.putBack')}
        </button>
        <button type="button" className="button button--ghost" data-testid="merge-dismiss" onClick={() => merges.dismiss(notice.id)}>
          {t('app.merge.dismiss')}
        </button>
      </span>
    </li>
  );
}

/** "card «Online ad»", "stage «Buy»", "the map": where the replaced value sits, as it is called now. */
function useWhere(notice: MergeNotice): string {
  const t = useT();
  const cardTitle = useMapState((s) => (notice.touchpointId ? s.touchpoints[notice.touchpointId]?.title : undefined));
  const laneTitle = useMapState((s) =>
    notice.place === 'stages' || notice.place === 'channels' ? s[notice.place].find((l) => l.id === notice.entityId)?.title : undefined,
  );
  if (notice.place === 'meta') return t('app.merge.where.meta');
  const title = cardTitle ?? laneTitle;
  if (title === undefined) return t('app.merge.where.gone');
  return t(`app.merge.where.${notice.place}`, { title });
}
