// Small HTTP helpers: JSON responses, the one error body ({"error", "problems"?}), bounded JSON bodies.
import type http from 'node:http';
import type { ApiErrorBody } from '../src/domain/api';
import type { Problem } from '../src/domain/format/problems';

/** Every refusal the API makes; answered as `{error, problems?, warnings?}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** For a refused map file: every problem found, and its warnings. */
    readonly details: { problems: Problem[]; warnings: Problem[] } | null = null,
  ) {
    super(message);
  }

  get body(): ApiErrorBody {
    return this.details ? { error: this.message, ...this.details } : { error: this.message };
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A body we stopped reading cannot be drained: close the connection after answering.
  if (error.status === 413) res.setHeader('Connection', 'close');
  sendJson(res, error.status, error.body);
}

/**
 * Declared as JSON: a browser must ask permission (CORS preflight) before another site can
 * send that, while text/plain, forms and an undeclared body go without asking.
 */
export function isJsonRequest(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/** Reads a JSON object body of at most `limit` bytes (the router has checked its content type). */
export async function readJsonObject(req: http.IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, `body is larger than ${limit} bytes`);
  const raw = await readBody(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * Collects the body; past the limit it rejects at once with `tooLarge()` and leaves the rest
 * unread (the answer closes the connection).
 */
export function readBody(
  req: http.IncomingMessage,
  limit: number,
  tooLarge: () => Error = () => new HttpError(413, `body is larger than ${limit} bytes`),
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
