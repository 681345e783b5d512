// Installing the engine in a running Pyodide: its archive is written into Python's file system as it
// is and imported from there (zipimport), never unpacked, which takes a fraction of a millisecond.
// The site's worker, the build's snapshot and the Pyodide tests all install it through this function.

/** Where the engine's archive lives inside Pyodide; a snapshot keeps this entry of `sys.path`. */
export const ENGINE_ARCHIVE = "/lib/pyscript_tools.zip";

/** Put the engine's archive (bytes) where Python imports it from. */
export function installEngine(pyodide, archive) {
  pyodide.FS.writeFile(ENGINE_ARCHIVE, archive);
  pyodide.runPython(`import sys\nif ${JSON.stringify(ENGINE_ARCHIVE)} not in sys.path: sys.path.insert(0, ${JSON.stringify(ENGINE_ARCHIVE)})`);
}
