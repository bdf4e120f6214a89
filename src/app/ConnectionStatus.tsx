// The map header's connection state: synced, connecting, offline with the number of edits
// still waiting, or refused (a bad link, a map the server does not have).
import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { pluralCategory } from '../domain/plural';
import { useLocaleStore, useT, type MessageKey } from '../locales/i18n';
import { useMapSession } from '../store/context';
import { connectionView, type ConnectionView } from './presenceView';
import { exportJson } from './io/mapExports';
import { StorageNote } from './OfflineShell';

const HINTS: Record<ConnectionView['kind'], MessageKey> = {
  local: 'app.connection.localHint',
  synced: 'app.connection.syncedHint',
  syncing: 'app.connection.connectingHint',
  connecting: 'app.connection.connectingHint',
  offline: 'app.connection.offlineHint',
  refused: 'app.connection.refusedHint',
};

export function ConnectionStatus() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const session = useMapSession();
  const state = useStore(session.connection);
  const view = connectionView(state);
  // Edits the server has not confirmed, and no server to confirm them: offer the way out.
  const atRisk = state.pendingChanges > 0 && state.status !== 'connected';
  const [open, setOpen] = useState(false);
  const showPopover = open && atRisk;
  useEffect(() => {
    if (!showPopover) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showPopover]);

  let label: ReactNode;
  let text: string;
  switch (view.kind) {
    case 'offline':
      if (view.pending === 0) {
        label = text = t('app.connection.offline');
      } else {
        const key = `app.connection.offlinePending.${pluralCategory(locale, view.pending)}` as const;
        text = t(key, { count: view.pending });
        // The number sits in its own element; the sentence around it comes from the dictionary.
        const [before = '', after = ''] = t(key).split('{count}');
        label = (
          <>
            {before}
            <span data-testid="pending-changes">{view.pending}</span>
            {after}
          </>
        );
      }
      break;
    case 'refused':
      label = text = t(view.reason === 'notFound' ? 'app.connection.notFound' : 'app.connection.invalidLink');
      break;
    default:
      label = text = t(`app.connection.${view.kind}`);
  }

  const content = (
    <>
      <span className="connection-state__dot" aria-hidden="true" />
      <span className="connection-state__label">{label}</span>
    </>
  );
  const shared = {
    className: `connection-state connection-state--${view.kind}`,
    'data-testid': 'connection-state',
    'data-status': state.status,
    'data-synced': state.synced,
    // Narrow windows cut the label short; the tooltip always has all of it.
    title: `${text}. ${t(HINTS[view.kind])}`,
  };
  if (!atRisk) {
    return (
      <div {...shared} role="status">
        {content}
      </div>
    );
  }
  return (
    <div className="connection-anchor" role="status">
      <button type="button" {...shared} aria-expanded={showPopover} onClick={() => setOpen((o) => !o)}>
        {content}
      </button>
      {showPopover && (
        <div className="connection-popover" data-testid="connection-popover">
          <p>{t(HINTS[view.kind])}</p>
          <StorageNote />
          <p>{t('app.map.downloadCopyHint')}</p>
          <button
            type="button"
            className="button button--small"
            data-testid="download-local-copy"
            onClick={() => {
              setOpen(false);
              void exportJson(session, t);
            }}
          >
            {t('app.map.downloadCopy')}
          </button>
        </div>
      )}
    </div>
  );
}
