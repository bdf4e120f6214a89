// Stroke icons (16×16) of the map page's top bar, shared by app and panels so every header
// button draws the same way; inline SVG follows the text colour.
import type { ReactNode } from 'react';

const PATHS = {
  back: <path d="M12.5 8h-9M7 4.5 3.5 8 7 11.5" />,
  export: <path d="M8 2.5v7.5M5 7l3 3 3-3M3 12v1.5h10V12" />,
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
} satisfies Record<string, ReactNode>;

export type UiIconName = keyof typeof PATHS;

export function UiIcon({ name, size = 16 }: { name: UiIconName; size?: number }) {
  return (
    <svg
      className="ui-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
