// A touchpoint on the canvas. React Flow passes only the id; the card picks its own
// touchpoint and stats from the store, so an edit re-renders just this card.
import { memo, useContext, type CSSProperties, type ReactNode } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { GRID } from '../domain/grid';
import { pluralCategory } from '../domain/plural';
import { formatScore, satisfaction, satisfactionTone } from '../domain/satisfaction';
import type { Touchpoint } from '../domain/types';
import { useLocaleStore, useT } from '../locales/i18n';
import { useMapState, useUi } from '../store/context';
import { Icon, type IconName } from '../ui/icons';
import { CommentBadge } from './CommentBadge';
import { LowDetailContext } from './layoutContext';
import { isZoomedOut, type TileSlot, type TouchpointFlowNode } from './nodes';
import type { PeerMark } from './presence';
import { peerOutline, PeerTag, usePeerMark } from './PeerTag';


function TouchpointCardView({ id, selected }: NodeProps<TouchpointFlowNode>) {
  const tp = useMapState((s) => s.touchpoints[id]);
  const stats = useMapState((s) => s.cardStats[id]);
  const cadenceDays = useMapState((s) => s.meta.cadenceDays);
  const locale = useLocaleStore((s) => s.locale);
  const t = useT();
  const bigMap = useContext(LowDetailContext);
  const far = useStore(isZoomedOut);
  const peer = usePeerMark(id);
  // While two states of the map are compared: added, retired or changed (review/ReviewCanvas).
  const diff = useUi((s) => s.diffMarks?.[id]);
  if (!tp) return null;

  const value = satisfaction(tp);
  const tone = satisfactionTone(value);
  const satisfactionHint =
    value === null
      ? t('canvas.card.unrated')
      : t('canvas.card.satisfaction', {
          perception: tp.perception!,
          expectation: tp.expectation!,
          value: formatScore(value, locale),
        });
  const quietHint = stats?.quiet
    ? stats.quotes === 0
      ? t('canvas.card.quietNoQuotes')
      : t(`canvas.card.quietStale.${pluralCategory(locale, cadenceDays)}`, { days: cadenceDays })
    : '';


  if (bigMap && far) {
    return (
      <TileFace tp={tp} tone={tone} selected={selected} peer={peer} diff={diff}>
        {/* Handles stay: React Flow measures them when a card first mounts, and edges need them. */}
        <Handle type="target" position={Position.Left} className="cjm-handle" />
        <Handle type="source" position={Position.Right} className="cjm-handle" />
      </TileFace>
    );
  }

  return (
    <div
      className={`cjm-card cjm-card--${tp.status}${selected ? ' is-selected' : ''}${peer ? ' has-peer' : ''}`}
      style={peerOutline(peer)}
      {...cardIdentity(tp, diff)}
    >
      {peer && <PeerTag mark={peer} />}
      <Handle type="target" position={Position.Left} className="cjm-handle" />
      <div className="cjm-card__top">
        <span className={`cjm-status cjm-status--${tp.status}`} data-testid="tp-status" data-status={tp.status}>
          {t(`domain.touchpointStatus.${tp.status}`)}
        </span>
        {stats?.quiet && (
          <span className="cjm-quiet" data-testid="tp-quiet" title={quietHint} aria-label={quietHint}>
            <Icon name="quiet" size={12} />
            {t('domain.words.quiet')}
          </span>
        )}
        <CommentBadge placeId={tp.id} />
        <span
          className={`cjm-satisfaction cjm-satisfaction--${tone}`}
          data-testid="tp-satisfaction"
          data-value={value ?? ''}
          title={satisfactionHint}
          aria-label={satisfactionHint}
        >
          {formatScore(value, locale)}
        </span>
      </div>
      <div className="cjm-card__title" data-testid="tp-title" title={tp.title}>
        {tp.title}
      </div>
      <div className="cjm-card__counts">
        <Count kind="fix" icon="fix" hint={t('canvas.card.fix')} value={stats?.fix ?? 0} />
        <Count kind="wow" icon="wow" hint={t('canvas.card.wow')} value={stats?.wow ?? 0} />
        <Count kind="planB" icon="planB" hint={t('canvas.card.planB')} value={stats?.planB ?? 0} />
        <Count kind="quotes" icon="quote" hint={t('canvas.card.quotes')} value={stats?.quotes ?? 0} />
      </div>
      <Handle type="source" position={Position.Right} className="cjm-handle" title={t('canvas.card.connect')} />
    </div>
  );
}

const cardIdentity = (tp: Touchpoint, diff: string | undefined) => ({
  'data-testid': 'touchpoint-card',
  'data-touchpoint-id': tp.id,
  'data-stage-id': tp.stageId,
  'data-channel-id': tp.channelId,
  'data-diff': diff,
});

interface TileFaceProps {
  tp: Touchpoint;
  tone: string;
  selected: boolean;
  peer: PeerMark | null;
  diff: string | undefined;
  style?: CSSProperties;
  children?: ReactNode;
}

/** A card far out on a big map: status, satisfaction tone and title; the title is also its tooltip. */
function TileFace({ tp, tone, selected, peer, diff, style, children }: TileFaceProps) {
  return (
    <div
      className={`cjm-card cjm-card--tile cjm-card--${tp.status} cjm-tile--${tone}${selected ? ' is-selected' : ''}${peer ? ' has-peer' : ''}`}
      style={{ ...style, ...peerOutline(peer) }}
      title={tp.title}
      {...cardIdentity(tp, diff)}
    >
      {children}
      <div className="cjm-card__title">{tp.title}</div>
    </div>
  );
}

function CellTileView({ id, x, y }: TileSlot) {
  const tp = useMapState((s) => s.touchpoints[id]);
  const peer = usePeerMark(id);
  const diff = useUi((s) => s.diffMarks?.[id]);
  if (!tp) return null;
  return (
    <TileFace
      tp={tp}
      tone={satisfactionTone(satisfaction(tp))}
      selected={false}
      peer={peer}
      diff={diff}
      style={{ position: 'absolute', left: x, top: y, width: GRID.cardWidth, height: GRID.cardHeight }}
    />
  );
}

/**
 * A card drawn by its cell rather than as a React Flow node (zoomed far out on a big map; see
 * tilesByCell). It re-renders only when its own touchpoint, colleague mark or slot changes.
 */
export const CellTile = memo(CellTileView);

/** A count with its icon; the label (translated) is the tooltip and the accessible name. */
function Count({ kind, icon, hint, value }: { kind: string; icon: IconName; hint: string; value: number }) {
  const label = `${hint}: ${value}`;
  return (
    <span className={`cjm-count cjm-count--${kind}${value === 0 ? ' is-zero' : ''}`} title={label} aria-label={label}>
      <Icon name={icon} size={12} />
      <span className="cjm-count__value" data-testid={`tp-count-${kind}`}>
        {value}
      </span>
    </span>
  );
}

export const TouchpointCard = memo(TouchpointCardView);
