// CJM Studio's service worker: keeps one build of the app (its "shell") so the app starts
// without a network. Written to dist/sw.js by build/appShell.ts, which fills PRECACHE and
// VERSION in; it is plain JavaScript so the build copies it as it is.
//
// - The shell is one versioned set: install caches every file of this build or fails, and a
//   page is served only from the set it started with, so an app is never half old, half new.
// - A new build waits until a page asks for it ("New version — Reload"), then replaces the
//   old set at once.
// - The API, the health check and the sync endpoint always go to the network: maps live in
//   IndexedDB and on the server, never in this cache.
const PRECACHE = /* PRECACHE */ [];
const VERSION = /* VERSION */ 'dev';
const CACHE = `cjm-shell-${VERSION}`;
const NETWORK_ONLY = ['/api', '/healthz', '/ws'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: straight from the server, never a file the HTTP cache kept from an older build.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

// The build before this one stays until the next update: a tab that still runs it (its person has
// not reloaded yet) can load its lazy parts, the file-check and PNG workers, from there.
// CacheStorage lists caches in the order they were made.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => {
        const older = keys.filter((key) => key.startsWith('cjm-shell-') && key !== CACHE);
        return Promise.all(older.slice(0, -1).map((key) => caches.delete(key)));
      })
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'cjm-apply-update') self.skipWaiting();
  if (event.data && event.data.type === 'cjm-version' && event.ports[0]) event.ports[0].postMessage(VERSION);
});

const networkOnly = (pathname) => NETWORK_ONLY.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || networkOnly(url.pathname)) return;
  // Every page of the app is index.html (the server answers so too); its access-link token
  // stays in the fragment, which never reaches here.
  const key = request.mode === 'navigate' ? '/index.html' : url.pathname;
  if (PRECACHE.includes(key)) {
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(key))
        .then((cached) => cached || fetch(request)),
    );
  } else if (url.pathname.startsWith('/assets/')) {
    // Content-hashed: a file of the previous build, asked for by a tab still running it.
    event.respondWith(caches.match(key).then((cached) => cached || fetch(request)));
  }
});
