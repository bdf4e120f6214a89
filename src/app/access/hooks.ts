// React access to this tab's credentials: the role on the open map, whether its links are
// being replaced right now.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CredentialState, MapRole } from '../../sync/credentials';
import { useServices } from '../services';

const NO_CREDENTIALS = createStore<CredentialState>(() => ({ tokens: {}, roles: {}, adminSecret: null, rotating: new Set() }));

function useCredentialState<T>(selector: (state: CredentialState) => T): T {
  const { access } = useServices();
  return useStore(access?.credentials.state ?? NO_CREDENTIALS, selector);
}

/** The role this tab has on the map; null without a server (nothing to share, nothing refused). */
export function useMapRole(mapId: string): MapRole | null {
  const { access } = useServices();
  const role = useCredentialState((s) => s.roles[mapId] ?? null);
  return access ? role : null;
}

export function useRotating(mapId: string): boolean {
  return useCredentialState((s) => s.rotating.has(mapId));
}
