// A tiny line logger: the server writes few lines (start, stop, refused input), so no library.
export interface Logger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

const describe = (error: unknown): string =>
  error instanceof Error ? ` (${error.message})` : error === undefined ? '' : ` (${String(error)})`;

export function consoleLogger(): Logger {
  const line = (level: string, message: string) => `${new Date().toISOString()} ${level} ${message}`;
  return {
    info: (message) => console.log(line('info', message)),
    warn: (message, error) => console.warn(line('warn', message + describe(error))),
    // Stack traces go to the log only, never into HTTP responses.
    error: (message, error) => console.error(line('error', message), error ?? ''),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
