// The map page's top bar: back to the list and the map's title (edited in place, it gets the
// flexible space) on the left; on the right the connection state, who is on the map, the file
// menus, the review, health and persona panels, Share and the language. The canvas toolbar
// floats over the canvas (CanvasToolbarDock), so nothing here competes with the title.
import { useEffect } from 'react';
import { checkTitle } from '../domain/fields';
import { useT } from '../locales/i18n';
import { DraftField } from '../panels/DraftField';
import { CommentsButton } from '../panels/comments/CommentsButton';
import { ReviewHeaderButtons } from '../panels/review/ReviewHeaderButtons';
import { useMapSession, useMapState, useUi } from '../store/context';
import { UiIcon } from '../ui/icons';
import { ShareButton } from './access/ShareDialog';
import { ViewOnlyBadge } from './access/ViewOnlyBadge';
import { ConnectionStatus } from './ConnectionStatus';
import { IoMenus } from './io/IoMenus';
import { LocaleSwitch } from './LocaleSwitch';
import { PresenceBar } from './PresenceBar';
import { PresentControls } from './present/PresentMode';
import { listHref } from './routing';
import { usePresenceSelection } from './usePresenceSelection';

export function MapHeader() {
  const t = useT();
  // Opened with a view link: the title is text and the toolbar is gone (session.readOnly).
  const { commands, readOnly } = useMapSession();
  const title = useMapState((s) => s.meta.title);
  const mapPanelOpen = useUi((s) => s.sidePanel === 'map');
  const openSidePanel = useUi((s) => s.openSidePanel);
  usePresenceSelection();

  useEffect(() => {
    document.title = title ? `${title} · ${t('app.brand')}` : t('app.brand');
  }, [title, t]);

  return (
    <header className="app-header map-header">
      <div className="map-header__start">
        <a className="back-link" href={listHref()} data-testid="back-to-list" title={t('app.map.backToList')}>
          <UiIcon name="back" />
          <span className="back-link__label">{t('app.map.backToList')}</span>
        </a>
        <span className="map-header__divider" aria-hidden="true" />
        {readOnly ? (
          <h1 className="map-title-text" data-testid="map-title" title={title}>
            {title}
          </h1>
        ) : (
          <DraftField
            testId="map-title"
            label={t('app.map.titleLabel')}
            hideLabel
            className="map-title-field"
            value={title}
            check={checkTitle}
            onCommit={(next) => commands.setMapTitle(next)}
          />
        )}
        <ViewOnlyBadge />
      </div>
      <div className="map-header__end">
        <ConnectionStatus />
        <PresenceBar />
        <span className="map-header__divider" aria-hidden="true" />
        <div className="map-header__group map-header__file">
          <IoMenus />
        </div>
        <span className="map-header__divider" aria-hidden="true" />
        <div className="map-header__group">
          <PresentControls />
          <ReviewHeaderButtons />
          <CommentsButton />
          <button
            type="button"
            className={`header-action${mapPanelOpen ? ' header-action--active' : ''}`}
            data-testid="open-map-panel"
            title={t('app.map.openMapPanel')}
            aria-pressed={mapPanelOpen}
            onClick={() => openSidePanel(mapPanelOpen ? null : 'map')}
          >
            <UiIcon name="persona" />
            <span className="header-action__label">{t('app.map.mapPanelLabel')}</span>
          </button>
        </div>
        <ShareButton />
        <LocaleSwitch />
      </div>
    </header>
  );
}
