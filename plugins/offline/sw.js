// The site's service worker (generated at build time by the toolkit-offline plugin).
// After a first visit, every file of this build is kept in the browser: pages, the Python runtime,
// the engine's snapshot and the primers work offline, and repeat visits fetch nothing that has not
// changed. A new build is a new version: it is kept whole before it is used, then replaces the old
// one, when no page of the old one is open any more or when the reader chooses to switch (every open
// page then reloads), so a page never mixes files of two builds. Only the site's own files are ever
// stored; answers never are (they are never requests).
const VERSION = "__VERSION__";
const FILES = __FILES__;
const UNPACK = __UNPACK__; // gzip and zstd (.zst) files kept unpacked (marked by a header), read as they are
const PREFIX = "rai-toolkit-site-";
const CACHE = PREFIX + VERSION;
const root = new URL("./", self.location);
// The runtime's zstd decoder (a classic script: it defines self.fzstd), for the .zst files kept unpacked.
if (UNPACK.some((file) => file.endsWith(".zst"))) importScripts(new URL("__DECODER__", root).href);

self.addEventListener("install", (event) => {
  // Where the browser supports it, this build's files are served straight from its cache by the
  // browser itself (static routing), without starting this worker or running its fetch handler;
  // addresses with a query still go through the handler below, and what the cache lacks comes from
  // the network, as the handler would fetch it.
  if (event.addRoutes) {
    const files = new URLPattern({ pathname: root.pathname + "*", search: "" });
    event.waitUntil(event.addRoutes({ condition: { urlPattern: files, requestMethod: "GET" }, source: { cacheName: CACHE } }));
  }
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(FILES.map((file) => new Request(new URL(file, root), { cache: "no-cache" })));
      await Promise.all(UNPACK.map((file) => keepUnpacked(cache, new URL(file, root).href)));
    }),
  );
});

async function keepUnpacked(cache, url) {
  const packed = await cache.match(url);
  const format = url.endsWith(".zst") ? "zstd" : "gzip";
  let body;
  if (format === "zstd") {
    const bytes = new Uint8Array(await packed.arrayBuffer());
    if (!isZstd(bytes)) return; // a host sent it with Content-Encoding: zstd, and the browser unpacked it
    body = self.fzstd.decompress(bytes);
  } else {
    body = packed.body.pipeThrough(new DecompressionStream("gzip"));
  }
  const headers = { "Content-Type": "application/octet-stream", "X-Toolkit-Unpacked": format };
  await cache.put(url, new Response(body, { headers }));
}

/** Whether `bytes` begin as zstd data does (the check assets/toolkit/worker/packed.js makes too). */
function isZstd(bytes) {
  return [0x28, 0xb5, 0x2f, 0xfd].every((byte, index) => bytes[index] === byte);
}

// The reader chose to switch to this build (assets/toolkit/page/updates.js): take over now; every page of the
// old build then reloads itself, so none mixes the two.
self.addEventListener("message", (event) => {
  if (event.data?.type === "tk:switch") self.skipWaiting();
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
  // Looked up by address without its query (a page opened from search has "?h=..."): an exact key,
  // which the browser finds at once, where `ignoreSearch` would compare every file kept.
  const address = new URL(request.url);
  address.search = "";
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(address.href, { ignoreVary: true }))
      .then((kept) => kept || fetch(request)),
  );
});
