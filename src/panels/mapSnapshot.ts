// The open map as the plain snapshot the format and CSV functions take.
import type { JourneyMapSnapshot } from '../domain/types';
import type { MapState } from '../store/mapStore';

export function snapshotOfState(state: Pick<MapState, 'meta' | 'stages' | 'channels' | 'touchpoints' | 'connections' | 'notes' | 'quotes'>): JourneyMapSnapshot {
  return {
    meta: state.meta,
    stages: state.stages,
    channels: state.channels,
    touchpoints: Object.values(state.touchpoints),
    connections: Object.values(state.connections),
    notes: Object.values(state.notes),
    quotes: Object.values(state.quotes),
  };
}
