import type { ui as en } from '../en/ui';

// Strings of src/ui, the primitives shared by the canvas, panels and app (Russian).
export const ui: typeof en = {
  confirm: {
    ok: 'ОК',
    cancel: 'Отмена',
  },
};
