// Named assessments per questionnaire, kept in this browser's localStorage (never sent anywhere).
// One key per questionnaire: "rai-toolkit:answers:<id>" -> {current, assessments: {key: {...}}}.
// Erasing removes that key entirely.
//
// Every tab of the site shares that storage, so nothing is written whole: each save reads what is
// stored now and changes only the questions this tab changed since it last read or wrote them
// (a merge per question). Every write is checked; a refused one is reported, never assumed.
//
// A stored record that cannot be read (not JSON, the wrong shape, larger than this site ever writes) is
// never written over: it is first copied, untouched, to "rai-toolkit:unreadable:<id>:<time>", where the
// user can download or delete it; what could be read of it is kept. If even the copy is refused, the
// record stays as it is and nothing is written until the user has dealt with it.

import { now } from "./time.js";

const PREFIX = "rai-toolkit:answers:";
const ASIDE = "rai-toolkit:unreadable:";
export const MAX_RECORD_CHARS = 4_000_000; // more than a browser's whole quota leaves for one questionnaire

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

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const optionalText = (value) => value === undefined || typeof value === "string";
const emptyRecord = () => ({ current: null, assessments: {} });

/** Whether a stored assessment has the shape this site writes. */
function readable(entry) {
  return (
    isObject(entry) &&
    (entry.answers === undefined || isObject(entry.answers)) &&
    ["name", "created", "updated", "version"].every((field) => optionalText(entry[field]))
  );
}

/** What can be read of a stored record's text: {record, damaged}, `damaged` when any part could not be read. */
export function parseRecord(text) {
  if (text === null || text === undefined) return { record: emptyRecord(), damaged: false };
  if (text.length > MAX_RECORD_CHARS) return { record: emptyRecord(), damaged: true };
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { record: emptyRecord(), damaged: true };
  }
  if (!isObject(parsed) || !isObject(parsed.assessments)) return { record: emptyRecord(), damaged: true };
  const assessments = {};
  let damaged = false;
  for (const [key, entry] of Object.entries(parsed.assessments)) {
    if (readable(entry)) assessments[key] = { ...entry, answers: entry.answers || {} };
    else damaged = true;
  }
  const current = typeof parsed.current === "string" && assessments[parsed.current] ? parsed.current : null;
  return { record: { ...parsed, current, assessments }, damaged };
}

/** A date stored with an assessment, or null when it is missing or not a date. */
export function storedDate(text) {
  const date = typeof text === "string" ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
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
    this.asidePrefix = `${ASIDE}${questionnaire}:`;
    this.version = version;
    this.storage = storage;
    this.writable = Boolean(storage); // false once the browser refuses a write
    this.unreadable = null; // {key, text}: the last record found unreadable, and where it was set aside (null: not)
    this.blocked = false; // an unreadable record could not be set aside: nothing may be written over it
    this.data = this.read();
    this.currentKey = this.data.current;
    this.base = {}; // the current assessment's answers as last read from or written to storage
    this.draftKey = null; // a first, empty assessment made here and not written yet
    this.firstKey = null; // that first assessment, once written (until another is chosen)
    this.heldOnlyHere = false; // the current assessment, deleted in another tab, is kept here until saved again
  }

  /** What is stored now (what can be read of it), or an empty record. An unreadable record is set aside. */
  read() {
    let text = null;
    try {
      text = this.storage?.getItem(this.key) ?? null;
    } catch {
      return emptyRecord(); // site data blocked
    }
    const { record, damaged } = parseRecord(text);
    if (!damaged) {
      this.blocked = false;
      return record;
    }
    if (this.unreadable?.text !== text || !this.unreadable.key) this.setAside(text); // once for each text
    this.blocked = !this.unreadable.key;
    if (!this.blocked) this.replace(record);
    return record;
  }

  /** Put what could be read in the unreadable record's place (it is kept aside), so it is read once. */
  replace(record) {
    try {
      this.storage.setItem(this.key, JSON.stringify(record));
    } catch {
      /* refused: read again and set aside again (once) next time */
    }
  }

  /** Copy an unreadable record's text, untouched, under a key of its own; false when the browser refuses. */
  setAside(text) {
    const key = `${this.asidePrefix}${Date.now().toString(36)}`;
    try {
      this.storage.setItem(key, text);
      this.unreadable = { key, text };
      return true;
    } catch {
      this.unreadable = { key: null, text };
      return false;
    }
  }

  /** The unreadable records set aside for this questionnaire: [{key, text}]. */
  asides() {
    const found = [];
    try {
      for (let i = 0; i < (this.storage?.length ?? 0); i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(this.asidePrefix)) found.push({ key, text: this.storage.getItem(key) });
      }
    } catch {
      /* blocked: nothing set aside can be read either */
    }
    return found.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Delete what was set aside (and an unreadable record that could not be), so that saving works again. */
  discardUnreadable() {
    try {
      for (const { key } of this.asides()) this.storage.removeItem(key);
      if (this.blocked) this.storage.removeItem(this.key);
    } catch {
      return false;
    }
    this.unreadable = null;
    this.blocked = false;
    return this.write();
  }

  /** Write the record; false when the browser refuses (blocked site data, private mode, quota) or when an
   *  unreadable record that could not be set aside would be written over. */
  write() {
    try {
      if (!this.storage || this.blocked) throw new Error("nothing may be written");
      this.storage.setItem(this.key, JSON.stringify({ ...this.data, current: this.currentKey }));
      this.writable = true;
      this.draftKey = null;
      this.heldOnlyHere = false; // written back, with all the others held here
      return true;
    } catch {
      this.writable = false;
      return false;
    }
  }

  /** Re-read storage, keeping this tab's current assessment even if another tab removed it. A draft
   *  gives way to the assessment another tab has started meanwhile: both tabs then share it. So does a
   *  first, unnamed assessment that another tab, not yet seeing it, wrote over with its own first one:
   *  this tab joins that one with all its answers (returns true: they still have to be written). */
  reload() {
    const mine = this.data.assessments[this.currentKey];
    this.data = this.read();
    this.heldOnlyHere = false;
    const theirs = this.data.assessments[this.data.current];
    if (this.currentKey === this.draftKey && theirs) {
      this.currentKey = this.data.current;
      this.draftKey = null;
    } else if (mine && !this.data.assessments[this.currentKey]) {
      if (this.currentKey === this.firstKey && theirs && !mine.name && !theirs.name) {
        this.currentKey = this.firstKey = this.data.current;
        this.base = {}; // every answer of this tab is one to add
        return true;
      }
      this.data.assessments[this.currentKey] = mine;
      this.heldOnlyHere = this.currentKey !== this.draftKey; // a draft was never written: none deleted it
    }
    return false;
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
      else this.draftKey = this.firstKey = this.add(defaultName, {}, {});
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

  /** Answers carried over from the questionnaire `from` (its "Continue with"), made current and written.
   *  The first carry makes a new assessment, `name`; a later one reuses it: its answers still as they were
   *  carried take the new values, and what the respondent has changed since stays. */
  carry(from, name, answers) {
    this.reload();
    const earlier = this.list().find((a) => a.carried?.from === from);
    if (!earlier) this.add(name, { ...answers }, {});
    else {
      // The new carry, with what the respondent changed since the last one (from it to now) on top.
      const entry = this.data.assessments[earlier.key];
      Object.assign(entry, { answers: mergeAnswers(entry.carried.answers, entry.answers, answers), updated: now() });
      this.currentKey = earlier.key;
      this.base = { ...entry.answers };
    }
    this.data.assessments[this.currentKey].carried = { from, answers: { ...answers } };
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
    if (entry.version && entry.version !== this.version && !entry.earlier) {
      entry.earlier = { version: entry.version, answers: entry.answers || {} }; // kept until moved to this version
    }
    Object.assign(entry, { answers: merged, updated: now(), version: this.version });
    const ok = this.write();
    if (ok) this.base = { ...merged };
    return { ok, answers: merged };
  }

  /** Another tab wrote: take in its changes. Returns the answers the form should now show, given the
   *  form's own (possibly unsaved) `answers`. */
  follow(answers) {
    const joined = this.reload();
    const stored = this.current?.answers || {};
    const merged = mergeAnswers(this.base, answers, stored);
    this.base = { ...stored };
    return joined ? this.save(merged).answers : merged;
  }

  /** The current assessment's answers have been moved to this version: what was kept for that can go. */
  migrated() {
    this.reload();
    const entry = this.data.assessments[this.currentKey];
    if (!entry?.earlier) return true;
    delete entry.earlier;
    return this.write();
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

  /** Forget every assessment of this questionnaire in this browser, and whatever unreadable was set aside. */
  erase() {
    this.data = emptyRecord();
    this.currentKey = null;
    this.base = {};
    try {
      for (const { key } of this.asides()) this.storage.removeItem(key);
      this.storage?.removeItem(this.key);
    } catch {
      /* nothing stored, nothing to erase */
    }
    this.unreadable = null;
    this.blocked = false;
  }
}
