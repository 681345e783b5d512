// The site ships a trimmed Python standard library: only the modules Pyodide's start and the engine's
// every action import (plugins/runtime/files.py). Should a module ever be missing from it, this finder,
// asked last, fetches the whole library once (a synchronous request: a module import cannot wait, and a
// worker may block), puts it on Python's path and finds the module there; a name the whole library does
// not have either is left to fail as usual, without a download.
//
// The finder is made once: the build's snapshot keeps it, made there with nowhere to fetch from, and every
// start only tells it where this site's library is. A start from the snapshot so compiles no Python source
// of its own, which would take tens of milliseconds (the compiler's WebAssembly is compiled on first use).

const FINDER_NAME = "whole_stdlib_finder"; // in Python's __main__, where the snapshot keeps it
const FINDER = `
import sys

class WholeStandardLibrary:
    """Finds what the trimmed standard library lacks in the whole one at self.url, fetched the first time;
    self.index names the trimmed archive's list of the whole library's top-level names. Both are set from
    JavaScript on every start; until then the finder finds nothing."""

    def __init__(self):
        self.url = self.index = self.names = self.whole = None
        self.busy = False

    def find_spec(self, name, path=None, target=None):
        if self.busy or self.url is None:  # busy: an import made while finding one (the index, the download)
            return None
        self.busy = True
        try:
            return self._find(name)
        finally:
            self.busy = False

    def _find(self, name):
        import importlib.machinery
        import zipimport
        if self.names is None:  # zipimport, not zipfile: it needs no codec to read an archive's names
            archive = zipimport.zipimporter("/lib/python%d%d.zip" % sys.version_info[:2])
            self.names = frozenset(archive.get_data(self.index).decode().split())
        if name.partition(".")[0] not in self.names:
            return None
        if self.whole is None:
            from js import XMLHttpRequest
            request = XMLHttpRequest.new()
            request.open("GET", self.url, False)
            request.responseType = "arraybuffer"
            request.send()
            if request.status != 200:
                return None
            self.whole = "/lib/python_stdlib-full.zip"
            with open(self.whole, "wb") as written:
                written.write(request.response.to_bytes())
            sys.path.append(self.whole)  # a new entry: no finder's cache to clear
        parent = name.rpartition(".")[0]
        if not parent:
            return importlib.machinery.PathFinder.find_spec(name)
        package = sys.modules.get(parent)
        if package is None or not hasattr(package, "__path__"):
            return None
        folder = "%s/%s" % (self.whole, parent.replace(".", "/"))
        if folder not in package.__path__:
            package.__path__.append(folder)
        return importlib.machinery.PathFinder.find_spec(name, package.__path__)

${FINDER_NAME} = WholeStandardLibrary()
sys.meta_path.append(${FINDER_NAME})
`;

/** Let Python find in the whole standard library at `url` what the trimmed one lacks; `index` names the
 *  file of the trimmed archive that lists the whole library's top-level names. Without them (the build's
 *  snapshot), the finder is only made, to be told both on the next call. */
export function installStdlibFallback(pyodide, url, index) {
  let finder = pyodide.globals.get(FINDER_NAME);
  if (!finder) {
    pyodide.runPython(FINDER);
    finder = pyodide.globals.get(FINDER_NAME);
  }
  finder.url = url;
  finder.index = index;
  finder.destroy();
}
