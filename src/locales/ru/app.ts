import type { app as en } from '../en/app';

// Strings of src/app (Russian).
export const app: typeof en = {
  placeholder: '',
};
