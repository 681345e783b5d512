// Client of the engine worker: starts one module Web Worker (Pyodide + pyscript_tools) and
// sends it JSON requests. Nothing here computes; Python does, off the main thread.

const listeners = new Set();
let worker = null;
let nextId = 1;
const pending = new Map();
let state = { status: "idle", reason: "" };

/** Why Python cannot run in this browser, or "" when it can. */
export function unsupportedReason() {
  if (location.protocol === "file:") {
    return "The interactive tools need the site to be served over HTTP. Opened from a file, the browser blocks them. Ask your web team to publish the site, or run it locally as the README explains.";
  }
  if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
    return "This browser cannot run the interactive tools (it lacks Web Workers or WebAssembly). The guidance on this page remains fully readable; a current version of Firefox, Chrome, Edge or Safari will run the tools.";
  }
  if (navigator.deviceMemory !== undefined && navigator.deviceMemory < 1) {
    return "This device reports too little memory to run the interactive tools. The guidance on this page remains fully readable.";
  }
  return "";
}

function setState(status, reason = "") {
  state = { status, reason };
  for (const listener of listeners) listener(state);
}

/** Follow the engine's state: idle, starting, ready or failed (with a reason). */
export function onStatus(listener) {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

function fail(reason) {
  setState("failed", reason);
  for (const { reject } of pending.values()) reject(new Error(reason));
  pending.clear();
}

/** Start the worker once; later calls are no-ops. */
export function start() {
  if (worker || state.status === "failed") return;
  const reason = unsupportedReason();
  if (reason) {
    fail(reason);
    return;
  }
  setState("starting");
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    fail(`The interactive tools could not start in this browser (${error.message}).`);
    return;
  }
  worker.addEventListener("message", ({ data }) => {
    if (data.type === "ready") setState("ready");
    else if (data.type === "failed") fail(data.reason);
    else settle(data);
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(`The interactive tools could not start (${event.message || "the worker stopped"}).`);
  });
}

function settle({ id, ok, result, error }) {
  const entry = pending.get(id);
  if (!entry) return;
  pending.delete(id);
  if (ok) entry.resolve(result);
  else entry.reject(new Error(error));
}

/** Ask the engine to run `action`; resolves with its result. Requests wait until Python is ready. */
export function call(action, payload = {}) {
  start();
  if (state.status === "failed") return Promise.reject(new Error(state.reason));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, request: JSON.stringify({ action, ...payload }) });
  });
}
