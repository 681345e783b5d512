// The page asks the questions the engine asks: the same cases as tests/engine/test_conditions.py.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { askedQuestions, holds } from "../../overrides/assets/toolkit/widget/conditions.js";

const shared = JSON.parse(readFileSync(new URL("../fixtures/conditions.json", import.meta.url), "utf-8"));

test("the page asks what the engine asks, case by case", () => {
  for (const { answers, asked } of shared.cases) {
    const shown = askedQuestions(shared.questions.map((q) => ({ ...q, off: false })), answers);
    assert.deepEqual(shared.questions.map((q) => q.id).filter((id) => shown.has(id)), asked, JSON.stringify(answers));
  }
});

test("a condition holds when one of the values listed is given", () => {
  assert.equal(holds({ a: ["x", "y"] }, { a: ["z", "y"] }), true);
  assert.equal(holds({ a: ["x"] }, { a: "x" }), true);
  assert.equal(holds({ a: ["1"] }, { a: 1 }), true);
  assert.equal(holds({ a: ["x"], b: ["y"] }, { a: "x" }), false);
  assert.equal(holds({ a: ["x"] }, {}), false);
  assert.equal(holds(null, {}), true);
});

test("a question in a section set aside is not asked, nor what follows from it", () => {
  const questions = [
    { id: "kind", askIf: null, off: true },
    { id: "follow", askIf: { kind: ["a"] }, off: false },
  ];
  assert.deepEqual([...askedQuestions(questions, { kind: "a" })], []);
});
