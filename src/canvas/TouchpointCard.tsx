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
import { cardDetail, type TileSlot, type TouchpointFlowNode } from './nodes';
import { formatQuoteDate } from './format';
import type { CardContent } from '../domain/cardContent';
import type { Note, QuoteSource } from '../domain/types';
import type { PeerMark } from './presence';
import { peerOutline, PeerTag, usePeerMark } from './PeerTag';


function TouchpointCardView({ id, selected }: NodeProps<TouchpointFlowNode>) {
  const tp = useMapState((s) => s.touchpoints[id]);
  const stats = useMapState((s) => s.cardStats[id]);
  const cadenceDays = useMapState((s) => s.meta.cadenceDays);
  const locale = useLocaleStore((s) => s.locale);
  const t = useT();
  const bigMap = useContext(LowDetailContext);
  // One subscription per card, to a value that changes only when a threshold is crossed.
  const detail = useStore(cardDetail);
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


  if (bigMap && detail === 'tile') {
    return (
      <TileFace tp={tp} tone={tone} selected={selected} peer={peer} diff={diff}>
        {/* Handles stay: React Flow measures them when a card first mounts, and edges need them. */}
        <Handle type="target" position={Position.Left} className="cjm-handle" />
        <Handle type="source" position={Position.Right} className="cjm-handle" />
      </TileFace>
    );
  }

  const content = stats?.content;
  const rich = detail === 'content' && !!content && (content.fix || content.wow || content.planB || content.quote);
  return (
    <div
      className={`cjm-card cjm-card--${tp.status}${rich ? ' cjm-card--rich' : ''}${selected ? ' is-selected' : ''}${peer ? ' has-peer' : ''}`}
      style={peerOutline(peer)}
      {...cardIdentity(tp, diff)}
      // The PNG export waits until every card shows its content (PngExportLayer).
      data-detail={detail}
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
      {rich && <ContentLines content={content} />}
      <div className="cjm-card__counts">
        <Count kind="fix" icon="fix" hint={t('canvas.card.fix')} value={stats?.fix ?? 0} />
        <Count kind="wow" icon="wow" hint={t('canvas.card.wow')} value={stats?.wow ?? 0} />
        <Count kind="planB" icon="planB" hint={t('canvas.card.planB')} value={stats?.planB ?? 0} />
        <Count kind="quotes" icon="quote" hint={t('canvas.card.quotes')} value={stats?.quotes ?? 0} />
        {rich && content.more > 0 && (
          <span className="cjm-card__more" data-testid="tp-more" title={t('canvas.card.moreHint')}>
            {t('canvas.card.more', { count: content.more })}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} className="cjm-handle" title={t('canvas.card.connect')} />
    </div>
  );
}

const SOURCE_ICONS: Record<QuoteSource, IconName> = {
  survey: 'sourceSurvey',
  review: 'sourceReview',
  interview: 'sourceInterview',
  support: 'sourceSupport',
  social: 'sourceSocial',
  rolePlay: 'sourceRolePlay',
};

/** The top Fix, WOW and Plan B lines and the freshest quote, as plain text (never HTML). */
function ContentLines({ content }: { content: CardContent }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { quote } = content;
  const source = quote ? t(`domain.quoteSource.${quote.source}`) : '';
  const date = quote ? formatQuoteDate(quote.date, locale) : '';
  return (
    <>
      {content.fix && <NoteLine note={content.fix} hint={t('canvas.card.fix')} />}
      {content.wow && <NoteLine note={content.wow} hint={t('canvas.card.wow')} />}
      {content.planB && <NoteLine note={content.planB} hint={t('canvas.card.planB')} />}
      {quote && (
        <div className={`cjm-card__quote cjm-card__quote--${quote.sentiment}`} data-testid="tp-quote">
          <q className="cjm-card__quote-text" title={quote.text}>
            {quote.text}
          </q>
          <span className="cjm-card__quote-from">
            <Icon name={SOURCE_ICONS[quote.source]} size={12} />
            <span data-testid="tp-quote-from">{date ? t('canvas.card.quoteFrom', { source, date }) : source}</span>
          </span>
        </div>
      )}
    </>
  );
}

function NoteLine({ note, hint }: { note: Note; hint: string }) {
  return (
    <div
      className={`cjm-card__note cjm-card__note--${note.kind}${note.status === 'done' ? ' is-done' : ''}`}
      data-testid={`tp-note-${note.kind}`}
      title={`${hint}: ${note.text}`}
    >
      <Icon name={note.kind} size={12} />
      <span className="cjm-card__note-text">{note.text}</span>
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

function CellTileView({ id, x, y, height }: TileSlot) {
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
      style={{ position: 'absolute', left: x, top: y, width: GRID.cardWidth, height }}
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
