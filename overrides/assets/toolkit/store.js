// Named assessments per questionnaire, kept in this browser's localStorage (never sent anywhere).
// One key per questionnaire: "rai-toolkit:answers:<id>" -> {current, assessments: {key: {...}}}.
// Erasing removes that key entirely.

const PREFIX = "rai-toolkit:answers:";

function now() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function newKey() {
  return `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export class Store {
  constructor(questionnaire, version) {
    this.key = PREFIX + questionnaire;
    this.version = version;
    this.available = true;
    this.data = this.read();
  }

  read() {
    try {
      const parsed = JSON.parse(localStorage.getItem(this.key) || "null");
      if (parsed && typeof parsed === "object" && parsed.assessments && typeof parsed.assessments === "object") {
        return parsed;
      }
    } catch (error) {
      this.available = !(error instanceof DOMException && error.name === "SecurityError");
    }
    return { current: null, assessments: {} };
  }

  /** Take in what other tabs saved meanwhile, keeping this tab's own choice of assessment. */
  refresh() {
    const mine = this.data.current;
    const pending = mine && this.data.assessments[mine];
    this.data = this.read();
    if (pending && !this.data.assessments[mine]) this.data.assessments[mine] = pending;
    if (mine) this.data.current = mine;
  }

  /** Write to storage; returns false when the browser refuses (private mode, quota, policy). */
  write() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.data));
      this.available = true;
      return true;
    } catch {
      this.available = false;
      return false;
    }
  }

  list() {
    return Object.entries(this.data.assessments)
      .map(([key, a]) => ({ key, ...a }))
      .sort((a, b) => (a.created || "").localeCompare(b.created || ""));
  }

  get current() {
    const key = this.data.current;
    return key && this.data.assessments[key] ? { key, ...this.data.assessments[key] } : null;
  }

  /** The current assessment, creating a first one if there is none (not written until saved). */
  ensure(defaultName) {
    if (!this.current) {
      const first = this.list()[0];
      if (first) this.data.current = first.key;
      else this.create(defaultName, {}, false);
    }
    return this.current;
  }

  create(name, answers = {}, persist = true, extra = {}) {
    if (persist) this.refresh();
    const key = newKey();
    const stamp = now();
    this.data.assessments[key] = { name, answers, created: extra.created || stamp, updated: extra.updated || stamp, version: this.version };
    this.data.current = key;
    if (persist) this.write();
    return key;
  }

  select(key) {
    this.refresh();
    if (this.data.assessments[key]) {
      this.data.current = key;
      this.write();
    }
  }

  save(answers) {
    this.refresh();
    const current = this.current;
    if (!current) return false;
    Object.assign(this.data.assessments[current.key], { answers, updated: now(), version: this.version });
    return this.write();
  }

  rename(name) {
    this.refresh();
    const current = this.current;
    if (!current) return false;
    this.data.assessments[current.key].name = name;
    return this.write();
  }

  remove(key) {
    this.refresh();
    delete this.data.assessments[key];
    if (this.data.current === key) this.data.current = this.list()[0]?.key || null;
    return this.write();
  }

  /** Forget every assessment of this questionnaire in this browser. */
  erase() {
    this.data = { current: null, assessments: {} };
    try {
      localStorage.removeItem(this.key);
    } catch {
      /* nothing stored, nothing to erase */
    }
  }
}

export { now };
