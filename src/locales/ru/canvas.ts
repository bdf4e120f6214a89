import type { canvas as en } from '../en/canvas';

// Strings of src/canvas (Russian).
export const canvas: typeof en = {
  placeholder: '',
};
