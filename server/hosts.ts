// Guards for the open mode (no AUTH_SECRET), where being able to reach the port is the only
// credential. A web page elsewhere must not be able to use this server through the visitor's
// browser: a WebSocket from a foreign Origin is refused (browsers do not apply CORS to
// WebSockets), and on a loopback-only server a Host header that is not a loopback name is
// refused, which defeats DNS rebinding (a foreign name that resolves to 127.0.0.1).
// With a secret, links are the credential and these checks stand aside (reverse proxies may
// rewrite Host freely).
import type http from 'node:http';

export interface HostPolicy {
  /** False for a Host header a loopback-only, open server must not answer. */
  hostAllowed(req: http.IncomingMessage): boolean;
  /** False for a browser connection opened by a page of another origin. */
  originAllowed(req: http.IncomingMessage): boolean;
}

export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    name === '::ffff:127.0.0.1'
  );
}

/** The hostname of a Host header value (`name:port`, `[v6]:port`), or null if it is not one. */
function hostnameOf(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return null;
  }
}

export function createHostPolicy(options: { openMode: boolean; bindHost: string; publicUrl: string | null }): HostPolicy {
  const { openMode, publicUrl } = options;
  const loopbackOnly = isLoopbackName(options.bindHost);
  const publicHost = publicUrl ? new URL(publicUrl).host.toLowerCase() : null;

  return {
    hostAllowed(req) {
      if (!openMode || !loopbackOnly) return true;
      const host = req.headers.host;
      if (!host) return false;
      if (publicHost !== null && host.toLowerCase() === publicHost) return true;
      const hostname = hostnameOf(host);
      return hostname !== null && isLoopbackName(hostname);
    },
    originAllowed(req) {
      if (!openMode) return true;
      const origin = req.headers.origin;
      // Not a browser (browsers always send Origin on WebSocket handshakes).
      if (origin === undefined) return true;
      let originHost: string;
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        return false;
      }
      return originHost === (req.headers.host ?? '').toLowerCase() || originHost === publicHost;
    },
  };
}
