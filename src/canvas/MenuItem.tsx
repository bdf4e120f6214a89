// One item of the canvas's header menus (lanes, layers): an icon and its words.
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../ui/icons';

interface MenuItemProps {
  icon: IconName;
  testId: string;
  disabled?: boolean;
  danger?: boolean;
  onClick: () => void;
  children: ReactNode;
}

export function MenuItem({ icon, testId, disabled, danger, onClick, children }: MenuItemProps) {
  return (
    <button
      type="button"
      role="menuitem"
      className={`cjm-menu__item${danger ? ' cjm-menu__item--danger' : ''}`}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} />
      <span className="cjm-menu__text">{children}</span>
    </button>
  );
}
