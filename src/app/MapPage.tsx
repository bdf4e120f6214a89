// One map: opens its session (cached copy first), shows the canvas and the side panel,
// and closes the session when the user leaves.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { isMapId } from '../domain/ids';
import { MapCanvas } from '../canvas/MapCanvas';
import { PngExportLayer } from '../canvas/PngExportLayer';
import { Toolbar } from '../canvas/Toolbar';
import { useLocaleStore, useT } from '../locales/i18n';
import { MapExporterContext } from '../canvas/exporterContext';
import { createMapExporter } from './io/mapExports';
import { DiffLegend, ReviewCanvas } from '../panels/review/ReviewCanvas';
import { ReviewSidePanel } from '../panels/review/ReviewSidePanel';
import { OrphansNotice } from '../panels/OrphansNotice';
import { SidePanel } from '../panels/SidePanel';
import { MapSessionProvider, useMapSession, useUi } from '../store/context';
import { ReviewServiceProvider } from '../store/reviewContext';
import type { MapSession } from '../store/session';
import { createUiStore, type UiStore } from '../store/uiStore';
import { UiIcon } from '../ui/icons';
import { LinkRefusedGuard, LinkRefusedPage, type RefusalReason } from './access/LinkRefused';
import { LocaleSwitch } from './LocaleSwitch';
import { MapHeader } from './MapHeader';
import { MergeNoticesView } from './MergeNotices';
import { useGuardUnsyncedWork } from './OfflineShell';
import { listHref } from './routing';
import { useServices } from './services';
import { refusingCommands } from '../store/readOnly';

type PageState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed' }
  | { status: 'refused'; reason: RefusalReason }
  | { status: 'ready'; session: MapSession; ui: UiStore };

export function MapPage({ mapId }: { mapId: string }) {
  const { directory, openSession, access } = useServices();
  const [state, setState] = useState<PageState>({ status: 'loading' });

  useEffect(() => {
    let left = false;
    let session: MapSession | null = null;
    const open = async () => {
      if (!access) {
        if (!isMapId(mapId)) return setState({ status: 'missing' });
        // Open mode: start syncing at once and check the map list alongside, so the socket does
        // not wait a round trip for the list (measured: ~0.5 s of a large map's first render).
        session = openSession(mapId);
        const [exists] = await Promise.all([
          directory.list().then((maps) => maps.some((m) => m.id === mapId)),
          session.ready,
        ]);
        if (left) return;
        if (!exists) {
          void session.dispose();
          session = null;
          return setState({ status: 'missing' });
        }
        return setState({ status: 'ready', session, ui: createUiStore() });
      }
      // With access links the server is asked about this map (and a link is set up for it).
      const verdict = await access.prepare(mapId);
      if (left) return;
      if (verdict.kind !== 'ok') {
        setState(verdict.kind === 'refused' ? { status: 'refused', reason: verdict.reason } : { status: 'missing' });
        return;
      }
      session = openSession(mapId);
      await session.ready;
      if (!left) setState({ status: 'ready', session, ui: createUiStore() });
    };
    open().catch((error: unknown) => {
      console.error(error);
      if (!left) setState({ status: 'failed' });
    });
    return () => {
      left = true;
      // After the page's other cleanups: a field still being typed in commits as it unmounts.
      const leaving = session;
      if (leaving) queueMicrotask(() => void leaving.dispose());
    };
  }, [mapId, directory, openSession, access]);

  if (state.status === 'refused') return <LinkRefusedPage reason={state.reason} />;
  if (state.status !== 'ready') return <MapPageMessage status={state.status} />;
  return <MapView session={state.session} ui={state.ui} />;
}

/**
 * A map saved by a newer CJM Studio (a layout version this build does not know) is shown
 * read-only: editing it here could misread or drop what the newer build added.
 */
function useLayoutGate(session: MapSession): { session: MapSession; tooNew: boolean } {
  const tooNew = useStore(session.store, (s) => s.layoutTooNew);
  const gated = useMemo<MapSession>(
    () =>
      tooNew && !session.readOnly
        ? {
            ...session,
            readOnly: true,
            commands: refusingCommands('newerLayout', { touchpointsInLane: session.commands.touchpointsInLane }),
            history: { ...session.history, undo: () => undefined, redo: () => undefined },
          }
        : session,
    [session, tooNew],
  );
  return { session: gated, tooNew };
}

function MapView({ session: opened, ui }: { session: MapSession; ui: UiStore }) {
  const { reviews, shell } = useServices();
  const t = useT();
  const { session, tooNew } = useLayoutGate(opened);
  const locale = useLocaleStore((s) => s.locale);
  const exporter = useMemo(() => createMapExporter(session, t, locale), [session, t, locale]);
  useGuardUnsyncedWork(opened);
  const cacheUnreadable = useStore(opened.connection, (s) => s.cacheUnreadable === true);
  const offline = useStore(opened.connection, (s) => s.status === 'offline');
  // A map moved on by a newer build: that build may already be deployed; ask for it at once.
  useEffect(() => {
    if (tooNew) void shell?.checkForUpdate();
  }, [tooNew, shell]);
  return (
    <MapExporterContext.Provider value={exporter}>
      <MapSessionProvider session={session} ui={ui}>
        <ReviewServiceProvider service={reviews ?? null}>
          <div className="map-page">
            <MapHeader />
            {tooNew && (
              <div className="map-page__notice" role="status" data-testid="layout-too-new">
                {t('app.map.layoutTooNew')}
              </div>
            )}
            {cacheUnreadable && (
              <div className="map-page__notice" role="status" data-testid="cache-unreadable">
                {t(offline ? 'app.map.cacheUnreadableOffline' : 'app.map.cacheUnreadable')}
              </div>
            )}
            <OrphansNotice />
            <MergeNoticesView />
            <div className="map-page__body">
              <div className="map-page__canvas">
                {/* A saved review opened read-only is drawn by the same canvas and panels. */}
                <ReviewCanvas>
                  <MapCanvas>
                    <PngExportLayer />
                    <DiffLegend />
                  </MapCanvas>
                </ReviewCanvas>
                <CanvasToolbarDock />
              </div>
              <ReviewSidePanel>
                <SidePanel />
              </ReviewSidePanel>
            </div>
          </div>
          <LinkRefusedGuard />
        </ReviewServiceProvider>
      </MapSessionProvider>
    </MapExporterContext.Provider>
  );
}

/** The canvas toolbar as a pill floating over the top of the canvas (fit view leaves room for it). */
function CanvasToolbarDock() {
  const { readOnly } = useMapSession();
  // A saved review shown read-only has nothing to edit: the toolbar would act on the live map.
  const viewingReview = useUi((s) => s.viewedReview !== null);
  if (readOnly || viewingReview) return null;
  return (
    <div className="canvas-toolbar-dock" data-canvas-overlay>
      <Toolbar />
    </div>
  );
}

function MapPageMessage({ status }: { status: 'loading' | 'missing' | 'failed' }) {
  const t = useT();
  return (
    <div className="map-page map-page--message">
      <header className="app-header">
        <a className="back-link" href={listHref()} data-testid="back-to-list">
          <UiIcon name="back" />
          <span className="back-link__label">{t('app.map.backToList')}</span>
        </a>
        <div className="app-header__spacer" />
        <LocaleSwitch />
      </header>
      {status === 'loading' ? (
        <div className="page-message" data-testid="map-loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <p>{t('app.map.loading')}</p>
        </div>
      ) : (
        <div className="page-message" data-testid={status === 'missing' ? 'map-not-found' : 'map-failed'} role="alert">
          <h1>{t(status === 'missing' ? 'app.map.notFoundTitle' : 'app.map.failedTitle')}</h1>
          <p>{t(status === 'missing' ? 'app.map.notFoundBody' : 'app.map.failedBody')}</p>
          <a className="button button--primary" href={listHref()}>
            {t('app.map.goToList')}
          </a>
        </div>
      )}
    </div>
  );
}
