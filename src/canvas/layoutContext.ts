// The current grid layout for header components (their drag needs every lane's span).
import { createContext } from 'react';
import type { GridLayout } from '../domain/grid';

export const GridLayoutContext = createContext<GridLayout | null>(null);
