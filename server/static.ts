// Serves the built app. Vite puts content-hashed files under /assets/, which may be cached
// for good; everything else is revalidated. Unknown paths without a file extension get
// index.html so the app's own routes work on reload. Text and fonts go out compressed when the
// browser accepts it, compressed once per file and kept.
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { chosenEncoding, compress, type Encoding } from './compression';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Worth compressing; images and woff2 are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.txt', '.svg', '.ttf', '.ico', '.wasm']);
/** Bigger files go out as they are rather than sit in memory twice. */
const MAX_COMPRESSED_FILE = 16 * 1024 * 1024;

const HASHED_ASSETS = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function fileAt(file: string): fs.Stats | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

interface Compressed {
  mtimeMs: number;
  size: number;
  bytes: Promise<Buffer>;
}

/** The compressed copies of the app's files, by encoding and path; a file changed on disk is compressed again. */
function compressedFiles() {
  const kept = new Map<string, Compressed>();
  return (file: string, stat: fs.Stats, encoding: Encoding): Promise<Buffer> => {
    const key = `${encoding}:${file}`;
    const known = kept.get(key);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.bytes;
    const bytes = fs.promises.readFile(file).then((raw) => compress(raw, encoding, 'kept'));
    kept.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, bytes });
    // A failed read is not kept: the next request tries again.
    bytes.catch(() => kept.get(key)?.bytes === bytes && kept.delete(key));
    return bytes;
  };
}

function sendFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  stat: fs.Stats,
  cache: string,
  compressed: ReturnType<typeof compressedFiles>,
) {
  const lastModified = stat.mtime.toUTCString();
  const extension = path.extname(file).toLowerCase();
  const compressible = COMPRESSIBLE.has(extension) && stat.size <= MAX_COMPRESSED_FILE;
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'Cache-Control': cache,
    'Last-Modified': lastModified,
    'X-Content-Type-Options': 'nosniff',
    ...(compressible && { Vary: 'Accept-Encoding' }),
  };
  const since = req.headers['if-modified-since'];
  if (since && Date.parse(since) >= Math.floor(stat.mtimeMs / 1000) * 1000) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = compressible ? chosenEncoding(req) : null;
  if (encoding) {
    compressed(file, stat, encoding).then(
      (bytes) => {
        res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': bytes.byteLength });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      },
      () => res.destroy(),
    );
    return;
  }
  headers['Content-Length'] = stat.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function createStaticHandler(root: string) {
  const base = path.resolve(root);
  const indexFile = path.join(base, 'index.html');
  const compressed = compressedFiles();

  return (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method Not Allowed');
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(res, 400, 'Bad Request');
      return;
    }
    const file = path.resolve(base, '.' + path.posix.normalize('/' + decoded));
    // Never outside the app folder, whatever the path says.
    const inside = file.startsWith(base + path.sep) && !decoded.includes('\0');
    const stat = inside ? fileAt(file) : null;
    if (stat) {
      sendFile(req, res, file, stat, decoded.startsWith(HASHED_ASSETS) ? IMMUTABLE : REVALIDATE, compressed);
      return;
    }
    if (path.posix.extname(decoded) !== '') {
      sendText(res, 404, 'Not Found');
      return;
    }
    const index = fileAt(indexFile);
    if (!index) {
      sendText(res, 404, 'The app is not built yet: run `npm run build` (or `npm start`).');
      return;
    }
    sendFile(req, res, indexFile, index, REVALIDATE, compressed);
  };
}
