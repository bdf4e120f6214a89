// The exports the action registry runs. They live in the app (downloads, progress toasts), which
// the canvas may not import, so the map page hands them down through this context.
import { createContext, useContext } from 'react';
import type { MapExporter } from './actions';

export const MapExporterContext = createContext<MapExporter | null>(null);

export const useMapExporter = () => useContext(MapExporterContext);
