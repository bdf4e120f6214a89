import { app } from './app';
import { canvas } from './canvas';
import { panels } from './panels';
import { domain } from './domain';

export const ru = { app, canvas, panels, domain };
