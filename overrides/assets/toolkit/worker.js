// Module Web Worker: boots Pyodide from this site's own copy, installs the pyscript_tools engine
// from a zip next to it, and answers JSON requests through pyscript_tools.engine.bridge.handle.
// Every URL is resolved from this file's own URL, so the site works under any sub-path.
//
// Two ways to start. A memory snapshot made at build time (the engine already imported and warmed)
// restores in a fraction of a second; it is used when it is cached already (the service worker keeps
// it after a first visit) or when the link is fast enough that downloading it costs less than it
// saves. Otherwise, or if the snapshot is missing, damaged or made from another engine, Python boots
// normally. Failures reach the page as one plain sentence ("reason"); the technical details
// ("detail") go to the console there, never in front of the user.
import { installEngine } from "./engine-install.js";
import { fromSparse } from "./snapshot-format.js";
import { keepingLiveTrampoline } from "./snapshot-restore.js";

const runtime = new URL("../pyodide/", import.meta.url);
const file = (name) => new URL(name, runtime).href;
const SNAPSHOT_SAVES_MS = 1200; // what a snapshot start saves over a normal one (measured on a 2-core laptop)
const queue = [];
let handle = null;
let startedFrom = "normal"; // or "snapshot"
let failed = false;

/** Tell the page why the start failed: `reason` names the page's message (engine.js), `file` a file. */
function report(reason, detail, file = "") {
  if (failed) return;
  failed = true;
  postMessage({ type: "failed", reason, file, detail: String(detail) });
}

// ------------------------------------------------------------------ downloads

// Pyodide never settles when one of its files fails to download (its promise stays pending), so
// every download is watched here and a failure is reported at once.
const fetchFile = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (resource, init) => {
  const url = String(resource?.url || resource);
  if (url === wasm.url && wasm.response) return wasm.response; // already on its way (see compileRuntime)
  if (early.has(url)) {
    const response = early.get(url);
    early.delete(url);
    return response;
  }
  let response;
  try {
    response = await fetchKept(resource, init);
  } catch (error) {
    downloadFailed(url, error.message);
    throw error;
  }
  if (!response.ok) downloadFailed(url, `HTTP ${response.status}`);
  return response;
};

/** The copy of `url` the service worker keeps, read straight from its cache, or undefined. The browser
 *  serves the page's requests from there itself (sw.js, static routing) but not a worker's, which would
 *  otherwise wait for the service worker's script. The first cache holding it is the version in charge
 *  (an older one is deleted as a newer takes over). */
async function keptCopy(url, init) {
  if (init?.integrity || !globalThis.caches) return undefined;
  return caches.match(url).catch(() => undefined);
}

/** `resource` from the service worker's cache when it is kept there, else from the network; reporting
 *  a failure is the caller's business. */
async function fetchKept(resource, init) {
  return (await keptCopy(String(resource?.url || resource), init)) || fetchFile(resource, init);
}

function downloadFailed(url, why) {
  report("download", `${url}: ${why}`, url.split("/").pop());
}

/** Bytes per millisecond the link brings, judged by the fastest of the runtime's finished downloads of
 *  100 kB or more (Infinity when they came from a cache). The fastest, because a busy processor only
 *  ever makes a download look slower than the link is. */
function linkSpeed() {
  const finished = performance.getEntriesByType("resource")
    .filter((timing) => timing.name.startsWith(runtime.href) && timing.encodedBodySize >= 100_000 && timing.responseEnd);
  if (!finished.length || finished.some((timing) => !timing.transferSize)) return Infinity;
  return Math.max(...finished.map((timing) => timing.encodedBodySize / Math.max(1, timing.responseEnd - timing.responseStart)));
}

// Pyodide's other files are asked for from the first moment too, and handed over when it asks.
const early = new Map();

function prefetch(...names) {
  for (const name of names) early.set(file(name), globalThis.fetch(file(name)));
}

// The runtime's WebAssembly is downloaded and compiled from the first moment, alongside everything
// else (Pyodide would start it only once its scripts and the snapshot are in); Pyodide's own request
// for it gets the same download and its instantiation the compiled module.
const wasm = { url: file("pyodide.asm.wasm"), response: null, module: null };

function compileRuntime() {
  wasm.response = globalThis.fetch(wasm.url);
  wasm.module = wasm.response.then(compile);
  wasm.module.catch((error) => report("damaged", error));
}

// Some hosts send .wasm with a generic type, and streaming compilation then refuses it: compile from
// bytes whenever the type is not application/wasm.
async function compile(response) {
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (WebAssembly.compileStreaming && type === "application/wasm") return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

WebAssembly.instantiateStreaming = async (source, imports) => {
  // Pyodide's own request is the download already compiling (see fetch above): a failure of it is
  // reported by compileRuntime, not left unhandled here.
  if (wasm.module) Promise.resolve(source).catch(() => {});
  const module = wasm.module ?? source.then(compile);
  return { module: await module, instance: await WebAssembly.instantiate(await module, imports) };
};

// ------------------------------------------------------------------ the snapshot

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The snapshot's description ({file, integrity, engine, size, sparse, compressed}), or null without one. */
async function snapshotManifest() {
  try {
    const response = await fetchKept(file("snapshot.json"));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** The snapshot's bytes if the service worker keeps it already (unpacked at once), else null. */
async function keptSnapshot(manifest) {
  if (!manifest) return null;
  const kept = await keptCopy(file(manifest.file));
  return kept ? unpack(kept) : null;
}

/** The snapshot's bytes, if it is worth using now: kept already, or the link is fast enough. */
async function loadSnapshot(manifest, kept, engineSha256, speed) {
  if (!manifest || manifest.engine !== engineSha256) return null;
  if (kept) return kept;
  if (manifest.compressed / speed > SNAPSHOT_SAVES_MS) return null;
  return unpack(await fetchFile(file(manifest.file), { integrity: manifest.integrity }));
}

async function unpack(response) {
  if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
  const body = response.headers.get("X-Toolkit-Unpacked") // kept inflated by sw.js
    ? response
    : new Response(response.body.pipeThrough(new DecompressionStream("gzip")));
  return fromSparse(new Uint8Array(await body.arrayBuffer()));
}

// ------------------------------------------------------------------ boot

async function start(createPyodideModule, loadPyodide, snapshot) {
  return loadPyodide({
    indexURL: runtime.href,
    lockFileURL: file("pyodide-lock.json"),
    packageBaseUrl: runtime.href,
    createPyodideModule: snapshot ? keepingLiveTrampoline(createPyodideModule) : createPyodideModule,
    ...(snapshot ? { _loadSnapshot: snapshot } : {}),
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
}

async function boot() {
  // Everything that can start at once does: the runtime, the engine, the kept snapshot, the scripts.
  compileRuntime();
  prefetch("pyodide-lock.json", "python_stdlib.zip");
  const engineZip = globalThis.fetch(file("pyscript_tools.zip")).then((response) => response.arrayBuffer());
  const manifest = snapshotManifest();
  const kept = manifest.then(keptSnapshot).catch(() => null);
  // pyodide.asm.js is imported under its `.js` name and handed over, so Pyodide never asks for
  // `pyodide.asm.mjs`. How fast the downloads came by then tells whether fetching the snapshot pays.
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([
    import(file("pyodide.js")),
    import(file("pyodide.asm.js")),
  ]);
  const speed = linkSpeed();
  const engine = new Uint8Array(await engineZip);
  const engineSha256 = await sha256(engine);

  let pyodide = null;
  try {
    const snapshot = await loadSnapshot(await manifest, await kept, engineSha256, speed);
    if (snapshot) {
      pyodide = await start(createPyodideModule, loadPyodide, snapshot);
      if (pyodide.globals.get("engine_sha256") !== engineSha256) throw new Error("snapshot of another engine");
      pyodide.runPython("import random; random.seed()"); // the snapshot froze the build's random state
      startedFrom = "snapshot";
    }
  } catch (error) {
    console.warn("The engine's snapshot could not be used; starting normally.", error);
    pyodide = null;
  }
  pyodide ??= await start(createPyodideModule, loadPyodide, null);
  installEngine(pyodide, engine);
  handle = pyodide.pyimport("pyscript_tools.engine.bridge").handle;
}

function answer({ id, request }) {
  try {
    const response = JSON.parse(handle(request));
    postMessage({ id, ok: response.ok, result: response.result, error: response.error });
  } catch (error) {
    console.error("The scoring engine failed on a request:", error);
    postMessage({ id, ok: false, error: "the scoring engine could not finish this request" });
  }
}

self.addEventListener("message", ({ data }) => {
  if (handle) answer(data);
  else queue.push(data);
});

boot().then(
  () => {
    if (failed) return;
    postMessage({ type: "ready", startedFrom });
    while (queue.length) answer(queue.shift());
  },
  (error) => {
    const detail = error?.stack || error;
    report(/memory/i.test(String(detail)) ? "memory" : "damaged", detail);
  },
);
