// The map page's top bar: back to the list and the map's title (edited in place) on the left,
// the canvas toolbar in the middle; on the right the connection state, who is on the map,
// the persona and scenario panel and the language.
import { useEffect } from 'react';
import { Toolbar } from '../canvas/Toolbar';
import { checkTitle } from '../domain/fields';
import { useT } from '../locales/i18n';
import { DraftField } from '../panels/DraftField';
import { ReviewHeaderButtons } from '../panels/review/ReviewHeaderButtons';
import { useMapSession, useMapState, useUi } from '../store/context';
import { ShareButton } from './access/ShareDialog';
import { ViewOnlyBadge } from './access/ViewOnlyBadge';
import { ConnectionStatus } from './ConnectionStatus';
import { IoMenus } from './io/IoMenus';
import { LocaleSwitch } from './LocaleSwitch';
import { PresenceBar } from './PresenceBar';
import { listHref } from './routing';
import { usePresenceSelection } from './usePresenceSelection';

export function MapHeader() {
  const t = useT();
  // Opened with a view link: the title is text and the toolbar is gone (session.readOnly).
  const { commands, readOnly } = useMapSession();
  const title = useMapState((s) => s.meta.title);
  const mapPanelOpen = useUi((s) => s.sidePanel === 'map');
  const openSidePanel = useUi((s) => s.openSidePanel);
  // A saved review shown read-only has nothing to edit: the toolbar would act on the live map.
  const viewingReview = useUi((s) => s.viewedReview !== null);
  usePresenceSelection();

  useEffect(() => {
    document.title = title ? `${title} · ${t('app.brand')}` : t('app.brand');
  }, [title, t]);

  return (
    <header className="app-header map-header">
      <div className="map-header__start">
        <a className="back-link" href={listHref()} data-testid="back-to-list" title={t('app.map.backToList')}>
          <span aria-hidden="true">←</span>
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
      </div>
      <div className="map-header__toolbar">{!viewingReview && !readOnly && <Toolbar />}</div>
      <div className="map-header__end">
        <ViewOnlyBadge />
        <ConnectionStatus />
        <PresenceBar />
        <IoMenus />
        <ReviewHeaderButtons />
        <ShareButton />
        <button
          type="button"
          className={`button button--small${mapPanelOpen ? ' button--active' : ''}`}
          data-testid="open-map-panel"
          aria-pressed={mapPanelOpen}
          onClick={() => openSidePanel(mapPanelOpen ? null : 'map')}
        >
          {t('app.map.openMapPanel')}
        </button>
        <LocaleSwitch />
      </div>
    </header>
  );
}
