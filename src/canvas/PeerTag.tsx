// Shows on a card who else has it selected or open for editing: their colour around it and
// their name on a small tag.
import './presence.css';
import { useMemo, type CSSProperties } from 'react';
import { useStore } from 'zustand';
import type { Id } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapSession } from '../store/context';
import { parsePeerMark, peerMarkKey, type PeerMark } from './presence';

/** The colleague to show on this touchpoint, or null. Changes only when this card's mark does. */
export function usePeerMark(touchpointId: Id): PeerMark | null {
  const { presence } = useMapSession();
  const key = useStore(presence.state, (s) => peerMarkKey(s, touchpointId));
  return useMemo(() => parsePeerMark(key), [key]);
}

/** The card's outline in the colleague's colour. */
export const peerOutline = (mark: PeerMark | null): CSSProperties | undefined =>
  mark ? { outlineColor: mark.color } : undefined;

export function PeerTag({ mark }: { mark: PeerMark }) {
  const t = useT();
  const name = mark.name || t('canvas.presence.guest');
  const label = mark.mode === 'editing' ? t('canvas.presence.editing', { name }) : name;
  return (
    <span
      className={`cjm-peer-tag cjm-peer-tag--${mark.mode}`}
      data-testid="peer-selection"
      data-client-id={mark.clientId}
      data-mode={mark.mode}
      style={{ backgroundColor: mark.color }}
      title={label}
    >
      {label}
    </span>
  );
}
