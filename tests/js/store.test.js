// The assessments store, with a storage that behaves like the browser's (and one that refuses).
import assert from "node:assert/strict";
import { test } from "node:test";

import { Store, mergeAnswers } from "../../overrides/assets/toolkit/store.js";

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

test("merge keeps the other tab's answers and applies only what this tab changed", () => {
  const base = { a: "1", b: "1" };
  const mine = { a: "2", b: "1" }; // changed a
  const theirs = { a: "1", b: "1", c: "3" }; // another tab added c
  assert.deepEqual(mergeAnswers(base, mine, theirs), { a: "2", b: "1", c: "3" });
  assert.deepEqual(mergeAnswers({ a: "1" }, {}, { a: "1", b: "2" }), { b: "2" }, "a cleared here is cleared");
});

test("two tabs answering different questions both keep their answers", () => {
  const storage = new MemoryStorage();
  const first = new Store("readiness", "1.0.0", storage);
  const second = new Store("readiness", "1.0.0", storage);
  first.ensure("");
  second.ensure("");
  assert.equal(first.save({ vision: "in-place" }).ok, true);
  const saved = second.save({ why: "partial" });
  assert.equal(saved.ok, true);
  assert.deepEqual(saved.answers, { vision: "in-place", why: "partial" }, "the second tab joined the first's assessment");
  assert.deepEqual(first.follow({ vision: "in-place" }), { vision: "in-place", why: "partial" });
  const reloaded = new Store("readiness", "1.0.0", storage);
  assert.deepEqual(reloaded.ensure("").answers, { vision: "in-place", why: "partial" });
  assert.equal(reloaded.list().length, 1);
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
