// CAF Lite's service worker: after the first visit the app opens and works
// with the network off. This file is a template: the Trunk hook
// .ci/offline.mjs writes dist/sw.js as one line naming this release's files
// (`RELEASE`, below) followed by this code. A new release therefore has a
// new sw.js, which the browser notices on the next visit.
//
// The rules that keep old and new files from ever mixing:
// - Every file a page asks for after index.html has its content hash in its
//   name (Trunk hashes the page's files; the hook hashes the PDF worker's), so
//   whichever copy answers a name, it is the right bytes.
// - The page itself comes from the network when the network answers (a new
//   release is picked up on the next load), else from this release's cache.
// - Installing checks every cached file against the hash the build recorded;
//   a file from another release makes the install fail, and the release that
//   is already working stays in charge until a later visit tries again.
// - The PDF worker (3 MB, with the fonts) is cached on first use, not at
//   install, so a phone that never makes a PDF never downloads it.
//
// global RELEASE: { id, core: { name: sha256 base64 | null }, later: [name] }
/* global RELEASE */

const CACHE = `caf-lite-${RELEASE.id}`;
const SCOPE = new URL(self.registration.scope);
/** Council settings: edited after the build, so never hash-checked; fresh when online. */
const SETTINGS = 'local-settings.json';
/** How long a page load waits for the network before using the cached page. */
const NAVIGATION_TIMEOUT_MS = 4000;

/** The file name relative to the app's folder, or null when outside it. */
function nameOf(url) {
  const u = new URL(url);
  if (u.origin !== SCOPE.origin || !u.pathname.startsWith(SCOPE.pathname)) return null;
  return decodeURIComponent(u.pathname.slice(SCOPE.pathname.length));
}

const urlOf = (name) => new URL(name, SCOPE).href;

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return btoa(String.fromCharCode(...digest));
}

/**
 * `name` as this release built it. The browser's HTTP cache usually holds
 * what the page has just loaded, so the first try may come from there; a
 * stale copy is fetched again from the server before giving up.
 */
async function fetchVerified(name, hash) {
  for (const cache of ['default', 'reload']) {
    const response = await fetch(urlOf(name), { cache });
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if (hash === null || (await sha256(body)) === hash) return new Response(body, { headers: response.headers });
  }
  throw new Error(`${name} is not the file this release was built with`);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const fetched = await Promise.all(
        Object.entries(RELEASE.core).map(async ([name, hash]) => [name, await fetchVerified(name, hash)]),
      );
      const cache = await caches.open(CACHE);
      await Promise.all(fetched.map(([name, response]) => cache.put(urlOf(name), response)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('caf-lite-') && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const name = nameOf(request.url);
  if (name === null) return;
  if (request.mode === 'navigate') {
    if (name === '' || name === 'index.html') event.respondWith(page(request));
  } else if (name === SETTINGS) {
    event.respondWith(networkFirst(request, name));
  } else if (name in RELEASE.core || RELEASE.later.includes(name)) {
    event.respondWith(cacheFirst(request, name));
  }
  // Anything else goes to the network as if there were no service worker.
});

/** The page: the network's copy when it answers in time, else this release's. */
async function page(request) {
  const cached = () => caches.open(CACHE).then((cache) => cache.match(urlOf('index.html')));
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow network')), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok) return response;
    return (await cached()) ?? response;
  } catch (err) {
    const hit = await cached();
    if (hit) return hit;
    throw err;
  }
}

async function networkFirst(request, name) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { cache: 'no-store' });
    if (response.ok) await cache.put(urlOf(name), response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(urlOf(name));
    if (hit) return hit;
    throw err;
  }
}

/** Names are content-addressed, so a cached copy is always the right one. */
async function cacheFirst(request, name) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(urlOf(name));
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && RELEASE.later.includes(name)) await cache.put(urlOf(name), response.clone());
  return response;
}
