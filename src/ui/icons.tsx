// Stroke icons (16×16) for the whole UI: canvas toolbar, cards, lane menus and the top bar.
// Drawn inline so they follow the text colour.
import type { ReactNode } from 'react';

/**
 * The icons the PNG's legend draws too, as path data only (a canvas draws them with Path2D):
 * note kinds and quote sources.
 */
export const ICON_STROKES = {
  fix: ['M11.8 2.6a3 3 0 0 0-3.7 3.9L3 11.6a1 1 0 0 0 0 1.4.9.9 0 0 0 1.4 0l5.1-5.1a3 3 0 0 0 3.9-3.7L11.6 6 10 5.9 9.9 4.4z'],
  wow: ['M7 2.5 8.2 6 11.5 7.2 8.2 8.4 7 11.9 5.8 8.4 2.5 7.2 5.8 6z', 'M12 10v3M10.5 11.5h3'],
  planB: ['M8 2.5 12.5 4.2v3.6c0 2.8-1.9 4.7-4.5 5.7-2.6-1-4.5-2.9-4.5-5.7V4.2z'],
  sourceSurvey: ['M4 2.5h8v11H4zM6 5.5h4M6 8h4M6 10.5h2.5'],
  sourceReview: ['m8 2.5 1.7 3.4 3.8.5-2.7 2.7.6 3.8L8 11.1l-3.4 1.8.6-3.8-2.7-2.7 3.8-.5z'],
  sourceInterview: ['M8 2.5a2 2 0 0 1 2 2v3a2 2 0 0 1-4 0v-3a2 2 0 0 1 2-2z', 'M4 8a4 4 0 0 0 8 0M8 12v1.5'],
  sourceSupport: ['M3.5 9.5V8a4.5 4.5 0 0 1 9 0v1.5M3.5 9.5h2v3h-2zM10.5 9.5h2v3h-2zM12.5 12.5c0 1-1 1.5-3 1.5'],
  sourceSocial: ['M3 4h10v6.5H7l-3 2.5v-2.5H3z'],
  sourceRolePlay: ['M10.5 5.5a2.5 2.5 0 1 1-5 0 2.5 2.5 0 1 1 5 0z', 'M3.5 13.5c.6-2.4 2.3-3.5 4.5-3.5s3.9 1.1 4.5 3.5'],
} as const satisfies Record<string, readonly string[]>;

function strokes(name: keyof typeof ICON_STROKES): ReactNode {
  return (
    <>
      {ICON_STROKES[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </>
  );
}

const PATHS = {
  plus: <path d="M8 3v10M3 8h10" />,
  comment: <path d="M3 3.5h10v7H7l-3 2.5v-2.5H3z" />,
  undo: (
    <>
      <path d="M4 7h6a3 3 0 0 1 0 6H7" />
      <path d="M6.5 4.5 4 7l2.5 2.5" />
    </>
  ),
  redo: (
    <>
      <path d="M12 7H6a3 3 0 0 0 0 6h3" />
      <path d="M9.5 4.5 12 7 9.5 9.5" />
    </>
  ),
  duplicate: (
    <>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
    </>
  ),
  trash: (
    <>
      <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
    </>
  ),
  fit: <path d="M3 6V3h3M10 3h3v3M13 10v3h-3M6 13H3v-3" />,
  more: (
    <>
      <circle cx="3.5" cy="8" r=".9" fill="currentColor" />
      <circle cx="8" cy="8" r=".9" fill="currentColor" />
      <circle cx="12.5" cy="8" r=".9" fill="currentColor" />
    </>
  ),
  left: <path d="M9.5 4 5.5 8l4 4" />,
  right: <path d="m6.5 4 4 4-4 4" />,
  up: <path d="m4 9.5 4-4 4 4" />,
  down: <path d="m4 6.5 4 4 4-4" />,
  pencil: <path d="M10.5 3.5 12.5 5.5 6 12H4v-2z" />,
  palette: (
    <>
      <circle cx="8" cy="8" r="5" />
      <circle cx="6" cy="6.5" r=".8" fill="currentColor" />
      <circle cx="9.5" cy="6" r=".8" fill="currentColor" />
    </>
  ),
  fix: strokes('fix'),
  wow: strokes('wow'),
  planB: strokes('planB'),
  quote: <path d="M4 11c0-2 .5-4 2.5-5M9 11c0-2 .5-4 2.5-5M4 11h2v-2H4zM9 11h2v-2H9z" />,
  // Where a customer quote came from (its source), drawn beside the quote on a card.
  sourceSurvey: strokes('sourceSurvey'),
  sourceReview: strokes('sourceReview'),
  sourceInterview: strokes('sourceInterview'),
  sourceSupport: strokes('sourceSupport'),
  sourceSocial: strokes('sourceSocial'),
  sourceRolePlay: strokes('sourceRolePlay'),
  quiet: (
    <>
      <path d="M3 6.5h2l3-2.5v8l-3-2.5H3z" />
      <path d="m10.5 6.5 3 3M13.5 6.5l-3 3" />
    </>
  ),
  stage: <path d="M3 3.5h3.5v9H3zM9.5 3.5H13v9H9.5z" />,
  channel: <path d="M3 3h10v3.5H3zM3 9.5h10V13H3z" />,
  // Top bar
  back: <path d="M12.5 8h-9M7 4.5 3.5 8 7 11.5" />,
  export: <path d="M8 2.5v7.5M5 7l3 3 3-3M3 12v1.5h10V12" />,
  present: <path d="M2.5 3h11v7.5h-11zM8 10.5V13M5.5 13h5M7 5l2.5 1.75L7 8.5z" />,
  import: <path d="M8 10V2.5M5 5.5l3-3 3 3M3 12v1.5h10V12" />,
  review: (
    <>
      <rect x="3" y="3" width="10" height="11" rx="1.5" />
      <path d="M6 2v2h4V2M5.75 9.25l1.5 1.5 3-3" />
    </>
  ),
  health: <path d="M1.5 8.5h2.75l1.5-4 3 7.5 1.75-5 1 1.5h3" />,
  persona: (
    <>
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 13.5c.7-2.4 2.6-3.75 5-3.75s4.3 1.35 5 3.75" />
    </>
  ),
  share: (
    <>
      <path d="M7 9a3 3 0 0 0 4.2.3l2-2a3 3 0 0 0-4.2-4.2l-.8.8" />
      <path d="M9 7a3 3 0 0 0-4.2-.3l-2 2a3 3 0 0 0 4.2 4.2l.8-.8" />
    </>
  ),
  globe: (
    <>
      <circle cx="8" cy="8" r="5.75" />
      <path d="M2.5 8h11M8 2.25c1.6 1.6 2.4 3.5 2.4 5.75S9.6 12.15 8 13.75C6.4 12.15 5.6 10.25 5.6 8S6.4 3.85 8 2.25Z" />
    </>
  ),
  // Access screens
  eye: (
    <>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z" />
      <circle cx="8" cy="8" r="2" />
    </>
  ),
  lock: (
    <>
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className = 'cjm-icon' }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={size > 16 ? 1.2 : 1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}

/** The top bar's icon style (`.ui-icon` in app.css). */
export const UiIcon = ({ name, size }: { name: IconName; size?: number }) => (
  <Icon name={name} size={size} className="ui-icon" />
);
