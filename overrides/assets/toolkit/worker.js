// Module Web Worker: boots Pyodide from this site's own copy, installs the pyscript_tools engine
// from a zip next to it, and answers JSON requests through pyscript_tools.engine.bridge.handle.
// Every URL is resolved from this file's own URL, so the site works under any sub-path.
// Failures reach the page as one plain sentence ("reason"); the technical details ("detail") go
// to the console there, never in front of the user.

const runtime = new URL("../pyodide/", import.meta.url);
const queue = [];
let handle = null;
let failed = false;

function report(reason, detail) {
  if (failed) return;
  failed = true;
  postMessage({ type: "failed", reason, detail: String(detail) });
}

// Pyodide never settles when one of its files fails to download (its promise stays pending), so
// every download is watched here and a failure is reported at once.
const fetchFile = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (resource, init) => {
  const url = String(resource?.url || resource);
  let response;
  try {
    response = await fetchFile(resource, init);
  } catch (error) {
    downloadFailed(url, error.message);
    throw error;
  }
  if (!response.ok) downloadFailed(url, `HTTP ${response.status}`);
  return response;
};

function downloadFailed(url, why) {
  const name = url.split("/").pop();
  report(
    `The scoring engine could not start: a file it needs (${name}) did not download. Check the connection, then try again. Your answers are kept.`,
    `${url}: ${why}`,
  );
}

// Some hosts send .wasm with a generic type, and streaming compilation then refuses it. Pyodide
// streams without a fallback, so compile from bytes whenever the type is not application/wasm.
const instantiateStreaming = WebAssembly.instantiateStreaming?.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (instantiateStreaming && type === "application/wasm") return instantiateStreaming(response, imports);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
};

async function boot() {
  const { loadPyodide } = await import(new URL("pyodide.js", runtime).href);
  // Imported under its `.js` name and handed over, so Pyodide never asks for `pyodide.asm.mjs`.
  const { default: createPyodideModule } = await import(new URL("pyodide.asm.js", runtime).href);
  const [pyodide, engineZip] = await Promise.all([
    loadPyodide({
      indexURL: runtime.href,
      lockFileURL: new URL("pyodide-lock.json", runtime).href,
      packageBaseUrl: runtime.href,
      createPyodideModule,
      stdout: () => {},
      stderr: (line) => console.warn(line),
    }),
    fetch(new URL("pyscript_tools.zip", runtime)).then((response) => response.arrayBuffer()),
  ]);
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(engineZip, "zip", { extractDir: sitePackages });
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
    postMessage({ type: "ready" });
    while (queue.length) answer(queue.shift());
  },
  (error) => {
    const detail = error?.stack || error;
    const reason = /memory/i.test(String(detail))
      ? "This device ran out of memory while starting the interactive tools. Close other tabs, then try again, or use another computer."
      : "The scoring engine could not start: its files seem damaged or out of date. Reload the page; if that does not help, tell the site's maintainers. Your answers are kept.";
    report(reason, detail);
  },
);
