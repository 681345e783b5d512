// Make a Pyodide memory snapshot with the engine imported and warmed, from the files the site ships.
//
// Usage: node plugins/runtime/snapshot.mjs RUNTIME_DIR DEFINITIONS_DIR OUTPUT
//   RUNTIME_DIR     the site's assets/pyodide/ (pyodide.js, pyodide.asm.js, .wasm, stdlib, lock, engine zip)
//   DEFINITIONS_DIR the site's questionnaire definitions (*.json), loaded into the engine beforehand
//   OUTPUT          where to write the snapshot (raw bytes)
// Prints {"engine": "<sha256 of the engine zip>", "bytes": N} on stdout.
//
// Pyodide's snapshot options (_makeSnapshot, makeMemorySnapshot, _loadSnapshot) are private API of
// Pyodide 314: the version is pinned in package.json and this is tested on every build.
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { installEngine } from "../../overrides/assets/toolkit/engine-install.js";

const [runtime, definitions, output] = process.argv.slice(2).map((path) => resolve(path));

// The site publishes its modules under .js names; Node wants .mjs for ES modules outside a package.
const modules = mkdtempSync(join(tmpdir(), "rai-snapshot-"));
try {
  copyFileSync(join(runtime, "pyodide.js"), join(modules, "pyodide.mjs"));
  copyFileSync(join(runtime, "pyodide.asm.js"), join(modules, "pyodide.asm.mjs"));
  const { loadPyodide } = await import(pathToFileURL(join(modules, "pyodide.mjs")).href);
  const { default: createPyodideModule } = await import(pathToFileURL(join(modules, "pyodide.asm.mjs")).href);

  globalThis.fetch = async (url) => {
    throw new Error(`network access refused while making the snapshot: ${url}`);
  };
  const pyodide = await loadPyodide({
    indexURL: runtime + "/",
    lockFileURL: join(runtime, "pyodide-lock.json"),
    packageBaseUrl: runtime + "/",
    createPyodideModule,
    _makeSnapshot: true,
    stdout: () => {},
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  const engineZip = readFileSync(join(runtime, "pyscript_tools.zip"));
  const engine = createHash("sha256").update(engineZip).digest("hex");
  installEngine(pyodide, new Uint8Array(engineZip));
  const loaded = readdirSync(definitions).filter((name) => name.endsWith(".json"))
    .map((name) => readFileSync(join(definitions, name), "utf-8"));
  pyodide.globals.set("definitions_json", JSON.stringify(loaded));
  pyodide.globals.set("engine_sha256", engine);
  // Import every module, load every questionnaire and score it once, so that a page restored from
  // the snapshot answers its first request at once.
  pyodide.runPython(`
import json, pkgutil, importlib
import pyscript_tools.engine as _engine
for _module in pkgutil.walk_packages(_engine.__path__, "pyscript_tools.engine."):
    importlib.import_module(_module.name)
from pyscript_tools.engine import bridge
for _text in json.loads(definitions_json):
    _definition = json.loads(_text)
    assert json.loads(bridge.handle(json.dumps({"action": "load", "definition": _definition})))["ok"]
    assert json.loads(bridge.handle(json.dumps({"action": "score", "questionnaire": _definition["id"],
                                                "answers": {}, "answers_table": True})))["ok"]
del definitions_json, _text, _definition, _module
`);
  const snapshot = pyodide.makeMemorySnapshot();
  writeFileSync(output, snapshot);
  process.stdout.write(JSON.stringify({ engine, bytes: snapshot.length }));
} finally {
  rmSync(modules, { recursive: true, force: true });
}
