// What the canvas hands down to its nodes without putting it in node data.
import { createContext } from 'react';
import type { GridLayout } from '../domain/grid';

/** The current grid layout, for headers (their drag needs every lane's span). */
export const GridLayoutContext = createContext<GridLayout | null>(null);

/** True on a big map: cards may drop to plain tiles when zoomed far out. */
export const LowDetailContext = createContext(false);
