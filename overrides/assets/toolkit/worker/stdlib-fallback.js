// The site ships a trimmed Python standard library: only the modules Pyodide's start and the engine's
// every action import (plugins/runtime/files.py). Should a module ever be missing from it, this finder,
// asked last, fetches the whole library once (a synchronous request: a module import cannot wait, and a
// worker may block), puts it on Python's path and finds the module there; a name the whole library does
// not have either is left to fail as usual, without a download.

const FINDER = `
import sys

class WholeStandardLibrary:
    """Finds what the trimmed standard library lacks in the whole one, fetched the first time."""

    def __init__(self, url):
        self.url, self.names, self.whole, self.busy = url, None, None, False

    def find_spec(self, name, path=None, target=None):
        if self.busy:  # an import made while finding one (the index read, the download): not ours
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
            self.names = frozenset(archive.get_data(__INDEX__).decode().split())
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

sys.meta_path.append(WholeStandardLibrary(__URL__))
`;

/** Let Python find in the whole standard library at `url` what the trimmed one lacks; `index` names the
 *  file of the trimmed archive that lists the whole library's top-level names. */
export function installStdlibFallback(pyodide, url, index) {
  pyodide.runPython(FINDER.replace("__URL__", JSON.stringify(url)).replace("__INDEX__", JSON.stringify(index)));
}
