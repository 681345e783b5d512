// The site's service worker (generated at build time by the toolkit-offline plugin).
// After a first visit, every file of this build is kept in the browser: pages, the Python runtime,
// the engine's snapshot and the primers work offline, and repeat visits fetch nothing that has not
// changed. A new build is a new version: it is kept whole before it is used, then replaces the old
// one, so a page never mixes files of two builds. Only the site's own files are ever stored; answers
// never are (they are never requests).
const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = "rai-toolkit-site-";
const CACHE = PREFIX + VERSION;
const root = new URL("./", self.location);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((file) => new Request(new URL(file, root), { cache: "no-cache" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(root.href)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((kept) => kept || fetch(request)),
  );
});
