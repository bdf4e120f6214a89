// The top bar's Comments button: opens the comments panel; shows how many threads are open.
import { useT } from '../../locales/i18n';
import { threadsOfMap } from '../../store/comments';
import { useMapState, useUi } from '../../store/context';
import { UiIcon } from '../../ui/icons';

export function CommentsButton() {
  const t = useT();
  const open = useUi((s) => s.sidePanel === 'comments');
  const openSidePanel = useUi((s) => s.openSidePanel);
  const count = useMapState((s) => threadsOfMap(s.comments).filter((th) => !th.root.resolved).length);
  return (
    <button
      type="button"
      className={`header-action header-action--icon-first${open ? ' header-action--active' : ''}`}
      data-testid="open-comments-panel"
      title={t('comments.openTitle')}
      aria-pressed={open}
      onClick={() => openSidePanel(open ? null : 'comments')}
    >
      <UiIcon name="comment" />
      <span className="header-action__label">{t('comments.open')}</span>
      {count > 0 && (
        <span className="header-action__count" data-testid="open-comments-count">
          {count}
        </span>
      )}
    </button>
  );
}
