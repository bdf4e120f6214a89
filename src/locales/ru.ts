import type { Messages } from './i18n';
import { ru as dictionary } from './ru/index';

// Typed against English so a missing Russian string fails the typecheck.
export const ru: Messages = dictionary;
