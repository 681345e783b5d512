// Run the engine inside Pyodide under Node.js, with local files only (no network).
//
// Usage: node tests/pyodide/run_in_pyodide.mjs INPUT.json [ENGINE.zip]
//   INPUT.json = {"requests": [<bridge request>, ...]}
//   ENGINE.zip (optional) = the engine archive the site ships (package folder at its root);
//   without it the .py files are copied from the repository.
// Prints {"python": "<sys.version>", "responses": [<bridge response JSON text>, ...]} on stdout.
// The engine is copied from the repository's pyscript_tools/ into Pyodide's file system
// (build-time modules excluded, as in the browser zip).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const pyodideDir = join(repo, "node_modules", "pyodide");
const BUILD_ONLY = new Set(["yaml_source.py", "loading.py", "anchors.py", "cli.py", "__main__.py"]);

// Refuse any network access: the run must be local only.
globalThis.fetch = async (url) => {
  const text = String(url);
  if (text.startsWith("file:") || text.startsWith("/")) {
    const path = text.startsWith("file:") ? fileURLToPath(text) : text;
    return new Response(readFileSync(path));
  }
  throw new Error(`network access refused in test: ${text}`);
};

const input = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  lockFileURL: join(pyodideDir, "pyodide-lock.json"),
  packageBaseUrl: pyodideDir + "/",
  stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n"),
});

const site = "/home/pyodide/engine";
pyodide.FS.mkdirTree(site + "/pyscript_tools");
if (process.argv[3]) {
  const bytes = new Uint8Array(readFileSync(process.argv[3]));  // a plain typed array, not a Node Buffer
  pyodide.unpackArchive(bytes, "zip", { extractDir: site });
} else {
  const pkg = join(repo, "pyscript_tools");
  for (const name of readdirSync(pkg)) {
    if (!name.endsWith(".py") || BUILD_ONLY.has(name)) continue;
    pyodide.FS.writeFile(`${site}/pyscript_tools/${name}`, readFileSync(join(pkg, name), "utf-8"));
  }
}
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(site)})`);
const handle = pyodide.runPython("from pyscript_tools.bridge import handle; handle");
const responses = input.requests.map((req) => handle(JSON.stringify(req)));
// Prove the build-time modules are absent and nothing imports yaml.
const leaked = pyodide.runPython(
  "import sys; ','.join(sorted(m for m in sys.modules if m in ('yaml', 'js.fetch') or m.startswith('pyscript_tools.') and m.split('.')[1] in ('yaml_source','loading','cli','anchors')))"
);
const version = pyodide.runPython("import sys; sys.version");
process.stdout.write(JSON.stringify({ python: version, responses, leaked }));
