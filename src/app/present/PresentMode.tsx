// Presentation mode: the map as full-screen slides (persona and scenario, stage by stage, the
// action plan), moved with ← → Space and left with Esc. Anyone can present; the others see
// "Anna is presenting — Follow" and, following, see the presenter's slide. Over awareness only:
// nothing is stored, and a view link can present and follow too.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { buildDeck, deckSlides, type Deck, type DeckSlide } from '../../domain/present/deck';
import { useLocaleStore, useT } from '../../locales/i18n';
import { deckWordsFor } from '../../locales/deckWords';
import { useMapSession } from '../../store/context';
import type { MapSession } from '../../store/session';
import { snapshotOfState } from '../../store/snapshotStore';
import { UiIcon } from '../../ui/icons';
import { clampSlide, presenterOf } from './followView';
import { DeckSlideView } from './DeckSlideView';
import './present.css';

type Mode = { kind: 'idle' } | { kind: 'presenting'; slide: number } | { kind: 'following'; clientId: number };

/** The live map as a deck; rebuilt when the map changes (only while slides are shown). */
function useLiveDeck(session: MapSession, active: boolean): Deck | null {
  const state = useSyncExternalStore(
    (listener) => (active ? session.store.subscribe(listener) : () => undefined),
    () => (active ? session.store.getState() : null),
  );
  return useMemo(() => (state ? buildDeck({ snapshot: snapshotOfState(state), now: new Date() }) : null), [state]);
}

async function enterFullscreen() {
  try {
    if (!document.fullscreenElement) await document.documentElement.requestFullscreen?.();
  } catch {
    // Refused (no user gesture, an iframe): the slides still cover the window.
  }
}

function leaveFullscreen() {
  if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
}

export function PresentControls() {
  const t = useT();
  const session = useMapSession();
  const { presence } = session;
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const presenter = useStore(presence.state, presenterOf);
  const [dismissed, setDismissed] = useState<number | null>(null);

  // Following ends when the presenter stops or leaves.
  const followed = mode.kind === 'following' && presenter?.clientId === mode.clientId ? presenter : null;
  const following = mode.kind === 'following' && followed !== null;
  useEffect(() => {
    if (mode.kind === 'following' && !followed) setMode({ kind: 'idle' });
  }, [mode.kind, followed]);

  // The presenter's slide goes out over awareness; leaving clears it.
  const presentingSlide = mode.kind === 'presenting' ? mode.slide : null;
  useEffect(() => {
    if (presentingSlide === null) return;
    presence.setPresenting({ slide: presentingSlide, viewport: null });
  }, [presence, presentingSlide]);
  const isPresenting = mode.kind === 'presenting';
  useEffect(() => {
    if (!isPresenting) return;
    return () => presence.setPresenting(null);
  }, [presence, isPresenting]);

  const showing = isPresenting || following;
  const deck = useLiveDeck(session, showing);
  const slides = useMemo(() => (deck ? deckSlides({ stages: deck.stages, review: null }) : []), [deck]);
  const count = slides.length;
  const slide = isPresenting ? clampSlide(mode.slide, count) : following ? clampSlide(followed.presenting?.slide ?? 0, count) : 0;

  const stop = () => {
    setMode({ kind: 'idle' });
    leaveFullscreen();
  };
  const go = (delta: number) => setMode((m) => (m.kind === 'presenting' ? { ...m, slide: clampSlide(m.slide + delta, count) } : m));

  // Leaving full screen (the browser's own Esc) ends the presentation too.
  useEffect(() => {
    if (!showing) return;
    let wasFull = Boolean(document.fullscreenElement);
    const onChange = () => {
      const full = Boolean(document.fullscreenElement);
      if (wasFull && !full) setMode({ kind: 'idle' });
      wasFull = full;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [showing]);

  useEffect(() => {
    if (!showing) return;
    const onKey = (e: KeyboardEvent) => {
      const forward = e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown' || e.key === 'Enter';
      const back = e.key === 'ArrowLeft' || e.key === 'PageUp' || e.key === 'Backspace';
      if (e.key === 'Escape') setMode({ kind: 'idle' });
      else if (forward && isPresenting) go(1);
      else if (back && isPresenting) go(-1);
      else if (e.key === 'Home' && isPresenting) go(-count);
      else if (e.key === 'End' && isPresenting) go(count);
      else return;
      // The canvas underneath must not act on these keys too.
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
    // go and count change with every slide; the listener reads them fresh each time it is set.
  });

  const presenterName = presenter ? presenter.user.name || t('present.someone') : '';
  const offerFollow = presenter !== null && !showing && dismissed !== presenter.clientId && mode.kind === 'idle';

  return (
    <>
      <button
        type="button"
        className={`header-action header-action--icon-first${isPresenting ? ' header-action--active' : ''}`}
        data-testid="present-start"
        title={t('present.buttonHint')}
        aria-pressed={isPresenting}
        onClick={() => {
          setMode({ kind: 'presenting', slide: 0 });
          void enterFullscreen();
        }}
      >
        <UiIcon name="present" />
        <span className="header-action__label">{t('present.button')}</span>
      </button>
      {offerFollow &&
        createPortal(
          <div className="present-banner" role="status" data-testid="present-banner" data-presenter={presenter.clientId}>
            <span className="present-banner__dot" style={{ background: presenter.user.color }} aria-hidden="true" />
            <span className="present-banner__text">{t('present.peerPresenting', { name: presenterName })}</span>
            <button
              type="button"
              className="button button--small button--primary"
              data-testid="present-follow"
              onClick={() => {
                setMode({ kind: 'following', clientId: presenter.clientId });
                void enterFullscreen();
              }}
            >
              {t('present.follow')}
            </button>
            <button type="button" className="button button--small" data-testid="present-dismiss" onClick={() => setDismissed(presenter.clientId)}>
              {t('present.stopFollowing')}
            </button>
          </div>,
          document.body,
        )}
      {showing &&
        deck &&
        createPortal(
          <SlideShow
            deck={deck}
            slides={slides}
            slide={slide}
            followingName={following ? presenterName : null}
            onPrevious={isPresenting ? () => go(-1) : null}
            onNext={isPresenting ? () => go(1) : null}
            onExit={() => {
              if (following) setDismissed(followed.clientId);
              stop();
            }}
          />,
          document.body,
        )}
    </>
  );
}

interface SlideShowProps {
  deck: Deck;
  slides: DeckSlide[];
  slide: number;
  followingName: string | null;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
  onExit: () => void;
}

function SlideShow({ deck, slides, slide, followingName, onPrevious, onNext, onExit }: SlideShowProps) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const words = useMemo(() => deckWordsFor(locale), [locale]);
  const current = slides[slide] ?? slides[0]!;
  return (
    <div
      className="presentation"
      role="dialog"
      aria-modal="true"
      aria-label={deck.title}
      data-testid="presentation"
      data-slide={slide}
      data-slide-kind={current.kind}
      data-following={followingName !== null}
    >
      <div className="presentation__slide" data-testid="presentation-slide">
        <DeckSlideView deck={deck} slide={current} words={words} />
      </div>
      <div className="presentation__bar">
        <span className="presentation__status">
          {followingName !== null ? t('present.following', { name: followingName }) : t('present.presenting')}
        </span>
        <span className="presentation__count" data-testid="presentation-count">
          {t('present.slideOf', { number: slide + 1, count: slides.length })}
        </span>
        {onPrevious && (
          <button type="button" className="presentation__nav" data-testid="present-prev" disabled={slide === 0} onClick={onPrevious} title={t('present.previous')}>
            <UiIcon name="left" />
          </button>
        )}
        {onNext && (
          <button
            type="button"
            className="presentation__nav"
            data-testid="present-next"
            disabled={slide >= slides.length - 1}
            onClick={onNext}
            title={t('present.next')}
          >
            <UiIcon name="right" />
          </button>
        )}
        <span className="presentation__hint">{t('present.keysHint')}</span>
        <button type="button" className="button button--small" data-testid="present-exit" onClick={onExit}>
          {followingName !== null ? t('present.stopFollowing') : t('present.stopPresenting')}
        </button>
      </div>
    </div>
  );
}
