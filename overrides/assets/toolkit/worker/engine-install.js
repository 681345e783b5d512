// Installing the engine in a running Pyodide: its archive is written into Python's file system as it
// is and imported from there (zipimport), never unpacked, which takes a fraction of a millisecond.
// The site's worker, the build's snapshot and the Pyodide tests all install it through this function.

/** Where the engine's archive lives inside Pyodide; a snapshot keeps this entry of `sys.path`. */
export const ENGINE_ARCHIVE = "/lib/pyscript_tools.zip";

/** Put the engine's archive (bytes) where Python imports it from. Through Pyodide's proxies, not Python
 *  source: a start from the snapshot then compiles none. */
export function installEngine(pyodide, archive) {
  pyodide.FS.writeFile(ENGINE_ARCHIVE, archive);
  const sys = pyodide.pyimport("sys");
  const path = sys.path;
  if (!path.has(ENGINE_ARCHIVE)) path.insert(0, ENGINE_ARCHIVE);
  path.destroy();
  sys.destroy();
}
