// Restoring the engine's memory snapshot, made elsewhere (at build time, in Node), safely and early.
//
// Pyodide waits for a snapshot's bytes before it even creates its module. Here it is handed a zeroed
// stand-in of the right size at once, so the module is created and linked while the real snapshot is
// still being read; the real one is awaited only once the module is ready, and written straight from
// its runs into the heap (zeros between them), without a 31 MB copy of it in between.
//
// The snapshot holds the whole WebAssembly heap of the build's interpreter, including CPython's
// call-trampoline pointer: an index into this instance's function table that the runtime chose for the
// engine it ran in. Restoring would overwrite the live value with the build's, so the live one is read
// just before the heap is replaced and written back just after.
import { copySparse } from "./snapshot-format.js";

/** Pyodide's settings for a start from `snapshot` ({size, sparse: a promise of readSparse()'s result}). */
export function snapshotStart(createPyodideModule, snapshot) {
  return {
    _loadSnapshot: new Uint8Array(snapshot.size), // the stand-in: Pyodide only takes its length here
    createPyodideModule: async (settings) => {
      const module = await createPyodideModule(settings);
      const sparse = await snapshot.sparse;
      module.API.restoreSnapshot = restoring(module, module.API.restoreSnapshot, sparse);
      return module;
    },
  };
}

function restoring(module, restore, sparse) {
  return () => {
    // The snapshot's own header (its size in the second word) goes through Pyodide's checks (magic
    // number, build id) and gives the configuration; the heap that follows it is written here.
    const headerSize = new Uint32Array(copySparse(sparse, 0, new Uint8Array(16)).buffer)[1];
    const config = restore(copySparse(sparse, 0, new Uint8Array(headerSize)));
    const slot = () => (module.__PyRuntime + module.HEAP32[module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET >>> 2]) >>> 2;
    const live = module.HEAP32[slot()];
    copySparse(sparse, headerSize, module.HEAPU8.subarray(0, sparse.size - headerSize));
    module.HEAP32[slot()] = live;
    return config;
  };
}
