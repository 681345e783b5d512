// Named assessments per questionnaire, kept in this browser's localStorage (never sent anywhere).
// One key per questionnaire: "rai-toolkit:answers:<id>" -> {current, assessments: {key: {...}}}.
// Erasing removes that key entirely.
//
// Every tab of the site shares that storage, so nothing is written whole: each save reads what is
// stored now and changes only the questions this tab changed since it last read or wrote them
// (a merge per question). Every write is checked; a refused one is reported, never assumed.

import { now } from "./time.js";

const PREFIX = "rai-toolkit:answers:";

function newKey() {
  return `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** `theirs` with the questions this tab changed (from `base` to `mine`) applied on top. */
export function mergeAnswers(base, mine, theirs) {
  const merged = { ...theirs };
  for (const id of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (same(base[id], mine[id])) continue;
    if (mine[id] === undefined) delete merged[id];
    else merged[id] = mine[id];
  }
  return merged;
}

/** The browser's localStorage, or null where site data is blocked (reading the property throws). */
function browserStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class Store {
  /** `storage` is for tests; the browser's localStorage by default. */
  constructor(questionnaire, version, storage = browserStorage()) {
    this.key = PREFIX + questionnaire;
    this.version = version;
    this.storage = storage;
    this.writable = Boolean(storage); // false once the browser refuses a write
    this.data = this.read();
    this.currentKey = this.data.current;
    this.base = {}; // the current assessment's answers as last read from or written to storage
    this.draftKey = null; // a first, empty assessment made here and not written yet
  }

  /** What is stored now, or an empty record. */
  read() {
    try {
      const parsed = JSON.parse(this.storage?.getItem(this.key) || "null");
      if (parsed && typeof parsed === "object" && parsed.assessments && typeof parsed.assessments === "object") {
        return parsed;
      }
    } catch {
      /* unreadable or blocked: start empty */
    }
    return { current: null, assessments: {} };
  }

  /** Write the record; false when the browser refuses (blocked site data, private mode, quota). */
  write() {
    try {
      if (!this.storage) throw new Error("no storage");
      this.storage.setItem(this.key, JSON.stringify({ ...this.data, current: this.currentKey }));
      this.writable = true;
      this.draftKey = null;
      return true;
    } catch {
      this.writable = false;
      return false;
    }
  }

  /** Re-read storage, keeping this tab's current assessment even if another tab removed it. A draft
   *  gives way to the assessment another tab has started meanwhile: both tabs then share it. */
  reload() {
    const mine = this.data.assessments[this.currentKey];
    this.data = this.read();
    if (this.currentKey === this.draftKey && this.data.assessments[this.data.current]) {
      this.currentKey = this.data.current;
      this.draftKey = null;
    } else if (mine && !this.data.assessments[this.currentKey]) {
      this.data.assessments[this.currentKey] = mine;
    }
  }

  list() {
    return Object.entries(this.data.assessments)
      .map(([key, a]) => ({ key, ...a }))
      .sort((a, b) => (a.created || "").localeCompare(b.created || ""));
  }

  get current() {
    const a = this.data.assessments[this.currentKey];
    return a ? { key: this.currentKey, ...a } : null;
  }

  /** The current assessment, creating a first one if there is none (not written until saved). */
  ensure(defaultName) {
    if (!this.current) {
      const first = this.list()[0];
      if (first) this.currentKey = first.key;
      else this.draftKey = this.add(defaultName, {}, {});
    }
    this.base = { ...(this.current.answers || {}) };
    return this.current;
  }

  add(name, answers, extra) {
    const key = newKey();
    const stamp = now();
    this.data.assessments[key] = {
      name, answers, created: extra.created || stamp, updated: extra.updated || stamp, version: this.version,
    };
    this.currentKey = key;
    this.base = { ...answers };
    return key;
  }

  /** A new assessment, made current and written; returns whether the write succeeded. */
  create(name, answers = {}, extra = {}) {
    this.reload();
    this.add(name, answers, extra);
    return this.write();
  }

  select(key) {
    this.reload();
    if (!this.data.assessments[key]) return this.writable;
    this.currentKey = key;
    this.base = { ...(this.current.answers || {}) };
    return this.write();
  }

  /** Save the form's answers, merged per question with what other tabs stored meanwhile.
   *  Returns {ok, answers}: whether the write succeeded, and the merged answers the form should show. */
  save(answers) {
    this.reload();
    const entry = this.data.assessments[this.currentKey];
    if (!entry) return { ok: false, answers };
    const merged = mergeAnswers(this.base, answers, entry.answers || {});
    Object.assign(entry, { answers: merged, updated: now(), version: this.version });
    const ok = this.write();
    if (ok) this.base = { ...merged };
    return { ok, answers: merged };
  }

  /** Another tab wrote: take in its changes. Returns the answers the form should now show, given the
   *  form's own (possibly unsaved) `answers`. */
  follow(answers) {
    this.reload();
    const stored = this.current?.answers || {};
    const merged = mergeAnswers(this.base, answers, stored);
    this.base = { ...stored };
    return merged;
  }

  rename(name) {
    this.reload();
    const entry = this.data.assessments[this.currentKey];
    if (!entry) return false;
    entry.name = name;
    return this.write();
  }

  remove(key) {
    this.reload();
    delete this.data.assessments[key];
    if (this.currentKey === key) this.currentKey = this.list()[0]?.key || null;
    return this.write();
  }

  /** Whether another tab erased this questionnaire's answers (the key is gone). */
  erasedElsewhere() {
    try {
      return this.storage !== null && this.storage.getItem(this.key) === null;
    } catch {
      return false;
    }
  }

  /** Forget every assessment of this questionnaire in this browser. */
  erase() {
    this.data = { current: null, assessments: {} };
    this.currentKey = null;
    this.base = {};
    try {
      this.storage?.removeItem(this.key);
    } catch {
      /* nothing stored, nothing to erase */
    }
  }
}
