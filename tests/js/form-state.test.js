// Reading answers from a question's control values, and counting progress, by the engine's rules.
import assert from "node:assert/strict";
import { test } from "node:test";

import { answerFrom, answered, controlsFor, countProgress } from "../../overrides/assets/toolkit/widget/form-state.js";

test("a choice is its checked option's value", () => {
  assert.equal(answerFrom("choice", { choice: "partial" }), "partial");
  assert.equal(answerFrom("choice", { choice: "" }), undefined);
});

test("a multi question is the list of its ticked options, or nothing", () => {
  assert.deepEqual(answerFrom("multi", { multi: ["facial-recognition", "video-analytics"] }),
    ["facial-recognition", "video-analytics"]);
  assert.equal(answerFrom("multi", { multi: [] }), undefined);
  assert.deepEqual(controlsFor("multi", "facial-recognition"), { multi: ["facial-recognition"] }, "a lone value");
  assert.equal(answered("multi", []), false);
  assert.equal(answered("multi", ["generative-ai"]), true);
});

test("a rating holds numbers, a note, or 'not applicable'", () => {
  assert.deepEqual(answerFrom("rated", { likelihood: "3", severity: "", note: " asked ", na: false }),
    { likelihood: 3, note: "asked" });
  assert.equal(answerFrom("rated", { likelihood: "3", severity: "4", note: "", na: true }), "not-applicable");
  assert.equal(answerFrom("rated", { likelihood: "", severity: "", note: "  ", na: false }), undefined);
});

test("a workbook entry holds a status and text fields", () => {
  assert.deepEqual(answerFrom("prompt", { status: "done", response: "", owner: "Legal", due: "2026-12-15" }),
    { status: "done", owner: "Legal", due: "2026-12-15" });
});

test("writing an answer back gives the same answer", () => {
  const cases = [
    ["choice", "embedded"],
    ["multi", ["a", "b"]],
    ["rated", { likelihood: 2, severity: 5, note: "n" }],
    ["rated", "not-applicable"],
    ["prompt", { status: "in-progress", response: "r", owner: "o", due: "2027-01-01" }],
  ];
  for (const [type, value] of cases) assert.deepEqual(answerFrom(type, controlsFor(type, value)), value);
  assert.deepEqual(answerFrom("prompt", controlsFor("prompt", "done")), { status: "done" }, "a bare status");
  assert.equal(answerFrom("rated", controlsFor("rated", undefined)), undefined);
});

test("what counts as answered follows the engine: both axes; a status, an owner, a date or a response", () => {
  assert.equal(answered("rated", { likelihood: 3 }), false);
  assert.equal(answered("rated", { likelihood: 3, severity: 1 }), true);
  assert.equal(answered("rated", "not-applicable"), true);
  assert.equal(answered("prompt", { owner: "x" }), true, "planned: not started");
  assert.equal(answered("prompt", { owner: " ", due: "" }), false);
  assert.equal(answered("prompt", { status: "not-started" }), true);
  assert.equal(answered("choice", "dont-know"), true);
  assert.equal(answered("choice", undefined), false);
});

test("progress counts per section and overall", () => {
  const progress = countProgress([
    { section: "a", type: "choice", value: "x" },
    { section: "a", type: "rated", value: { likelihood: 1 } },
    { section: "b", type: "prompt", value: { status: "done" } },
  ]);
  assert.equal(progress.answered, 2);
  assert.equal(progress.total, 3);
  assert.deepEqual(progress.sections.get("a"), { answered: 1, total: 2 });
  assert.deepEqual(progress.sections.get("b"), { answered: 1, total: 1 });
});
