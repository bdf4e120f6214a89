// Dates as the customer-voice fields store them: YYYY-MM-DD in the user's own calendar.

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date where the user is (not UTC, or a quote typed late in the evening would land tomorrow). */
export function localIsoDate(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
