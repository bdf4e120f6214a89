import { app } from './app';
import { canvas } from './canvas';
import { comments } from './comments';
import { panels } from './panels';
import { domain } from './domain';
import { io } from './io';
import { present } from './present';
import { review } from './review';
import { share } from './share';
import { ui } from './ui';
import { layers } from './layers';

export const en = { app, canvas, panels, domain, io, present, review, share, ui, layers, comments };
