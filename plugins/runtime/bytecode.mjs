// Compile the Python archives the site ships to bytecode, with the Python of the Pyodide that runs them:
// Python then imports each module without compiling its source in the browser, which takes most of a
// normal start (see plugins/runtime/bytecode.py).
//
// Usage: node plugins/runtime/bytecode.mjs RUNTIME_DIR STDLIB SOURCE.zip TARGET.zip [SOURCE.zip TARGET.zip ...]
//   RUNTIME_DIR  the site's assets/pyodide/ (pyodide.js, pyodide.asm.js, .wasm, lock file)
//   STDLIB       a standard library archive of source files to start that Pyodide with
//   SOURCE.zip   an archive of Python sources; TARGET.zip gets the same entries, each `.py` as its `.pyc`
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

import { loadPublished } from "./published.mjs";

const [runtime, stdlib, ...pairs] = process.argv.slice(2).map((path) => resolve(path));

const COMPILE = `
import importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def compile_archive(source, target):
    """Each .py entry as its .pyc (unchecked hash: nothing to compare it with in the browser), the rest as it is."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as compiled:
        for entry in archive.infolist():
            data = archive.read(entry)
            if entry.filename.endswith(".py"):
                try:
                    code = compile(data, entry.filename, "exec", dont_inherit=True)
                except SyntaxError as error:
                    raise ValueError(f"{entry.filename}, line {error.lineno}: {error.msg}") from None
                data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
                entry = zipfile.ZipInfo(entry.filename + "c", date_time=entry.date_time)
            compiled.writestr(entry, data, zipfile.ZIP_DEFLATED, 9)
`;

const pyodide = await loadPublished(runtime, { stdLibURL: stdlib });
pyodide.runPython(COMPILE);
const compileArchive = pyodide.globals.get("compile_archive");
for (let index = 0; index < pairs.length; index += 2) {
  pyodide.FS.writeFile("/tmp/source.zip", readFileSync(pairs[index]));
  try {
    compileArchive("/tmp/source.zip", "/tmp/target.zip");
  } catch (error) {
    process.stderr.write(`${pairs[index]}: ${String(error.message).trim().split("\n").pop()}\n`);
    process.exit(1);
  }
  writeFileSync(pairs[index + 1], pyodide.FS.readFile("/tmp/target.zip"));
}
