// Small stroke icons (16×16), drawn inline so they follow the text colour.
import type { ReactNode } from 'react';

const PATHS = {
  plus: <path d="M8 3v10M3 8h10" />,
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
  fix: <path d="M11.8 2.6a3 3 0 0 0-3.7 3.9L3 11.6a1 1 0 0 0 0 1.4.9.9 0 0 0 1.4 0l5.1-5.1a3 3 0 0 0 3.9-3.7L11.6 6 10 5.9 9.9 4.4z" />,
  wow: (
    <>
      <path d="M7 2.5 8.2 6 11.5 7.2 8.2 8.4 7 11.9 5.8 8.4 2.5 7.2 5.8 6z" />
      <path d="M12 10v3M10.5 11.5h3" />
    </>
  ),
  planB: <path d="M8 2.5 12.5 4.2v3.6c0 2.8-1.9 4.7-4.5 5.7-2.6-1-4.5-2.9-4.5-5.7V4.2z" />,
  quote: <path d="M4 11c0-2 .5-4 2.5-5M9 11c0-2 .5-4 2.5-5M4 11h2v-2H4zM9 11h2v-2H9z" />,
  quiet: (
    <>
      <path d="M3 6.5h2l3-2.5v8l-3-2.5H3z" />
      <path d="m10.5 6.5 3 3M13.5 6.5l-3 3" />
    </>
  ),
  stage: <path d="M3 3.5h3.5v9H3zM9.5 3.5H13v9H9.5z" />,
  channel: <path d="M3 3h10v3.5H3zM3 9.5h10V13H3z" />,
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="cjm-icon"
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
