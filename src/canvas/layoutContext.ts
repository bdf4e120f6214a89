// What the canvas hands down to its nodes without putting it in node data.
import { createContext } from 'react';
import type { GridLayout } from '../domain/grid';
import type { TileSlot } from './nodes';

/** The current grid layout, for headers (their drag needs every lane's span). */
export const GridLayoutContext = createContext<GridLayout | null>(null);

/** True on a big map: cards may drop to plain tiles when zoomed far out. */
export const LowDetailContext = createContext(false);

/** Zoomed far out on a big map: the cards each cell draws itself (tilesByCell); null otherwise. */
export const CellTilesContext = createContext<ReadonlyMap<string, readonly TileSlot[]> | null>(null);
