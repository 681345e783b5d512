// Pyodide under Node.js, from the files the site publishes, for the build's own work in Python 3.14
// (the bytecode, the snapshot). No network: every file is local.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

/** Import the ES module at `path`, published under a `.js` name (Node wants `.mjs` outside a package). */
export async function importPublished(path) {
  const folder = mkdtempSync(join(tmpdir(), "rai-module-"));
  try {
    const copy = join(folder, basename(path).replace(/\.js$/, ".mjs"));
    copyFileSync(path, copy);
    return await import(pathToFileURL(copy).href);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Pyodide started from the runtime folder `runtime` (the site's assets/pyodide/), with `options` added. */
export async function loadPublished(runtime, options = {}) {
  const { loadPyodide } = await importPublished(join(runtime, "pyodide.js"));
  const { default: createPyodideModule } = await importPublished(join(runtime, "pyodide.asm.js"));
  globalThis.fetch = async (url) => {
    throw new Error(`network access refused during the build: ${url}`);
  };
  return loadPyodide({
    indexURL: runtime + "/",
    lockFileURL: join(runtime, "pyodide-lock.json"),
    packageBaseUrl: runtime + "/",
    createPyodideModule,
    stdout: () => {},
    stderr: (line) => process.stderr.write(line + "\n"),
    ...options,
  });
}
