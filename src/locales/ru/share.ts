import type { share as en } from '../en/share';

// Strings of the share features (Russian).
export const share: typeof en = {
  placeholder: '',
};
