import { LOCALES, type Locale } from '../domain/locale';
import { useLocaleStore, useT } from '../locales/i18n';

export function LocaleSwitch() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <select
      className="locale-switch"
      data-testid="locale-switch"
      aria-label={t('app.locale.label')}
      value={locale}
      onChange={(e) => setLocale(e.target.value as Locale)}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {t(`app.locale.names.${l}`)}
        </option>
      ))}
    </select>
  );
}
