// Who may talk to this server through a browser.
//
// Host (every mode, HTTP and WebSocket): DNS rebinding points a name the attacker controls at
// this server, so the victim's browser treats our answers as that page's own. A rebinding
// needs a name, so IP addresses (http://192.168.1.5:4321 on a LAN) and localhost names are
// always answered; any other name only when listed: PUBLIC_URL's host or ALLOWED_HOSTS.
//
// Origin (open mode, WebSocket): browsers do not apply CORS to WebSockets, so a page of
// another origin is refused. With AUTH_SECRET, links are the credential and this stands aside.
import type http from 'node:http';
import net from 'node:net';

export interface HostPolicy {
  /** False for a Host header naming a host this server was not told to answer to. */
  hostAllowed(req: http.IncomingMessage): boolean;
  /** Why a request's Host is refused, for its 403 body; null when it is allowed. */
  hostRefusal(req: http.IncomingMessage): string | null;
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

/** The hostname of a Host header value (`name:port`, `[v6]:port`), lower case, or null if it is not one. */
export function hostnameOf(hostHeader: string): string | null {
  try {
    const url = new URL(`http://${hostHeader}`);
    // Only a host and a port: no user, path or query smuggled in.
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

const isIpLiteral = (hostname: string) => net.isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;

export function createHostPolicy(options: {
  openMode: boolean;
  publicUrl: string | null;
  /** Host names (lower case, no port) answered besides addresses, localhost and PUBLIC_URL's. */
  allowedHosts?: readonly string[];
}): HostPolicy {
  const { openMode, publicUrl } = options;
  const publicHost = publicUrl ? new URL(publicUrl).host.toLowerCase() : null;
  const named = new Set(options.allowedHosts ?? []);
  if (publicUrl) named.add(new URL(publicUrl).hostname.toLowerCase());

  function hostRefusal(req: http.IncomingMessage): string | null {
    const header = req.headers.host;
    const hostname = header ? hostnameOf(header) : null;
    if (hostname === null) return 'the request has no usable Host header';
    if (isIpLiteral(hostname) || isLoopbackName(hostname) || named.has(hostname)) return null;
    return (
      `this server does not answer to the name ${hostname}: open it by its IP address or localhost, ` +
      `or have its administrator add the name to ALLOWED_HOSTS (e.g. ALLOWED_HOSTS=${hostname})`
    );
  }

  return {
    hostAllowed: (req) => hostRefusal(req) === null,
    hostRefusal,
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
