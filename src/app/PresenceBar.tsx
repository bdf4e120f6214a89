// Who is on the map: an avatar per person (you first; click yours to change your name),
// folding into "+N" past a handful. Also asks for your name the first time you open a map.
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useT, type Translate } from '../locales/i18n';
import { useMapSession } from '../store/context';
import { NameDialog } from './NameDialog';
import { avatarRow, initials, type Avatar, type AvatarRow } from './presenceView';

const ASKED_KEY = 'cjm-studio.name-asked';

/** "Not now" holds for this tab's session; the avatar still lets you set a name any time. */
function alreadyAsked(): boolean {
  try {
    return globalThis.sessionStorage?.getItem(ASKED_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberAsked(): void {
  try {
    globalThis.sessionStorage?.setItem(ASKED_KEY, '1');
  } catch {
    // Without storage we may ask again on the next map; harmless.
  }
}

const displayName = (t: Translate, avatar: Avatar) => {
  if (avatar.isSelf) return avatar.name ? t('app.presence.you', { name: avatar.name }) : t('app.presence.youUnnamed');
  return avatar.name || t('app.presence.guest');
};

export function PresenceBar() {
  const t = useT();
  const { presence } = useMapSession();
  // Presence changes with every cursor move; re-render only when the avatars themselves change.
  const rowJson = useStore(presence.state, (s) => JSON.stringify(avatarRow(s)));
  const { shown, hidden } = useMemo(() => JSON.parse(rowJson) as AvatarRow, [rowJson]);
  const selfName = useStore(presence.state, (s) => s.self.name);
  const [dialog, setDialog] = useState<'first' | 'edit' | null>(() =>
    presence.state.getState().self.name === '' && !alreadyAsked() ? 'first' : null,
  );

  const close = () => {
    rememberAsked();
    setDialog(null);
  };

  return (
    <>
      <ul className="presence-bar" aria-label={t('app.presence.label')}>
        {shown.map((avatar) => (
          <li key={avatar.clientId} className="presence-bar__item">
            {avatar.isSelf ? (
              <button
                type="button"
                className="avatar avatar--self"
                data-testid="avatar"
                data-client-id={avatar.clientId}
                data-self="true"
                title={displayName(t, avatar)}
                aria-label={`${displayName(t, avatar)} — ${t('app.presence.changeName')}`}
                style={{ backgroundColor: avatar.color }}
                onClick={() => setDialog('edit')}
              >
                {initials(avatar.name)}
              </button>
            ) : (
              <span
                className="avatar"
                data-testid="avatar"
                data-client-id={avatar.clientId}
                title={displayName(t, avatar)}
                role="img"
                aria-label={displayName(t, avatar)}
                style={{ backgroundColor: avatar.color }}
              >
                {initials(avatar.name)}
              </span>
            )}
          </li>
        ))}
        {hidden.length > 0 && (
          <li className="presence-bar__item">
            <span
              className="avatar avatar--more"
              data-testid="avatar-more"
              title={t('app.presence.moreTitle', { names: hidden.map((a) => displayName(t, a)).join(', ') })}
            >
              {t('app.presence.more', { count: hidden.length })}
            </span>
          </li>
        )}
      </ul>
      {dialog && (
        <NameDialog
          initial={selfName}
          firstTime={dialog === 'first'}
          onSave={(name) => {
            presence.setName(name);
            close();
          }}
          onDismiss={close}
        />
      )}
    </>
  );
}
