// Run the engine inside Pyodide under Node.js, with local files only (no network).
//
// Usage: node tests/pyodide/run_in_pyodide.mjs INPUT.json ENGINE.zip [SNAPSHOT.bin]
//   INPUT.json = {"requests": [<bridge request>, ...]}
//   ENGINE.zip = the engine archive exactly as the site ships it (pyscript_tools/engine/ at its root)
//   SNAPSHOT = optional: start from this memory snapshot, published form (sparse, inflated), as the
//              site's worker does
//   TOOLKIT_STDLIB (environment) = optional: the standard library's archive to start with (Pyodide's own
//              by default), e.g. the site's trimmed one
// Prints {"python": "<sys.version>", "responses": [<bridge response JSON text>, ...], "outside": "...",
// "stdlib": [...]} on stdout, where "outside" lists any module imported from outside the engine and the
// standard library, and "stdlib" the standard library's files the run imported (their sources' names, also
// when the archive holds their bytecode).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { installEngine } from "../../overrides/assets/toolkit/worker/engine-install.js";
import { readSparse } from "../../overrides/assets/toolkit/worker/snapshot-format.js";
import { snapshotStart } from "../../overrides/assets/toolkit/worker/snapshot-restore.js";

// A failure is told by its message (Python's traceback), not by the minified line that threw it.
process.on("uncaughtException", (error) => {
  process.stderr.write(`${error?.message ?? error}\n`);
  process.exit(1);
});

const here = dirname(fileURLToPath(import.meta.url));
const pyodideDir = join(resolve(here, "..", ".."), "node_modules", "pyodide");

// Refuse any network access: the run must be local only.
globalThis.fetch = async (url) => {
  const text = String(url);
  if (text.startsWith("file:") || text.startsWith("/")) {
    return new Response(readFileSync(text.startsWith("file:") ? fileURLToPath(text) : text));
  }
  throw new Error(`network access refused in test: ${text}`);
};

/** The published snapshot at `path`, as the worker hands it over: its size, and a promise of its runs. */
function published(path) {
  const sparse = readSparse(new Uint8Array(readFileSync(path)));
  return { size: sparse.size, sparse: Promise.resolve(sparse) };
}

const [input, archive, snapshot] = [JSON.parse(readFileSync(process.argv[2], "utf-8")), process.argv[3], process.argv[4]];
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const { default: createPyodideModule } = await import(pathToFileURL(join(pyodideDir, "pyodide.asm.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  lockFileURL: join(pyodideDir, "pyodide-lock.json"),
  packageBaseUrl: pyodideDir + "/",
  createPyodideModule,
  ...(process.env.TOOLKIT_STDLIB ? { stdLibURL: resolve(process.env.TOOLKIT_STDLIB) } : {}),
  ...(snapshot ? snapshotStart(createPyodideModule, published(snapshot)) : {}),
  stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n"),
});

installEngine(pyodide, new Uint8Array(readFileSync(archive))); // as the site's worker does
pyodide.runPython("import sys; loaded_before_engine = set(sys.modules)");
const handle = pyodide.runPython(
  "import pyscript_tools.engine.bridge as bridge; bridge.RAISE_INTERNAL_ERRORS = True; bridge.handle",
);
const responses = input.requests.map((req) => handle(JSON.stringify(req)));
// Whatever the engine imported beyond what Pyodide had loaded must be the engine or the standard library.
const outside = pyodide.runPython(`
','.join(sorted(m for m in set(sys.modules) - loaded_before_engine
                if m.split('.')[0] not in sys.stdlib_module_names
                and not (m == 'pyscript_tools' or m.startswith('pyscript_tools.engine'))))
`);
const version = pyodide.runPython("import sys; sys.version");
const stdlib = JSON.parse(pyodide.runPython(`
import json, sys
archive = "/lib/python%d%d.zip/" % sys.version_info[:2]
json.dumps(sorted({m.__file__[len(archive):].removesuffix("c") for m in list(sys.modules.values())
                   if (getattr(m, "__file__", None) or "").startswith(archive)}))
`));
const restored = snapshot ? pyodide.globals.get("engine_sha256") || "" : "";
process.stdout.write(JSON.stringify({ python: version, responses, outside, restored, stdlib }));
