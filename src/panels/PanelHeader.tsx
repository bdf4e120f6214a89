// The top of a side panel: what it shows, and the button that closes it.
import { useT } from '../locales/i18n';

export function PanelHeader({ heading, onClose }: { heading: string; onClose: () => void }) {
  const t = useT();
  return (
    <header className="panel-header">
      <span className="panel-header__eyebrow">{heading}</span>
      <button
        type="button"
        className="icon-button"
        data-testid="close-panel"
        title={t('panels.close')}
        aria-label={t('panels.close')}
        onClick={onClose}
      >
        ×
      </button>
    </header>
  );
}
