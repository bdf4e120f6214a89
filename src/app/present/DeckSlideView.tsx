// One slide of presentation mode, drawn from the deck model in large type. Everything a user
// wrote is rendered as text by React, never as HTML.
import type { Deck, DeckSlide, DeckStage, DeckTouchpoint } from '../../domain/present/deck';
import { satisfactionTone } from '../../domain/satisfaction';
import { NOTE_KINDS } from '../../domain/types';
import type { DeckWords } from '../../locales/deckWords';

/** Cards a stage slide shows before "+N more": what stays readable from the back of a room. */
const CARDS_SHOWN = 6;
const ACTIONS_SHOWN = 8;

export function DeckSlideView({ deck, slide, words }: { deck: Deck; slide: DeckSlide; words: DeckWords }) {
  if (slide.kind === 'cover') return <CoverSlide deck={deck} words={words} />;
  if (slide.kind === 'stage') return <StageSlide deck={deck} stage={deck.stages[slide.stageIndex]!} words={words} />;
  if (slide.kind === 'actionPlan') return <ActionPlanSlide deck={deck} words={words} />;
  return null;
}

function CoverSlide({ deck, words }: { deck: Deck; words: DeckWords }) {
  const d = words.deck;
  const { persona } = deck;
  return (
    <section className="slide slide--cover" data-testid="slide-cover">
      <p className="slide__kicker">{d.journeyMap}</p>
      <h1 className="slide__title">{deck.title}</h1>
      <div className="slide-cover__grid">
        <div className="slide-cover__persona">
          <p className="slide__label">{d.persona}</p>
          {persona.name && <p className="slide-cover__name">{persona.name}</p>}
          {persona.description && <p className="slide__body">{persona.description}</p>}
          {persona.goal && (
            <p className="slide__body">
              <strong>{d.goal}:</strong> {persona.goal}
            </p>
          )}
          {persona.quote && <blockquote className="slide__body slide-cover__quote">“{persona.quote}”</blockquote>}
        </div>
        {deck.scenario && (
          <div>
            <p className="slide__label">{d.scenario}</p>
            <p className="slide__body">{deck.scenario}</p>
          </div>
        )}
      </div>
    </section>
  );
}

function Curve({ stage, words }: { stage: DeckStage; words: DeckWords }) {
  if (stage.curve.length === 0) return null;
  const width = 1000;
  const height = 120;
  const step = width / stage.curve.length;
  const y = (v: number) => height / 2 - (v / 4) * (height / 2 - 12);
  const points = stage.curve.map((p, i) => ({ x: step * (i + 0.5), y: y(p.value), p }));
  return (
    <figure className="slide-curve" aria-label={words.deck.curve}>
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="slide-curve__svg" aria-hidden="true">
        <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="slide-curve__zero" />
        <polyline points={points.map((pt) => `${pt.x},${pt.y}`).join(' ')} className="slide-curve__line" />
      </svg>
      <ol className="slide-curve__points">
        {points.map((pt) => (
          <li
            key={pt.p.touchpointId}
            className={`slide-curve__point slide-curve__point--${satisfactionTone(pt.p.value)}`}
            style={{ left: `${(pt.x / width) * 100}%`, top: `${(pt.y / height) * 100}%` }}
          >
            <span className="slide-curve__value">{words.score(pt.p.value)}</span>
          </li>
        ))}
      </ol>
      {stage.average !== null && (
        <figcaption className="slide-curve__caption">
          {words.deck.average}: {words.score(stage.average)}
        </figcaption>
      )}
    </figure>
  );
}

function TouchpointTile({ tp, words }: { tp: DeckTouchpoint; words: DeckWords }) {
  const quote = tp.quotes[0];
  return (
    <li className={`slide-card slide-card--${satisfactionTone(tp.satisfaction)}`} data-testid="slide-touchpoint">
      <p className="slide-card__title">{tp.title}</p>
      <p className="slide-card__meta">
        {tp.channelTitle} · {words.deck.satisfaction} {words.score(tp.satisfaction)}
      </p>
      {NOTE_KINDS.map((kind) => {
        const note = tp.topNotes[kind];
        if (!note) return null;
        return (
          <p key={kind} className={`slide-card__note slide-card__note--${kind}`}>
            <span className="slide-card__kind">{words.domain.noteKind[kind]}</span> {note.text}
          </p>
        );
      })}
      {quote && (
        <blockquote className="slide-card__quote">
          “{quote.text}”
          <footer>— {[quote.who, words.domain.quoteSource[quote.source], quote.date ? words.date(quote.date) : ''].filter(Boolean).join(', ')}</footer>
        </blockquote>
      )}
    </li>
  );
}

function StageSlide({ deck, stage, words }: { deck: Deck; stage: DeckStage; words: DeckWords }) {
  const d = words.deck;
  const shown = stage.touchpoints.slice(0, CARDS_SHOWN);
  const more = stage.touchpoints.length - shown.length;
  return (
    <section className="slide slide--stage" data-testid="slide-stage" style={{ borderTopColor: stage.color }}>
      <p className="slide__kicker">{words.fill(d.stage, { number: stage.number, count: deck.stages.length })}</p>
      <h1 className="slide__title">{stage.title}</h1>
      <Curve stage={stage} words={words} />
      {(stage.cells.length > 0 || stage.kpis.length > 0) && (
        <dl className="slide-layers">
          {stage.cells.map((cell) => (
            <div key={cell.layerId} className="slide-layers__row">
              <dt>{cell.layerTitle}</dt>
              <dd>{cell.text}</dd>
            </div>
          ))}
          {stage.kpis.map((kpi) => (
            <div key={kpi.layerId} className={`slide-layers__row slide-layers__row--kpi${kpi.onTarget === false ? ' is-off' : ''}`}>
              <dt>{kpi.layerTitle}</dt>
              <dd>
                {[kpi.metric, kpi.actual !== null ? `${d.actual} ${words.number(kpi.actual)}` : '', kpi.target !== null ? `${d.target} ${words.number(kpi.target)}` : '']
                  .filter(Boolean)
                  .join(' · ')}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {stage.touchpoints.length === 0 ? (
        <p className="slide__empty">{d.noTouchpoints}</p>
      ) : (
        <ul className="slide-cards">
          {shown.map((tp) => (
            <TouchpointTile key={tp.id} tp={tp} words={words} />
          ))}
          {more > 0 && <li className="slide-cards__more">{words.fill(d.more, { count: more })}</li>}
        </ul>
      )}
    </section>
  );
}

function ActionPlanSlide({ deck, words }: { deck: Deck; words: DeckWords }) {
  const d = words.deck;
  const shown = deck.actionPlan.slice(0, ACTIONS_SHOWN);
  const more = deck.actionPlan.length - shown.length;
  return (
    <section className="slide slide--plan" data-testid="slide-action-plan">
      <p className="slide__kicker">{d.actionPlanLead}</p>
      <h1 className="slide__title">{d.actionPlan}</h1>
      {shown.length === 0 ? (
        <p className="slide__empty">{d.noNotes}</p>
      ) : (
        <ol className="slide-plan">
          {shown.map((item) => (
            <li key={item.id} className="slide-plan__row">
              <span className="slide-plan__votes">{words.number(item.votes)}</span>
              <span className={`slide-plan__kind slide-card__note--${item.kind}`}>{words.domain.noteKind[item.kind]}</span>
              <span className="slide-plan__text">{item.text}</span>
              <span className="slide-plan__where">
                {item.touchpointTitle} · {words.domain.noteStatus[item.status]}
                {item.owner ? ` · ${item.owner}` : ''}
              </span>
            </li>
          ))}
          {more > 0 && <li className="slide-cards__more">{words.fill(d.more, { count: more })}</li>}
        </ol>
      )}
    </section>
  );
}
