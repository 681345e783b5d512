// Restoring a Pyodide memory snapshot made elsewhere (at build time, in Node) safely.
//
// The snapshot holds the whole WebAssembly heap of the build's interpreter, including CPython's
// call-trampoline pointer: an index into this instance's function table that the runtime chose for the
// engine it ran in. Restoring would overwrite the live value with the build's, so the live one is read
// just before the heap is replaced and written back just after.

/** `createPyodideModule`, wrapped so that a snapshot restore keeps this instance's trampoline pointer. */
export function keepingLiveTrampoline(createPyodideModule) {
  return async (settings) => {
    const module = await createPyodideModule(settings);
    const restore = module.API.restoreSnapshot;
    module.API.restoreSnapshot = (snapshot) => {
      const slot = () => (module.__PyRuntime + module.HEAP32[module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET >>> 2]) >>> 2;
      const live = module.HEAP32[slot()];
      const config = restore(snapshot);
      module.HEAP32[slot()] = live;
      return config;
    };
    return module;
  };
}
