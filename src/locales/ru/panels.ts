import type { panels as en } from '../en/panels';

// Strings of src/panels (Russian).
export const panels: typeof en = {
  placeholder: '',
};
