// The assessments store, with a storage that behaves like the browser's (and one that refuses).
import assert from "node:assert/strict";
import { test } from "node:test";

import { Store, mergeAnswers } from "../../overrides/assets/toolkit/widget/store.js";

/** A localStorage stand-in shared by "tabs"; `refuse` makes every write throw, as a full quota does. */
class MemoryStorage {
  constructor() {
    this.items = new Map();
    this.refuse = false;
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    if (this.refuse) throw new Error("QuotaExceededError");
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

/** Two tabs of one questionnaire on one storage, each with its first assessment started and nothing saved. */
function twoTabs() {
  const storage = new MemoryStorage();
  const tabs = [new Store("readiness", "1.0.0", storage), new Store("readiness", "1.0.0", storage)];
  tabs.forEach((tab) => tab.ensure(""));
  return [storage, ...tabs];
}

test("merge keeps the other tab's answers and applies only what this tab changed", () => {
  const base = { a: "1", b: "1" };
  const mine = { a: "2", b: "1" }; // changed a
  const theirs = { a: "1", b: "1", c: "3" }; // another tab added c
  assert.deepEqual(mergeAnswers(base, mine, theirs), { a: "2", b: "1", c: "3" });
  assert.deepEqual(mergeAnswers({ a: "1" }, {}, { a: "1", b: "2" }), { b: "2" }, "a cleared here is cleared");
});

test("two tabs answering different questions both keep their answers", () => {
  const [storage, first, second] = twoTabs();
  assert.equal(first.save({ vision: "in-place" }).ok, true);
  const saved = second.save({ why: "partial" });
  assert.equal(saved.ok, true);
  assert.deepEqual(saved.answers, { vision: "in-place", why: "partial" }, "the second tab joined the first's assessment");
  assert.deepEqual(first.follow({ vision: "in-place" }), { vision: "in-place", why: "partial" });
  const reloaded = new Store("readiness", "1.0.0", storage);
  assert.deepEqual(reloaded.ensure("").answers, { vision: "in-place", why: "partial" });
  assert.equal(reloaded.list().length, 1);
});

test("two tabs starting the first assessment at once, one writing over the other unseen, end with both answers", () => {
  // Another tab's write can reach this tab's storage a moment late (each renderer keeps a copy): the second
  // tab, still reading nothing, writes its own first assessment over the first tab's.
  const [storage, first, second] = twoTabs();
  assert.equal(first.save({ vision: "in-place" }).ok, true);
  const seenByFirst = storage.getItem("rai-toolkit:answers:readiness");
  storage.removeItem("rai-toolkit:answers:readiness"); // what the second tab still sees
  assert.equal(second.save({ why: "partial" }).ok, true);
  assert.notEqual(storage.getItem("rai-toolkit:answers:readiness"), seenByFirst);
  // The first tab hears of that write: its assessment is gone, so it joins the other tab's, with its answer.
  assert.deepEqual(first.follow({ vision: "in-place" }), { vision: "in-place", why: "partial" });
  assert.deepEqual(second.follow({ why: "partial" }), { vision: "in-place", why: "partial" });
  const stored = JSON.parse(storage.getItem("rai-toolkit:answers:readiness"));
  assert.equal(Object.keys(stored.assessments).length, 1);
  assert.deepEqual(stored.assessments[stored.current].answers, { vision: "in-place", why: "partial" });
});

test("following another tab keeps this tab's unsaved change", () => {
  const storage = new MemoryStorage();
  const first = new Store("risk", "1.0.0", storage);
  const second = new Store("risk", "1.0.0", storage);
  first.ensure("");
  first.save({ q1: "x" });
  second.ensure("");
  first.save({ q1: "x", q2: "y" });
  assert.deepEqual(second.follow({ q1: "x", q3: "mine" }), { q1: "x", q2: "y", q3: "mine" });
});

test("a refused write is reported, and the answers stay to be saved later", () => {
  const storage = new MemoryStorage();
  const store = new Store("readiness", "1.0.0", storage);
  store.ensure("");
  storage.refuse = true;
  const refused = store.save({ vision: "planned" });
  assert.equal(refused.ok, false);
  assert.equal(store.writable, false);
  assert.equal(store.rename("Pilot"), false);
  assert.equal(store.create("Other", {}), false);
  storage.refuse = false;
  assert.equal(store.save({ vision: "planned" }).ok, true);
  assert.equal(store.writable, true);
});

test("without any storage (site data blocked) nothing claims to be saved", () => {
  const store = new Store("readiness", "1.0.0", null);
  assert.equal(store.writable, false);
  store.ensure("");
  assert.equal(store.save({ a: "1" }).ok, false);
});

test("erasing removes the record, and other tabs can tell", () => {
  const storage = new MemoryStorage();
  const first = new Store("workbook", "1.0.0", storage);
  const second = new Store("workbook", "1.0.0", storage);
  first.ensure("");
  first.save({ p: { status: "done" } });
  second.ensure("");
  assert.equal(second.erasedElsewhere(), false);
  first.erase();
  assert.equal(storage.getItem(first.key), null);
  assert.equal(second.erasedElsewhere(), true);
});

test("an assessment deleted in another tab is known to be held only here, until it is saved again", () => {
  const [, first, second] = twoTabs();
  first.save({ vision: "partial" });
  assert.deepEqual(second.follow({}), { vision: "partial" }); // joined the first tab's assessment
  assert.equal(second.heldOnlyHere, false);
  first.remove(first.current.key);
  assert.deepEqual(second.follow({ vision: "partial" }), { vision: "partial" }); // nothing lost here
  assert.equal(second.heldOnlyHere, true);
  second.save({ vision: "in-place" });
  assert.equal(second.heldOnlyHere, false);
  // A first assessment not written yet is not one another tab deleted.
  const fresh = new Store("risk", "1.0.0", new MemoryStorage());
  fresh.ensure("");
  fresh.follow({});
  assert.equal(fresh.heldOnlyHere, false);
});

test("assessments are created, renamed, selected and removed", () => {
  const storage = new MemoryStorage();
  const store = new Store("risk", "1.0.0", storage);
  store.ensure("");
  store.save({ a: "1" });
  store.rename("Facial recognition");
  const first = store.current.key;
  store.create("Chatbot", { b: "2" });
  assert.deepEqual(store.list().map((a) => a.name), ["Facial recognition", "Chatbot"]);
  store.select(first);
  assert.deepEqual(store.current.answers, { a: "1" });
  store.remove(first);
  assert.deepEqual(store.list().map((a) => a.name), ["Chatbot"]);
  assert.equal(store.current.name, "Chatbot");
});

// ------------------------------------------------------------------ unreadable records are never destroyed

/** A storage that lists its keys, as the browser's does. */
class ListingStorage extends MemoryStorage {
  get length() {
    return this.items.size;
  }
  key(i) {
    return [...this.items.keys()][i] ?? null;
  }
}

const KEY = "rai-toolkit:answers:readiness";
const asideKeys = (storage) => [...storage.items.keys()].filter((k) => k.startsWith("rai-toolkit:unreadable:readiness:"));

for (const [what, text] of [
  ["not JSON", "{ this is not json"],
  ["JSON of the wrong shape", JSON.stringify([1, 2, 3])],
  ["assessments that are not a mapping", JSON.stringify({ current: "a", assessments: "x" })],
  ["very large", JSON.stringify({ current: null, assessments: {}, padding: "x".repeat(4_100_000) })],
]) {
  test(`an unreadable record (${what}) is set aside untouched, and the first answer does not overwrite it`, () => {
    const storage = new ListingStorage();
    storage.setItem(KEY, text);
    const store = new Store("readiness", "1.0.0", storage);
    assert.equal(store.unreadable?.text, text);
    assert.deepEqual(asideKeys(storage), [store.unreadable.key]);
    assert.equal(storage.getItem(store.unreadable.key), text, "kept byte for byte");
    store.ensure("");
    assert.equal(store.save({ vision: "planned" }).ok, true, "a fresh assessment is saved beside it");
    assert.equal(storage.getItem(store.unreadable.key), text);
    assert.deepEqual(JSON.parse(storage.getItem(KEY)).assessments[store.current.key].answers, { vision: "planned" });
    assert.deepEqual(store.asides().map((a) => a.text), [text]);
    const later = new Store("readiness", "1.0.0", storage);
    assert.equal(later.unreadable, null, "set aside once, not again at every visit");
    assert.equal(asideKeys(storage).length, 1);
  });
}

test("the readable assessments of a partly damaged record are kept, and the whole record is set aside", () => {
  const storage = new ListingStorage();
  const text = JSON.stringify({
    current: "good",
    assessments: { good: { name: "Pilot", answers: { vision: "planned" } }, bad: { name: 5, answers: [] } },
  });
  storage.setItem(KEY, text);
  const store = new Store("readiness", "1.0.0", storage);
  assert.equal(store.unreadable.text, text);
  assert.deepEqual(store.ensure("").answers, { vision: "planned" });
  assert.deepEqual(store.list().map((a) => a.name), ["Pilot"]);
});

/** A storage with a quota in characters, as the browser's (a write that would exceed it throws). */
class QuotaStorage extends ListingStorage {
  constructor(quota) {
    super();
    this.quota = quota;
  }
  setItem(key, value) {
    const used = [...this.items].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
    if (used + String(value).length > this.quota) throw new Error("QuotaExceededError");
    super.setItem(key, value);
  }
}

test("when there is no room to set it aside, nothing is written over the unreadable record", () => {
  const garbage = "x".repeat(600);
  const storage = new QuotaStorage(1000); // room for the record, not for a copy of it
  storage.setItem(KEY, garbage);
  const store = new Store("readiness", "1.0.0", storage);
  assert.equal(store.blocked, true);
  assert.equal(store.unreadable.key, null);
  store.ensure("");
  assert.equal(store.save({ vision: "planned" }).ok, false);
  assert.equal(store.create("Other", {}), false);
  assert.equal(storage.getItem(KEY), garbage, "untouched");
  assert.equal(store.discardUnreadable(), true, "the user, having downloaded it, deletes it: saving works again");
  assert.equal(store.save({ vision: "planned" }).ok, true);
});

test("erasing a questionnaire's answers erases what was set aside too", () => {
  const storage = new ListingStorage();
  storage.setItem(KEY, "garbage");
  const store = new Store("readiness", "1.0.0", storage);
  assert.equal(asideKeys(storage).length, 1);
  store.erase();
  assert.deepEqual([...storage.items.keys()], []);
});

test("a stored date that is missing or not a date is no date", async () => {
  const { storedDate } = await import("../../overrides/assets/toolkit/widget/store.js");
  assert.equal(storedDate(undefined), null);
  assert.equal(storedDate("yesterday-ish"), null);
  assert.equal(storedDate("2026-11-20T16:30:00Z").toISOString(), "2026-11-20T16:30:00.000Z");
});

test("answers kept under an older version are kept as they were until they have been moved to this one", () => {
  const storage = new ListingStorage();
  const old = { current: "a", assessments: { a: { name: "Pilot", version: "1.0.0", answers: { kind: "process-optimisation" } } } };
  storage.setItem("rai-toolkit:answers:risk", JSON.stringify(old));
  const store = new Store("risk", "1.1.0", storage);
  store.ensure("");
  store.save({ scale: "pilot" }); // the form could not show the old answer; saving must not lose it
  const kept = JSON.parse(storage.getItem("rai-toolkit:answers:risk")).assessments.a;
  assert.deepEqual(kept.earlier, { version: "1.0.0", answers: { kind: "process-optimisation" } });
  assert.equal(kept.version, "1.1.0");
  store.save({ scale: "pilot", kind: ["resource-allocation"] }); // moved by the engine, then saved
  assert.equal(store.migrated(), true);
  const moved = JSON.parse(storage.getItem("rai-toolkit:answers:risk")).assessments.a;
  assert.equal(moved.earlier, undefined);
  assert.deepEqual(moved.answers, { scale: "pilot", kind: ["resource-allocation"] });
});

test("carried-over answers reuse their assessment and keep what the respondent changed since", () => {
  const storage = new MemoryStorage();
  const full = new Store("readiness", "1.0.0", storage);
  assert.equal(full.carry("quick-check", "Carried over", { vision: "partial", lead: "partial" }), true);
  full.save({ vision: "in-place", lead: "partial", other: "yes" }); // the respondent goes on in the full assessment

  const again = new Store("readiness", "1.0.0", storage);
  assert.equal(again.carry("quick-check", "Carried over", { vision: "not-started", lead: "in-place" }), true);
  const stored = JSON.parse(storage.getItem(again.key));
  const assessments = Object.values(stored.assessments);
  assert.equal(assessments.length, 1, "the same assessment, not a second one");
  assert.deepEqual(assessments[0].answers, { vision: "in-place", lead: "in-place", other: "yes" });
  assert.equal(stored.current, Object.keys(stored.assessments)[0]);
});
