// Compile the Python archives the site ships to bytecode, with the Python of the Pyodide that runs them:
// Python then imports each module without compiling its source in the browser, which takes most of a
// normal start (see plugins/runtime/bytecode.py). The bytecode leaves out what only a reader of a traceback
// or of help() would see, as `python -OO -X no_debug_ranges` does (asserts stay): docstrings (but in the
// packages that read their own) and the column ranges of each line. The standard library's archive is then a
// third smaller, and a first visit downloads that much less.
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
import ast, importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# Packages that read their own docstrings at run time (Pyodide's start copies them onto its types).
KEEP_DOCSTRINGS = ("_pyodide/", "pyodide/")
DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def is_text(statement):
    """Whether a statement is a bare string: a docstring when it comes first."""
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)


def without_docstrings(tree):
    """The module's tree without docstrings, as \`python -OO\` drops them (asserts stay). A docstring is removed,
    or becomes \`pass\` where it is the whole body or a bare string follows it (which would become the docstring)."""
    for node in ast.walk(tree):
        if isinstance(node, DOCUMENTED) and node.body and is_text(node.body[0]):
            if len(node.body) == 1 or is_text(node.body[1]):
                node.body[0] = ast.copy_location(ast.Pass(), node.body[0])
            else:
                del node.body[0]
    return tree


def compile_archive(source, target):
    """Each .py entry as its .pyc (unchecked hash: nothing to compare it with in the browser), the rest as it is;
    stored, not deflated: the archive travels packed whole (plugins/runtime/files.py), which packs it tighter."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as compiled:
        for entry in archive.infolist():
            data = archive.read(entry)
            if entry.filename.endswith(".py"):
                try:
                    tree = ast.parse(data, entry.filename)
                    if not entry.filename.startswith(KEEP_DOCSTRINGS):
                        tree = without_docstrings(tree)
                    code = compile(tree, entry.filename, "exec", dont_inherit=True)
                except SyntaxError as error:
                    raise ValueError(f"{entry.filename}, line {error.lineno}: {error.msg}") from None
                data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
                entry = zipfile.ZipInfo(entry.filename + "c", date_time=entry.date_time)
            compiled.writestr(entry, data, zipfile.ZIP_STORED)
`;

// PYTHONNODEBUGRANGES: the compiler keeps each instruction's line, not its columns.
const pyodide = await loadPublished(runtime, { stdLibURL: stdlib, env: { PYTHONNODEBUGRANGES: "1" } });
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
