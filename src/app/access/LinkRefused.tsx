// What a person sees when their link does not open the map (not valid, expired, revoked) or
// when they came without one: a full-page message instead of an empty canvas. Also shown over
// an open map when the server closes the connection for its link (revoked while open).
import { useStore } from 'zustand';
import { CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED } from '../../domain/closeCodes';
import { useT } from '../../locales/i18n';
import { useMapSession } from '../../store/context';
import { LocaleSwitch } from '../LocaleSwitch';
import { listHref } from '../routing';
import { Icon } from '../../ui/icons';
import { useRotating } from './hooks';
import './access.css';

export type RefusalReason = 'invalidLink' | 'needsLink';

export function LinkRefusedPage({ reason }: { reason: RefusalReason }) {
  const t = useT();
  return (
    <div className="map-page map-page--message">
      <header className="app-header">
        <div className="app-header__brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.brand')}
        </div>
        <div className="app-header__spacer" />
        <LocaleSwitch />
      </header>
      <RefusalMessage reason={reason} />
    </div>
  );
}

function RefusalMessage({ reason }: { reason: RefusalReason }) {
  const t = useT();
  const invalid = reason === 'invalidLink';
  return (
    <div className="page-message link-refused" data-testid="link-refused" data-reason={reason} role="alert">
      <span className="link-refused__icon">
        <Icon className="" name="lock" size={32} />
      </span>
      <h1>{t(invalid ? 'share.refused.invalidTitle' : 'share.refused.needsLinkTitle')}</h1>
      <p>{t(invalid ? 'share.refused.invalidBody' : 'share.refused.needsLinkBody')}</p>
      <a className="button" href={listHref()}>
        {t('share.refused.toList')}
      </a>
    </div>
  );
}

/**
 * Over an open map whose connection the server refused for its link: the edits made here would
 * go nowhere. Not while this tab is replacing the links itself (its old link is refused on
 * purpose, and it connects again with the new one).
 */
export function LinkRefusedGuard() {
  const { mapId, connection } = useMapSession();
  const code = useStore(connection, (s) => (s.status === 'refused' ? (s.refusal?.code ?? null) : null));
  const rotating = useRotating(mapId);
  if (rotating || (code !== CLOSE_UNAUTHORIZED && code !== CLOSE_FORBIDDEN)) return null;
  return (
    <div className="link-refused-overlay">
      <RefusalMessage reason="invalidLink" />
    </div>
  );
}
