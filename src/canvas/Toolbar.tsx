// The canvas toolbar. Every button runs an action from the registry, the same one its
// keyboard shortcut runs. Works outside React Flow's provider (fit view goes via the bridge).
import { useHistoryState, useMapState, useUi } from '../store/context';
import { useT } from '../locales/i18n';
import { actionByName, isEnabled, shortcutLabel, type ActionName } from './actions';
import { Icon, type IconName } from '../ui/icons';
import { isMac, useActions } from './useActions';
import { LayersControl } from './LayerMenu';
import './canvas.css';

interface ButtonSpec {
  action: ActionName;
  icon: IconName;
  testId: string;
  /** Show the label next to the icon (the add buttons); others show it as a tooltip. */
  withText?: boolean;
}

const GROUPS: ButtonSpec[][] = [
  [{ action: 'addTouchpoint', icon: 'plus', testId: 'toolbar-add-touchpoint', withText: true }],
  [
    { action: 'undo', icon: 'undo', testId: 'toolbar-undo' },
    { action: 'redo', icon: 'redo', testId: 'toolbar-redo' },
  ],
  [
    { action: 'duplicate', icon: 'duplicate', testId: 'toolbar-duplicate' },
    { action: 'delete', icon: 'trash', testId: 'toolbar-delete' },
    { action: 'fitView', icon: 'fit', testId: 'toolbar-fit' },
  ],
  [
    { action: 'addStage', icon: 'stage', testId: 'add-stage', withText: true },
    { action: 'addChannel', icon: 'channel', testId: 'add-channel', withText: true },
  ],
];

export function Toolbar() {
  const t = useT();
  const { ctx, run } = useActions();
  // Subscriptions that decide which buttons are enabled; the rule itself lives in the action.
  useHistoryState((s) => `${s.canUndo}/${s.canRedo}`);
  useUi((s) => `${s.selectedTouchpointIds.size}/${s.selectedConnectionIds.size}`);
  useMapState((s) => s.stages.length > 0 && s.channels.length > 0);
  const mac = isMac();

  return (
    <div className="cjm-toolbar" role="toolbar" aria-label={t('canvas.toolbar.label')}>
      {GROUPS.map((group, i) => (
        <div className="cjm-toolbar__group" key={i}>
          {group.map((spec) => {
            const action = actionByName(spec.action);
            const label = t(action.labelKey);
            const hint = action.shortcut
              ? t('canvas.toolbar.withShortcut', { label, shortcut: shortcutLabel(action.shortcut, mac) })
              : label;
            return (
              <button
                key={spec.action}
                type="button"
                className={`cjm-tool${spec.withText ? ' cjm-tool--text' : ''}`}
                data-testid={spec.testId}
                title={hint}
                aria-label={spec.withText ? undefined : label}
                disabled={!isEnabled(action, ctx)}
                onClick={() => void run(spec.action)}
              >
                <Icon name={spec.icon} />
                {spec.withText && <span>{label}</span>}
              </button>
            );
          })}
        </div>
      ))}
      <div className="cjm-toolbar__group">
        <LayersControl disabled={!isEnabled(actionByName('addStage'), ctx)} />
      </div>
    </div>
  );
}
