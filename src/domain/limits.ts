// Field limits shared by the UI (inline messages), the doc mutations and import validation.

export const TITLE_MAX = 200;
export const TEXT_MAX = 5000;
export const NAME_MAX = 100;
export const LINK_MAX = 2000;
export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const DEFAULT_CADENCE_DAYS = 90;
export const CADENCE_MIN = 1;
export const CADENCE_MAX = 3650;
/** A KPI cell's metric name (NPS, CSAT, CES or a team's own). */
export const METRIC_MAX = 40;
