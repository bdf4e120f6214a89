import { app } from './app';
import { canvas } from './canvas';
import { panels } from './panels';
import { domain } from './domain';

export const en = { app, canvas, panels, domain };
