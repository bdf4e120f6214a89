// The map list on a server with AUTH_SECRET, for someone who is not its administrator: maps open
// through their links, so there is no list to show. The administrator may enter the server's
// secret once per tab to see every map.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '../../locales/i18n';
import { LocaleSwitch } from '../LocaleSwitch';
import { useServices } from '../services';
import { Icon } from '../../ui/icons';
import './access.css';

type Problem = 'wrong' | 'offline' | null;

export function LockedListPage({ onUnlocked }: { onUnlocked: () => void }) {
  const t = useT();
  const { access } = useServices();
  const inputId = useId();
  const [secret, setSecret] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  // The list is refused even with a remembered secret: the server has another one now.
  useEffect(() => {
    if (access?.credentials.adminSecret()) access.credentials.setAdminSecret(null);
  }, [access]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!access || secret === '' || checking) return;
    setChecking(true);
    setProblem(null);
    const verdict = await access.client.checkAdminSecret(secret);
    setChecking(false);
    if (verdict === 'ok') {
      access.credentials.setAdminSecret(secret);
      onUnlocked();
    } else {
      setProblem(verdict);
    }
  };

  return (
    <div className="list-page" data-testid="map-list-locked">
      <header className="app-header">
        <div className="app-header__brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.brand')}
        </div>
        <div className="app-header__spacer" />
        <LocaleSwitch />
      </header>
      <main className="list-main locked-list">
        <section className="page-message locked-list__intro">
          <span className="link-refused__icon">
            <Icon className="" name="share" size={32} />
          </span>
          <h1>{t('share.locked.title')}</h1>
          <p>{t('share.locked.body')}</p>
        </section>
        {access && (
          <form className="create-card locked-list__admin" onSubmit={(e) => void onSubmit(e)}>
            <div className="create-card__intro">
              <h2 className="create-card__title">{t('share.locked.adminTitle')}</h2>
              <p className="create-card__lead">{t('share.locked.adminBody')}</p>
            </div>
            <div className="create-card__form">
              <label htmlFor={inputId} className="visually-hidden">
                {t('share.locked.secretLabel')}
              </label>
              <div className="create-card__field">
                <input
                  id={inputId}
                  type="password"
                  className="text-input"
                  data-testid="admin-secret-input"
                  autoComplete="current-password"
                  placeholder={t('share.locked.secretLabel')}
                  value={secret}
                  aria-invalid={problem === 'wrong' ? true : undefined}
                  onChange={(e) => {
                    setSecret(e.target.value);
                    setProblem(null);
                  }}
                />
                {problem && (
                  <div className="field-error" data-testid="admin-secret-error" role="alert">
                    {t(problem === 'wrong' ? 'share.locked.wrong' : 'share.locked.offline')}
                  </div>
                )}
              </div>
              <button type="submit" className="button button--primary" data-testid="admin-secret-submit" disabled={secret === '' || checking}>
                {t(checking ? 'share.locked.checking' : 'share.locked.submit')}
              </button>
            </div>
          </form>
        )}
      </main>
    </div>
  );
}
