// React access to the open map: components pick exactly the slice they render.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { MapState } from './mapStore';
import type { MapSession, HistoryState } from './session';
import type { UiActions, UiState, UiStore } from './uiStore';

interface MapContextValue {
  session: MapSession;
  ui: UiStore;
}

const MapContext = createContext<MapContextValue | null>(null);

export function MapSessionProvider({ session, ui, children }: MapContextValue & { children: ReactNode }) {
  return <MapContext.Provider value={{ session, ui }}>{children}</MapContext.Provider>;
}

function useMapContext(): MapContextValue {
  const value = useContext(MapContext);
  if (!value) throw new Error('useMapSession must be used inside <MapSessionProvider>');
  return value;
}

export const useMapSession = (): MapSession => useMapContext().session;
/** The open map's session, or null outside one (the map list). */
export const useOptionalMapSession = (): MapSession | null => useContext(MapContext)?.session ?? null;
export const useUiStore = (): UiStore => useMapContext().ui;

export function useMapState<T>(selector: (state: MapState) => T): T {
  return useStore(useMapContext().session.store, selector);
}

export function useUi<T>(selector: (state: UiState & UiActions) => T): T {
  return useStore(useMapContext().ui, selector);
}

export function useHistoryState<T>(selector: (state: HistoryState) => T): T {
  return useStore(useMapContext().session.history.state, selector);
}
