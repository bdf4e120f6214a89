// The one HTTP routing layer of the API: `METHOD /path/:param` → handler, typed by the shared
// contract (src/domain/api.ts). Before a handler runs, the router answers, in this order:
//   404 no route has this path; 405 (with Allow) it has, for other methods;
//   400 a parameter fails its check (map ids before any database access);
//   415 a write (any method but GET/HEAD) not declared `Content-Type: application/json`:
//       a page of another site can then only reach us after a CORS preflight, which we never grant.
// Every refusal is an HttpError; server.ts answers them all with one body, `{error, problems?}`.
import type http from 'node:http';
import type { ApiResponse, ApiRoute } from '../src/domain/api';
import { HttpError, isJsonRequest, readJsonObject, sendJson } from './http';

type PathOf<R extends string> = R extends `${string} ${infer Path}` ? Path : never;
type ParamsIn<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsIn<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export interface RouteCall<Params extends string = string> {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** Raw path segments (not URL-decoded), each already accepted by its check. */
  params: Readonly<Record<Params, string>>;
  search: URLSearchParams;
  /** The body as a JSON object (400 otherwise), at most the router's body limit (413). */
  json(): Promise<Record<string, unknown>>;
}

export interface Reply<T> {
  status: 200 | 201;
  body: T;
}

/** Returned by a handler that wrote its own answer (a file download). */
export const SENT = Symbol('sent');

export type Handler<R extends ApiRoute> = (
  call: RouteCall<ParamsIn<PathOf<R>>>,
) => Reply<ApiResponse<R>> | typeof SENT | Promise<Reply<ApiResponse<R>> | typeof SENT>;

export type RouteTable<R extends ApiRoute = ApiRoute> = { [K in R]: Handler<K> };

export const ok = <T>(body: T): Reply<T> => ({ status: 200, body });
export const created = <T>(body: T): Reply<T> => ({ status: 201, body });

export interface ParamCheck {
  valid(value: string): boolean;
  /** The 400 message. */
  message: string;
}

export interface RouterOptions {
  /** A check for each `:name` used in the table. */
  params: Record<string, ParamCheck>;
  maxBodyBytes: number;
}

export interface RouteInfo {
  method: string;
  path: string;
}

interface Route extends RouteInfo {
  segments: string[];
  handler: (call: RouteCall) => unknown;
}

const READS = new Set(['GET', 'HEAD']);

/** Literal segments beat parameters (`/api/maps/import` before `/api/maps/:id`). */
function specificity(a: Route, b: Route): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const aParam = a.segments[i]!.startsWith(':');
    const bParam = b.segments[i]!.startsWith(':');
    if (aParam !== bParam) return aParam ? 1 : -1;
  }
  return 0;
}

function matches(route: Route, parts: string[]): boolean {
  if (route.segments.length !== parts.length) return false;
  return route.segments.every((segment, i) => segment.startsWith(':') || segment === parts[i]);
}

export function createRouter(table: RouteTable, options: RouterOptions) {
  const routes: Route[] = Object.entries(table).map(([key, handler]) => {
    const [method = '', path = ''] = key.split(' ');
    return { method, path, segments: path.split('/'), handler: handler as Route['handler'] };
  });
  for (const route of routes) {
    for (const segment of route.segments) {
      if (segment.startsWith(':') && !options.params[segment.slice(1)]) throw new Error(`no check for ${segment} in ${route.path}`);
    }
  }
  const bySpecificity = [...routes].sort(specificity);
  const literalPaths = new Set(routes.filter((r) => !r.path.includes(':')).map((r) => r.path));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, search: URLSearchParams): Promise<void> {
    const parts = pathname.split('/');
    const first = bySpecificity.find((route) => matches(route, parts));
    if (!first) throw new HttpError(404, 'no such endpoint');
    const samePath = routes.filter((route) => route.path === first.path);
    const method = req.method ?? 'GET';
    const route = samePath.find((r) => r.method === method || (method === 'HEAD' && r.method === 'GET'));
    if (!route) {
      res.setHeader('Allow', samePath.map((r) => r.method).join(', '));
      throw new HttpError(405, 'method not allowed');
    }
    const params: Record<string, string> = {};
    route.segments.forEach((segment, i) => {
      if (!segment.startsWith(':')) return;
      const name = segment.slice(1);
      const check = options.params[name]!;
      if (!check.valid(parts[i]!)) throw new HttpError(400, check.message);
      params[name] = parts[i]!;
    });
    if (!READS.has(method) && !isJsonRequest(req)) throw new HttpError(415, 'Content-Type must be application/json');
    const answer = await route.handler({ req, res, params, search, json: () => readJsonObject(req, options.maxBodyBytes) });
    if (answer === SENT) return;
    const reply = answer as Reply<unknown>;
    sendJson(res, reply.status, reply.body);
  }

  return {
    /** Whether a path is the router's to answer (every other path is the app's). */
    owns: (pathname: string) => pathname === '/api' || pathname.startsWith('/api/') || literalPaths.has(pathname),
    handle,
    /** Every route, for docs and the tests that walk them all. */
    routes: (): RouteInfo[] => routes.map(({ method, path }) => ({ method, path })),
  };
}

export type Router = ReturnType<typeof createRouter>;
