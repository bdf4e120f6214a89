// The header's Share button and its dialog: the map's edit and view links with copy buttons,
// when they stop working, and "Revoke links" (after a confirmation) which makes new ones. On a
// server without AUTH_SECRET there are no links: the dialog says that anyone who can reach the
// server can edit, and offers the map's plain address.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocaleStore, useT } from '../../locales/i18n';
import { useMapSession } from '../../store/context';
import type { MapLinks } from '../../sync/accessClient';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { UiIcon } from '../../ui/icons';
import { Modal } from '../../ui/Modal';
import { mapHref } from '../routing';
import { useServices } from '../services';
import { copyText } from './clipboard';
import { useMapRole } from './hooks';
import './access.css';

type DialogState =
  | { kind: 'loading' }
  | { kind: 'links'; links: MapLinks; revoked: boolean }
  | { kind: 'open' }
  | { kind: 'failed'; refused: boolean; offline: boolean };

export function ShareButton() {
  const t = useT();
  const { mapId } = useMapSession();
  const role = useMapRole(mapId);
  const [open, setOpen] = useState(false);
  // A view link cannot see the links, and without a server there is nothing to share.
  if (role === null || role === 'view') return null;
  return (
    <>
      <button
        type="button"
        className="button button--small button--primary share-button"
        data-testid="open-share"
        title={t('share.openHint')}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <UiIcon name="share" />
        {t('share.open')}
      </button>
      {open && <ShareDialog mapId={mapId} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ShareDialog({ mapId, onClose }: { mapId: string; onClose: () => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { access } = useServices();
  const titleId = useId();
  const [state, setState] = useState<DialogState>({ kind: 'loading' });
  const [confirming, setConfirming] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [revokeFailed, setRevokeFailed] = useState(false);

  const load = useCallback(async () => {
    if (!access) return;
    setState({ kind: 'loading' });
    const answer = await access.links(mapId);
    if (answer.kind === 'links') setState({ kind: 'links', links: answer.links, revoked: false });
    else if (answer.kind === 'open') setState({ kind: 'open' });
    else setState({ kind: 'failed', refused: answer.kind === 'refused', offline: answer.kind === 'offline' });
  }, [access, mapId]);

  useEffect(() => {
    void load();
  }, [load]);

  const revoke = async () => {
    if (!access) return;
    setConfirming(false);
    setRevoking(true);
    setRevokeFailed(false);
    const answer = await access.revoke(mapId);
    setRevoking(false);
    if (answer.kind === 'links') setState({ kind: 'links', links: answer.links, revoked: true });
    else setRevokeFailed(true);
  };

  const plainUrl = `${location.origin}${location.pathname}${mapHref(mapId)}`;
  const expires = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));

  return (
    <Modal onDismiss={confirming ? () => setConfirming(false) : onClose}>
      <div className="confirm-dialog share-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="share-dialog">
        <h2 id={titleId} className="confirm-dialog__title">
          {t(state.kind === 'open' ? 'share.dialog.openTitle' : 'share.dialog.title')}
        </h2>

        {state.kind === 'loading' && (
          <p className="share-dialog__status" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            {t('share.dialog.loading')}
          </p>
        )}

        {state.kind === 'failed' && (
          <div className="share-dialog__problem" data-testid="share-error" role="alert">
            <p>{t(state.refused ? 'share.dialog.refused' : state.offline ? 'app.shell.needsServer' : 'share.dialog.failed')}</p>
            {!state.refused && (
              <button type="button" className="button button--small" onClick={() => void load()}>
                {t('share.dialog.retry')}
              </button>
            )}
          </div>
        )}

        {state.kind === 'open' && (
          <div data-testid="share-open-mode">
            <p className="share-dialog__lead">{t('share.dialog.openBody')}</p>
            <LinkField label={t('share.dialog.mapUrlLabel')} value={plainUrl} inputTestId="share-map-url" copyTestId="copy-map-url" />
            <p className="share-dialog__hint">{t('share.dialog.openAdvice')}</p>
          </div>
        )}

        {state.kind === 'links' && (
          <>
            {state.revoked && (
              <p className="share-dialog__notice" data-testid="share-revoked" role="status">
                {t('share.dialog.revoked')}
              </p>
            )}
            {/* Keyed by the link: new links (after revoking) start uncopied. */}
            <LinkField
              key={state.links.edit}
              label={t('share.dialog.editLabel')}
              hint={t('share.dialog.editHint')}
              value={state.links.edit}
              inputTestId="share-edit-link"
              copyTestId="copy-edit-link"
            />
            <LinkField
              key={state.links.view}
              label={t('share.dialog.viewLabel')}
              hint={t('share.dialog.viewHint')}
              value={state.links.view}
              inputTestId="share-view-link"
              copyTestId="copy-view-link"
            />
            <p className="share-dialog__hint" data-testid="share-expires">
              {t('share.dialog.expires', { date: expires(state.links.expiresAt) })}
            </p>
            <div className="share-dialog__revoke">
              <p className="share-dialog__hint">{t('share.dialog.revokeHint')}</p>
              {revokeFailed && (
                <p className="field-error" role="alert">
                  {t('share.dialog.revokeFailed')}
                </p>
              )}
              <button
                type="button"
                className="button button--small button--danger-text"
                data-testid="revoke-links"
                disabled={revoking}
                onClick={() => setConfirming(true)}
              >
                {t('share.dialog.revoke')}
              </button>
            </div>
          </>
        )}

        <div className="confirm-dialog__actions">
          <button type="button" className="button" data-testid="share-close" onClick={onClose}>
            {t('share.dialog.close')}
          </button>
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('share.dialog.revokeTitle')}
          message={t('share.dialog.revokeMessage')}
          confirmLabel={t('share.dialog.revokeConfirm')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => void revoke()}
        />
      )}
    </Modal>
  );
}

const COPIED_MS = 2000;

function LinkField(props: { label: string; hint?: string; value: string; inputTestId: string; copyTestId: string }) {
  const t = useT();
  const inputId = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    if (copied !== 'yes') return;
    const timer = setTimeout(() => setCopied(null), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <div className="share-link">
      <label htmlFor={inputId} className="share-link__label">
        {props.label}
      </label>
      {props.hint && <p className="share-link__hint">{props.hint}</p>}
      <div className="share-link__row">
        <input
          id={inputId}
          ref={field}
          className="text-input share-link__input"
          data-testid={props.inputTestId}
          value={props.value}
          readOnly
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="button button--small"
          data-testid={props.copyTestId}
          data-copied={copied === 'yes' ? 'true' : undefined}
          onClick={() => void copyText(props.value, field.current).then((ok) => setCopied(ok ? 'yes' : 'failed'))}
        >
          {copied === 'yes' ? `✓ ${t('share.dialog.copied')}` : t('share.dialog.copy')}
        </button>
      </div>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? t('share.dialog.copied') : ''}
      </span>
      {copied === 'failed' && (
        <p className="field-error" role="alert">
          {t('share.dialog.copyFailed')}
        </p>
      )}
    </div>
  );
}
