// Module Web Worker: boots Pyodide from this site's own copy, installs the pyscript_tools engine
// from a zip next to it, and answers JSON requests through pyscript_tools.engine.bridge.handle.
// Every URL is resolved from this file's own URL, so the site works under any sub-path.
//
// Two ways to start. A memory snapshot made at build time (the engine already imported and warmed)
// restores in a fraction of a second; it is used when it is cached already (the service worker keeps
// it after a first visit) or, on a first visit, when the pace at which the runtime's files came in says
// its download would come in sooner than it saves (judged before a byte of it is asked for). Otherwise,
// or if the snapshot is missing, damaged or made from another engine, Python boots normally. Failures reach the page as one plain sentence ("reason"); the technical details
// ("detail") go to the console there, never in front of the user.
import { hex, sha256 } from "../shared/digest.js";
import { installEngine } from "./engine-install.js";
import { unpack } from "./packed.js";
import { readSparse } from "./snapshot-format.js";
import { snapshotStart } from "./snapshot-restore.js";
import { installStdlibFallback } from "./stdlib-fallback.js";

const runtime = new URL("../../pyodide/", import.meta.url);
const file = (name) => new URL(name, runtime).href;
const STDLIB = "python_stdlib.zip"; // the trimmed standard library (plugins/runtime/files.py)
const FULL_STDLIB = "python_stdlib-full.zip"; // beside it
const ENGINE_ZIP = "pyscript_tools.zip";
const PACKED = ".zst"; // both archives are downloaded as their packed copy, ARCHIVE + PACKED
const DECODER = "fzstd.js"; // which unpacks them (a classic script: it defines self.fzstd)
const STDLIB_INDEX = "_toolkit_full_stdlib.txt"; // in the trimmed archive: the whole library's names
const SNAPSHOT_SAVES_MS = 800; // a normal start's work once its files are in (Python, the engine), which a snapshot replaces (2 cores)
const TIMING_WAIT_MS = 250; // how long after the runtime is compiled its download's timing is waited for
const queue = [];
let handle = null;
let startedFrom = "normal"; // or "snapshot"
let preloaded = {}; // what the snapshot's engine answered to loading each definition, by the SHA-256 of its file
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

// The Python archives come packed, and are unpacked here. The decoder is imported only when one does:
// a repeat visit reads the copies the service worker keeps unpacked.
let decoder = null;

/** `bytes` unpacked by the decoder, imported the first time. */
function decompress(bytes) {
  decoder ??= import(file(DECODER)).catch((error) => {
    downloadFailed(file(DECODER), error.message);
    throw error;
  });
  return decoder.then(() => self.fzstd.decompress(bytes));
}

/** The archive `name`'s bytes, from its packed copy. */
async function archive(name) {
  const response = await globalThis.fetch(file(name + PACKED));
  return unpack(new Uint8Array(await response.arrayBuffer()), decompress);
}

/** The standard library, unpacked ahead, for Pyodide's own request for the archive (see fetch above). */
function prefetchStdlib() {
  // A failure is reported at once (Pyodide would wait forever), and Pyodide is left waiting: the page
  // ends this worker on hearing it, and a rejection would only surface in Pyodide as an unhandled one.
  const response = archive(STDLIB).then((bytes) => new Response(bytes), (error) => {
    report("damaged", error); // unless the download or the decoder's has been reported already
    return new Promise(() => {});
  });
  early.set(file(STDLIB), response);
}

// ------------------------------------------------------------------ the snapshot

/** The snapshot's description ({file, integrity, engine, size, sparse, compressed}), or null without one. */
async function snapshotManifest() {
  try {
    const response = await fetchKept(file("snapshot.json"));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** `manifest` if it describes a snapshot of this engine (the SHA-256 of its archive), else null; where
 *  the browser offers no digest, the snapshot cannot be checked and is not used. */
async function ofThisEngine(manifest, engineSha256) {
  try {
    return manifest?.engine === (await engineSha256) ? manifest : null;
  } catch {
    return null;
  }
}

/** The snapshot as {size, sparse: a promise of its runs} if the service worker keeps it already (read
 *  at once: sw.js keeps it inflated), else null. */
async function keptSnapshot(manifest) {
  const kept = manifest && (await keptCopy(file(manifest.file)));
  if (!kept) return null;
  const sparse = kept.arrayBuffer().then((bytes) => readSparse(new Uint8Array(bytes)));
  sparse.catch(() => {}); // met where it is awaited: the start falls back
  return { size: manifest.size, sparse };
}

/** Bytes per millisecond at which this link brought the worker's downloads in, while the runtime's
 *  WebAssembly (the largest of them) was coming; 0 if the WebAssembly came from no network. Known once it
 *  is in, from the browser's Resource Timing. */
async function linkPace() {
  await wasm.module.catch(() => {});
  const runtimeCame = await resourceTiming(wasm.url);
  if (!runtimeCame) return 0;
  const [from, to] = [runtimeCame.responseStart, runtimeCame.responseEnd];
  const meanwhile = performance.getEntriesByType("resource").filter((entry) => entry.responseEnd > from && entry.responseEnd <= to);
  return meanwhile.reduce((bytes, entry) => bytes + entry.encodedBodySize, 0) / Math.max(1, to - from);
}

/** The Resource Timing of the download of `url`, once the browser has recorded it (or null a moment after). */
function resourceTiming(url) {
  const [recorded] = performance.getEntriesByName(url);
  if (recorded) return Promise.resolve(recorded);
  let observer;
  return new Promise((resolve) => {
    observer = new PerformanceObserver((list) => {
      const [entry] = list.getEntriesByName(url);
      if (entry) resolve(entry);
    });
    observer.observe({ type: "resource" });
    setTimeout(() => resolve(null), TIMING_WAIT_MS);
  }).finally(() => observer.disconnect());
}

/** Whether the snapshot's download would come in sooner than it saves, at this link's pace. */
async function arrivesInTime(manifest) {
  const pace = await linkPace();
  return pace > 0 && manifest.compressed / pace <= SNAPSHOT_SAVES_MS;
}

/** On a first visit, the snapshot's download: its integrity is checked once it is in; it is inflated as
 *  it arrives. */
function downloadSnapshot(manifest) {
  const sparse = fetchFile(file(manifest.file)).then(async (response) => {
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const [packed, inflating] = response.body.tee();
    const [bytes, inflated] = await Promise.all([
      new Response(packed).arrayBuffer(),
      new Response(inflating.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer(),
    ]);
    const integrity = "sha256-" + btoa(String.fromCharCode(...(await sha256(bytes))));
    if (integrity !== manifest.integrity) throw new Error("snapshot: the download does not match its description");
    return readSparse(new Uint8Array(inflated));
  });
  sparse.catch(() => {}); // met where it is awaited: the start falls back
  return { size: manifest.size, sparse };
}

// ------------------------------------------------------------------ boot

async function start(createPyodideModule, loadPyodide, snapshot) {
  return loadPyodide({
    indexURL: runtime.href,
    lockFileURL: file("pyodide-lock.json"),
    packageBaseUrl: runtime.href,
    createPyodideModule,
    ...(snapshot ? snapshotStart(createPyodideModule, snapshot) : {}),
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
}

async function boot() {
  // Everything that can start at once does: the runtime, the engine, the kept snapshot, the scripts.
  compileRuntime();
  prefetch("pyodide-lock.json");
  prefetchStdlib();
  const engine = archive(ENGINE_ZIP);
  engine.catch(() => {}); // met where it is awaited, unless the start failed before
  const engineSha256 = engine.then(async (bytes) => hex(await sha256(bytes)));
  engineSha256.catch(() => {}); // no digest (plain HTTP): met in ofThisEngine, not left unhandled
  const manifest = snapshotManifest();
  const usable = manifest.then((described) => ofThisEngine(described, engineSha256));
  const kept = manifest.then(keptSnapshot).catch(() => null); // read at once, used once found usable
  // A first visit asks for the snapshot once the runtime is in, if its download comes in time.
  const download = Promise.all([usable, kept]).then(async ([described, isKept]) =>
    described && !isKept && (await arrivesInTime(described)) ? downloadSnapshot(described) : null);
  // Reading a kept snapshot takes this thread's turns, and importing the runtime's scripts holds the thread
  // for tens of milliseconds: the scripts wait until the read is under way, or it would finish only after
  // them and the module's creation (a warm start measured 55 ms sooner this way).
  await kept;
  // pyodide.asm.js is imported under its `.js` name and handed over, so Pyodide never asks for
  // `pyodide.asm.mjs`.
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([
    import(file("pyodide.js")),
    import(file("pyodide.asm.js")),
  ]);

  let pyodide = null;
  try {
    const snapshot = (await usable) && ((await kept) || (await download));
    if (snapshot) {
      pyodide = await start(createPyodideModule, loadPyodide, snapshot);
      if (pyodide.globals.get("engine_sha256") !== (await engineSha256)) throw new Error("snapshot of another engine");
      const random = pyodide.pyimport("random");
      random.seed(); // the snapshot froze the build's random state
      random.destroy();
      preloaded = JSON.parse(pyodide.globals.get("snapshot_definitions") || "{}");
      startedFrom = "snapshot";
    }
  } catch (error) {
    console.warn("The engine's snapshot could not be used; starting normally.", error);
    pyodide = null;
  }
  pyodide ??= await start(createPyodideModule, loadPyodide, null);
  installStdlibFallback(pyodide, file(FULL_STDLIB), STDLIB_INDEX);
  installEngine(pyodide, await engine);
  handle = pyodide.pyimport("pyscript_tools.engine.bridge").handle;
}

/** The engine's answer to `request` if it asks to load a definition the snapshot holds already (the
 *  same file, by its SHA-256), else null. Loading it again would only parse it again. */
function alreadyLoaded(request) {
  if (!request.startsWith('{"action":"load"')) return null; // as engine.js writes requests
  return preloaded[JSON.parse(request).definition_sha256] ?? null;
}

function answer({ id, request }) {
  const loaded = alreadyLoaded(request);
  if (loaded) {
    postMessage({ id, ok: true, result: loaded });
    return;
  }
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
