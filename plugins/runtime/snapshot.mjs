// Make a Pyodide memory snapshot with the engine imported and warmed, from the files the site ships.
//
// Usage: node plugins/runtime/snapshot.mjs RUNTIME_DIR DEFINITIONS_DIR EXAMPLES_DIR OUTPUT INSTALL FALLBACK
//   RUNTIME_DIR     the site's assets/pyodide/ (pyodide.js, pyodide.asm.js, .wasm, stdlib, lock, engine zip)
//   DEFINITIONS_DIR the site's questionnaire definitions (*.json), loaded into the engine beforehand
//   EXAMPLES_DIR    the site's worked examples (answers files named by the definitions), each read and
//                   scored once as a tool page would, so that a page's first real request finds every
//                   path it takes warm
//   OUTPUT          where to write the snapshot (raw bytes)
//   INSTALL         the site's engine-install.js: the worker's own way of putting the engine in place
//   FALLBACK        the site's stdlib-fallback.js: its finder is made here, once warmed, and kept
// Prints {"engine": "<sha256 of the engine zip>", "bytes": N} on stdout.
//
// Pyodide's snapshot options (_makeSnapshot, makeMemorySnapshot, _loadSnapshot) are private API of
// Pyodide 314: the version is pinned in package.json and this is tested on every build.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { importPublished, loadPublished } from "./published.mjs";

const [runtime, definitions, examples, output, install, fallback] = process.argv.slice(2).map((path) => resolve(path));

const { ENGINE_ARCHIVE, installEngine } = await importPublished(install);
const { installStdlibFallback } = await importPublished(fallback);
const pyodide = await loadPublished(runtime, { _makeSnapshot: true });
const engineZip = readFileSync(join(runtime, "pyscript_tools.zip"));
const engine = createHash("sha256").update(engineZip).digest("hex");
installEngine(pyodide, new Uint8Array(engineZip));
const files = readdirSync(definitions).filter((name) => name.endsWith(".json")).map((name) => readFileSync(join(definitions, name)));
const loaded = files.map((bytes) => bytes.toString("utf-8"));
pyodide.globals.set("definitions_json", JSON.stringify(loaded));
pyodide.globals.set("definitions_sha256", JSON.stringify(files.map((bytes) => createHash("sha256").update(bytes).digest("hex"))));
const named = loaded.flatMap((text) => (JSON.parse(text).examples || []).map((example) => example.file));
pyodide.globals.set("examples_json", JSON.stringify(
  Object.fromEntries(named.map((name) => [name, readFileSync(join(examples, name), "utf-8")]))));
pyodide.globals.set("engine_sha256", engine);
// Import every module, load every questionnaire, score it once empty and once with each worked
// example (read from its file, scored with a page's parameters), so that a page restored from the
// snapshot answers its first request at once. What loading each definition answered is kept, by the
// SHA-256 of its file (snapshot_definitions): the worker gives that answer to a page that asks to
// load the same file, instead of having it read again.
pyodide.runPython(`
import importlib, json, zipfile
# Every module of the engine's archive (with the modules the trimmed standard library has: no pkgutil).
with zipfile.ZipFile(${JSON.stringify(ENGINE_ARCHIVE)}) as _archive:
    for _module in _archive.namelist():
        if _module.endswith((".py", ".pyc")):
            importlib.import_module(_module.rpartition(".")[0].replace("/", ".").removesuffix(".__init__"))
from pyscript_tools.engine import bridge
snapshot_definitions = {}
for _text, _sha256 in zip(json.loads(definitions_json), json.loads(definitions_sha256)):
    _definition = json.loads(_text)
    _loaded = json.loads(bridge.handle(json.dumps({"action": "load", "definition": _definition})))
    assert _loaded["ok"], _loaded
    snapshot_definitions[_sha256] = _loaded["result"]
    assert json.loads(bridge.handle(json.dumps({"action": "score", "questionnaire": _definition["id"],
                                                "answers": {}, "answers_table": True})))["ok"]
    for _example in _definition.get("examples") or []:
        _parsed = json.loads(bridge.handle(json.dumps({"action": "parse_answers_file", "questionnaire": _definition["id"],
                                                       "text": json.loads(examples_json)[_example["file"]]})))
        assert _parsed["ok"], _parsed
        assert json.loads(bridge.handle(json.dumps({
            "action": "score", "questionnaire": _definition["id"], "answers": _parsed["result"]["answers"],
            "base_url": "../../", "name": "", "today": "2026-01-01", "heading_level": 4,
            "filters": {"roles": [], "stages": [], "approaches": []}})))["ok"]
snapshot_definitions = json.dumps(snapshot_definitions)
for _name in ("definitions_json", "definitions_sha256", "examples_json", "_text", "_sha256", "_definition", "_loaded",
              "_module", "_example", "_parsed", "_archive"):
    globals().pop(_name, None)
del _name
`);
// Made after the warming, so that a module the trimmed library lacks fails the build instead.
installStdlibFallback(pyodide);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(output, snapshot);
process.stdout.write(JSON.stringify({ engine, bytes: snapshot.length }));
