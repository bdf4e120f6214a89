// What the app is wired to: the map list and a way to open one map. main.tsx builds the
// browser-only version; the collaboration layer can swap in server-backed ones with the same shape.
import { createContext, useContext, type ReactNode } from 'react';
import type { MapDirectory } from '../sync/mapDirectory';
import type { MapSession } from '../store/session';

export interface AppServices {
  directory: MapDirectory;
  openSession: (mapId: string) => MapSession;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesProvider>');
  return services;
}
