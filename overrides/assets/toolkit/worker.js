// Module Web Worker: boots Pyodide from this site's own copy, installs the pyscript_tools engine
// from a zip next to it, and answers JSON requests through pyscript_tools.bridge.handle.
// Every URL is resolved from this file's own URL, so the site works under any sub-path.

const runtime = new URL("../pyodide/", import.meta.url);

// Some hosts send .wasm with a generic type, and streaming compilation then refuses it. Pyodide
// streams without a fallback, so compile from bytes whenever the type is not application/wasm.
const instantiateStreaming = WebAssembly.instantiateStreaming?.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (instantiateStreaming && type === "application/wasm") return instantiateStreaming(response, imports);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
};
const queue = [];
let handle = null;

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
    fetch(new URL("pyscript_tools.zip", runtime)).then((response) => {
      if (!response.ok) throw new Error(`engine archive: HTTP ${response.status}`);
      return response.arrayBuffer();
    }),
  ]);
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(engineZip, "zip", { extractDir: sitePackages });
  handle = pyodide.pyimport("pyscript_tools.bridge").handle;
}

function answer({ id, request }) {
  try {
    const response = JSON.parse(handle(request));
    postMessage({ id, ok: response.ok, result: response.result, error: response.error });
  } catch (error) {
    postMessage({ id, ok: false, error: `The engine failed: ${error.message}` });
  }
}

self.addEventListener("message", ({ data }) => {
  if (handle) answer(data);
  else queue.push(data);
});

boot().then(
  () => {
    postMessage({ type: "ready" });
    while (queue.length) answer(queue.shift());
  },
  (error) => {
    const reason = /memory/i.test(String(error))
      ? "This device ran out of memory while starting the interactive tools. Close other tabs and reload, or use another computer."
      : `The interactive tools could not start (${error.message || error}). The guidance on this page remains readable.`;
    postMessage({ type: "failed", reason });
  },
);
