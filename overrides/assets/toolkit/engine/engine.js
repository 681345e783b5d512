// Client of the engine worker: starts one module Web Worker (Pyodide + pyscript_tools) and
// sends it JSON requests. Nothing here computes; Python does, off the main thread.
// States: idle, starting, stalled (still starting, but slowly), ready, failed (with a reason).
import { t } from "../shared/i18n.js";

const STALL_MS = 60_000; // a start this slow is a stalled download or a device out of memory

const listeners = new Set();
let worker = null;
let nextId = 1;
let stallTimer = 0;
const pending = new Map();
const installed = []; // requests every new worker receives first (questionnaire definitions)
let state = { status: "idle", reason: "", retry: false, startedFrom: "" };

/** Why the tools cannot run in this browser, as fallback.js (the one check, run before the modules)
 *  found it; "" when they can. */
function unsupportedReason() {
  return window.tkCannotRun || "";
}

/** What the worker's reason for a failed start (worker.js `report`) means, in the page's language. */
function startFailure({ reason, file }) {
  if (reason === "download") {
    return t(
      "The scoring engine could not start: a file it needs ({file}) did not download. Check the connection, then try again. Your answers are kept.",
      { file },
    );
  }
  if (reason === "memory") {
    return t("This device ran out of memory while starting the interactive tools. Close other tabs, then try again, or use another computer.");
  }
  return t(
    "The scoring engine could not start: its files seem damaged or out of date. Reload the page; if that does not help, tell the site's maintainers. Your answers are kept.",
  );
}

function setState(status, reason = "", retry = false, startedFrom = "") {
  state = { status, reason, retry, startedFrom };
  for (const listener of listeners) listener(state);
}

/** Follow the engine's state: {status, reason, retry, startedFrom}; retry says whether "Try again" can
 *  help, startedFrom whether a ready engine started from its snapshot or normally. */
export function onStatus(listener) {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

function fail(reason, retry = true) {
  clearTimeout(stallTimer);
  setState("failed", reason, retry);
  for (const { reject } of pending.values()) reject(new Error(reason));
  pending.clear();
  worker?.terminate();
  worker = null;
}

/** The worker the page's <head> started (partials/javascripts/engine-early.html), and what it has said
 *  so far; null when there is none, or when it has been taken already. */
function earlyWorker() {
  const early = window.__tkEngine || null;
  window.__tkEngine = null;
  if (early) early.worker.onmessage = early.worker.onerror = null;
  return early;
}

/** Start the worker once (or adopt the one the page started); later calls are no-ops until it fails. */
export function start() {
  if (worker || state.status === "failed") return;
  const early = earlyWorker();
  const reason = unsupportedReason();
  if (reason) {
    early?.worker.terminate();
    fail(reason, false);
    return;
  }
  setState("starting");
  stallTimer = setTimeout(() => {
    if (state.status === "starting") {
      const slow = t("The scoring engine is taking longer than usual to start, perhaps because the connection is slow. Your answers are kept.");
      setState("stalled", slow, true);
    }
  }, STALL_MS);
  try {
    worker = early?.worker ?? new Worker(new URL("../worker/worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    fail(t("The scoring engine could not start in this browser ({detail}).", { detail: error.message }), false);
    return;
  }
  for (const request of installed) post(request, () => {}, (error) => console.error(error));
  worker.addEventListener("message", ({ data }) => heard(data));
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    stopped(event.message);
  });
  for (const item of early?.said ?? []) {
    if ("stopped" in item) stopped(item.stopped);
    else heard(item.data);
  }
}

/** A message from the worker: its start (ready or failed), or the answer to a request. */
function heard(data) {
  if (data.type === "ready") {
    clearTimeout(stallTimer);
    setState("ready", "", false, data.startedFrom);
  } else if (data.type === "failed") {
    if (data.detail) console.error("The scoring engine could not start:", data.detail);
    fail(startFailure(data));
  } else settle(data);
}

/** The worker itself failed (its script could not load or run). */
function stopped(message) {
  console.error("The scoring engine's worker stopped:", message);
  fail(t("The scoring engine could not start: its worker stopped. Your answers are kept."));
}

/** Stop the worker, whatever its state, and start a new one ("Try again"). */
export function restart() {
  const reason = t("The scoring engine was restarted.");
  for (const { reject } of pending.values()) reject(new Error(reason));
  pending.clear();
  clearTimeout(stallTimer);
  worker?.terminate();
  worker = null;
  state = { status: "idle", reason: "", retry: false, startedFrom: "" };
  start();
}

function settle({ id, ok, result, error }) {
  const entry = pending.get(id);
  if (!entry) return;
  pending.delete(id);
  if (ok) entry.resolve(result);
  else entry.reject(new Error(error));
}

function post(request, resolve, reject) {
  const id = nextId++;
  pending.set(id, { resolve, reject });
  worker.postMessage({ id, request });
}

/** Ask the engine to run `action`; resolves with its result. Requests wait until Python is ready. */
export function call(action, payload = {}) {
  return send(JSON.stringify({ action, ...payload }));
}

/** Like `call`, and sent again first to every worker started later (after "Try again"). */
export function install(action, payload = {}) {
  const request = JSON.stringify({ action, ...payload }); // written once: a definition is tens of kilobytes
  const result = send(request);
  installed.push(request);
  return result;
}

function send(request) {
  start();
  if (state.status === "failed") return Promise.reject(new Error(state.reason));
  return new Promise((resolve, reject) => post(request, resolve, reject));
}
