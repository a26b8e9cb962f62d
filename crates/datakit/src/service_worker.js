// Smart Région Explorer's service worker. `datakit site` writes it as sw.js, with BUILD
// (this build's version) and FILES (every file of the build it keeps, by path under the
// site's base, with its SHA-256) above this text; see crates/datakit/src/service_worker.rs.
//
// One build at a time, never a mix of two:
// - install: fetches every file of FILES, checks its SHA-256, and only then puts them
//   all in this build's own cache. One missing or different file (a deployment under
//   way) fails the install; the browser tries again on a later visit.
// - activate: runs once no page uses the previous build (no skipWaiting, no
//   clients.claim: a page keeps the build it started with), and deletes the caches of
//   the other builds of this scope.
// - fetch: the files of FILES (the hashed app, worker and data files, but also
//   catalog.json, the manifest and the icons) come from this build's cache. A
//   navigation goes to the network first and takes its page when it is this build's
//   (its <meta name="sre-build">) or no build's (the host's own "not found"); when the
//   network has another build, fails (5xx) or does not answer, this build's copy of
//   the page (or, for a page it does not keep, a kept page of its app: its SHELLS
//   entry, else the home page) is served, so
//   the page's app, catalog.json and data files always belong together. A new
//   deployment is seen on the first visit after it (its page names another build):
//   the browser installs the new worker, which serves the visit after.

const SCOPE = self.registration.scope;
const CACHE_PREFIX = `smart-region-explorer ${SCOPE} `;
const CACHE = CACHE_PREFIX + BUILD;
const BUILD_META = `<meta name="sre-build" content="${BUILD}"`;
const ANY_BUILD_META = '<meta name="sre-build"';
const KEPT = new Set(FILES.map(([path]) => new URL(path, SCOPE).href));
const NETWORK_TIMEOUT_MS = 5000;

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Fetches one file of FILES and checks that it is this build's. */
async function fetchChecked([path, sha256]) {
  const url = new URL(path, SCOPE).href;
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  if ((await sha256Hex(bytes)) !== sha256) throw new Error(`${path}: not the file of build ${BUILD}`);
  // A new response: a redirected one cannot answer a navigation.
  const { status, statusText, headers } = response;
  return [url, new Response(bytes, { status, statusText, headers })];
}

async function precache() {
  const files = await Promise.all(FILES.map(fetchChecked));
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(files.map(([url, response]) => cache.put(url, response)));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener('install', (event) => event.waitUntil(precache()));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)))),
  );
});

/** A kept file from this build's cache (from the network only if the cache lost it). */
async function kept(request, key) {
  const cached = await (await caches.open(CACHE)).match(key);
  return cached ?? fetch(request);
}

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in time')), ms));
}

/** A page: the network's when it is this build's, else this build's copy. */
async function navigate(request, key) {
  try {
    const response = await Promise.race([fetch(request), timeout(NETWORK_TIMEOUT_MS)]);
    if (response.type === 'opaqueredirect') return response;
    const text = await response.clone().text();
    if (text.includes(BUILD_META)) return response;
    if (text.includes(ANY_BUILD_META)) {
      // Another build is online: this visit keeps this one; the next gets that one.
      self.registration.update().catch(() => {});
    } else if (response.status < 500) {
      // No page of any build: the host's own answer (its "not found", a portal).
      return response;
    }
  } catch {
    // Offline, or the network is too slow: this build's copy.
  }
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? (await cache.match(shellOf(key))) ?? (await cache.match(SCOPE))
    ?? fetch(request);
}

/** The kept page whose app shows the page at `href`: its shell (SHELLS), or the home page. */
function shellOf(href) {
  const path = href.slice(SCOPE.length);
  const shell = SHELLS.find(([prefix]) => path.startsWith(prefix));
  return new URL(shell ? shell[1] : '', SCOPE).href;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (request.mode === 'navigate') {
    if (url.href.startsWith(SCOPE)) event.respondWith(navigate(request, url.href));
  } else if (KEPT.has(url.href)) {
    event.respondWith(kept(request, url.href));
  }
});
