// A button that opens a small menu under it. Arrow keys move between items, Escape or a click
// elsewhere closes it, and focus goes back to the button.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useEscapeKey } from '../../ui/useEscapeKey';
import './io.css';

export interface MenuItem {
  testId: string;
  label: string;
  hint?: string;
  disabled?: boolean;
  onSelect: () => void;
}

interface MenuButtonProps {
  testId: string;
  label: string;
  title?: string;
  icon?: ReactNode;
  items: MenuItem[];
}

export function MenuButton({ testId, label, title, icon, items }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  return (
    <div className="io-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`button button--small${open ? ' button--active' : ''}`}
        data-testid={testId}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {icon}
        <span className="io-menu__button-label">{label}</span>
        <span className="io-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && <MenuList id={menuId} menuRef={menuRef} label={label} items={items} onClose={close} />}
    </div>
  );
}

function MenuList({
  id,
  menuRef,
  label,
  items,
  onClose,
}: {
  id: string;
  menuRef: RefObject<HTMLDivElement | null>;
  label: string;
  items: MenuItem[];
  onClose: (refocus?: boolean) => void;
}) {
  useEscapeKey(() => onClose());
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const buttons = Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []);
    if (buttons.length === 0) return;
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (at + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]!.focus();
  };
  return (
    <div ref={menuRef} id={id} className="io-menu__list" role="menu" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.testId}
          type="button"
          role="menuitem"
          className="io-menu__item"
          data-testid={item.testId}
          disabled={item.disabled}
          onClick={() => {
            onClose(false);
            item.onSelect();
          }}
        >
          <span className="io-menu__label">{item.label}</span>
          {item.hint && <span className="io-menu__hint">{item.hint}</span>}
        </button>
      ))}
    </div>
  );
}
