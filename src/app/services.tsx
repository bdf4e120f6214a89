// What the app is wired to: the map list and a way to open one map. main.tsx builds the
// server-backed version; tests or a browser-only build can pass local ones with the same shape.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MapDirectory } from '../sync/mapDirectory';
import type { AccessService } from './access/accessService';
import type { ServerReachability } from '../sync/serverDirectory';
import type { AppShell } from '../sync/appShell';
import type { ReviewService } from '../store/reviews';
import type { MapSession } from '../store/session';

export interface AppServices {
  directory: MapDirectory;
  openSession: (mapId: string) => MapSession;
  /** Whether the server answered lately; absent when there is no server (always "reachable"). */
  reachability?: StoreApi<ServerReachability>;
  /** Saved reviews (kept by the server); absent without a server. */
  reviews?: ReviewService;
  /** Access links (a server with AUTH_SECRET); absent without a server. */
  access?: AccessService;
  /** The offline app shell (service worker, storage persistence); absent in tests and dev. */
  shell?: AppShell;
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

const NO_SERVER = createStore<ServerReachability>(() => ({ reachable: true }));

/** True once a call to the server failed for want of a connection (until one succeeds). */
export function useServerUnreachable(): boolean {
  const { reachability } = useServices();
  return useStore(reachability ?? NO_SERVER, (s) => s.reachable === false);
}
