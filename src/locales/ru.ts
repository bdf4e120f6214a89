import type { en } from './en';
import { ru as dictionary } from './ru/index';

// Typed against English so a missing Russian string fails the typecheck.
export const ru: typeof en = dictionary;
