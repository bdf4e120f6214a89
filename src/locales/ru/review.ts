import type { review as en } from '../en/review';

// Strings of the review features (Russian).
export const review: typeof en = {
  placeholder: '',
};
