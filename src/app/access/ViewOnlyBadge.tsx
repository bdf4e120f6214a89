// The header's sign that this map was opened with a view link.
import { useT } from '../../locales/i18n';
import { useMapSession } from '../../store/context';
import { Icon } from '../../ui/icons';
import './access.css';

export function ViewOnlyBadge() {
  const t = useT();
  const { readOnly } = useMapSession();
  if (!readOnly) return null;
  return (
    <span className="view-only-badge" data-testid="view-only-badge" title={t('share.viewOnly.hint')} role="status">
      <Icon className="" name="eye" />
      {t('share.viewOnly.badge')}
    </span>
  );
}
