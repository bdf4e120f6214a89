// The mark of each kind of stage layer, drawn like the other 16 px icons (src/ui/icons.tsx).
import type { LayerKind } from '../domain/types';

/** Paths per kind, each a small picture of what the layer holds. */
const KIND_PATHS: Record<LayerKind, string> = {
  // footsteps: what the customer does
  actions: 'M5 3.5c1 0 1.5 1.2 1.5 2.5S6 8.5 5 8.5 3.5 7.3 3.5 6 4 3.5 5 3.5zM4 10.5h2M11 6c1 0 1.5 1.2 1.5 2.5S12 11 11 11s-1.5-1.2-1.5-2.5S10 6 11 6zM10 13h2',
  // a thought bubble
  thoughts: 'M3 7.5a4.5 3.5 0 1 1 9 0 4.5 3.5 0 0 1-6.5 3.1L3.5 12l.7-2.2A3.3 3.3 0 0 1 3 7.5zM12.5 13.5h.01',
  // a jagged line: something hurts
  pains: 'M2 9l2.5-4 2 6 2.5-8 2 7 1.5-3H14',
  // a light bulb
  opportunities: 'M8 2.5a3.5 3.5 0 0 0-2 6.4V11h4V8.9a3.5 3.5 0 0 0-2-6.4zM6.5 13h3',
  // a curtain over a stage
  backstage: 'M2.5 3h11M3 3c0 4 1.5 7 3.5 10M13 3c0 4-1.5 7-3.5 10M2.5 13h11',
  // a gauge
  kpi: 'M2.5 11a5.5 5.5 0 0 1 11 0M8 11l2.5-3.5',
  // lines of text
  text: 'M3 4h10M3 7h10M3 10h6',
};

export function LayerIcon({ kind }: { kind: LayerKind }) {
  return (
    <svg className="cjm-icon cjm-layer__icon" width={16} height={16} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={KIND_PATHS[kind]} />
    </svg>
  );
}
