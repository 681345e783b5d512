// The worker's standard-library finder (stdlib-fallback.js) as a start from the snapshot meets it: made
// first with nowhere to fetch from, as the build makes it, then told where the whole library is.
//
// Usage: node tests/pyodide/stdlib_fallback.mjs RUNTIME_DIR WHOLE MODULE URL INDEX
//   RUNTIME_DIR  the runtime's files as published, with a trimmed library that lacks MODULE
//   WHOLE        the whole library's archive, which a request for any address here answers with
//   URL, INDEX   what the start tells the finder: the whole library's address, the name of its index
// Prints {"before": bool, "after": bool, "asked": [addresses], "finders": N} on stdout: whether MODULE
// imported before the finder was told and after, what it asked for, and how many finders Python has.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { importPublished, loadPublished } from "../../plugins/runtime/published.mjs";

const [runtime, whole, module, url, index] = process.argv.slice(2);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { installStdlibFallback } = await importPublished(join(repo, "overrides/assets/toolkit/worker/stdlib-fallback.js"));

const asked = [];
globalThis.XMLHttpRequest = class {
  open(method, address, async) {
    if (method !== "GET" || async !== false) throw new Error(`unexpected request: ${method} ${address} ${async}`);
    asked.push(address);
  }
  send() {
    const bytes = readFileSync(whole);
    this.status = 200;
    this.response = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
};

const pyodide = await loadPublished(resolve(runtime));
const imports = () => pyodide.runPython(`
try:
    import ${module}
    imported = True
except ImportError:
    imported = False
imported`);
installStdlibFallback(pyodide); // as the build's snapshot makes it
const before = imports();
installStdlibFallback(pyodide, url, index); // as a start tells it
const after = imports();
const finders = pyodide.runPython("import sys; sum(type(f).__name__ == 'WholeStandardLibrary' for f in sys.meta_path)");
process.stdout.write(JSON.stringify({ before, after, asked, finders }));
