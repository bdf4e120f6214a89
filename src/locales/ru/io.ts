import type { io as en } from '../en/io';

// Strings of the io features (Russian).
export const io: typeof en = {
  placeholder: '',
};
