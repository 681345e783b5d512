// Live-region messages: what a screen-reader user hears when two things happen on one edit.
import assert from "node:assert/strict";
import { test } from "node:test";

import { say } from "../../overrides/assets/toolkit/widget/messages.js";

/** A live region as far as say() touches it. */
function region() {
  return {
    textContent: "",
    attributes: {},
    querySelector: () => null,
    classList: { toggle() {} },
    setAttribute(name, value) { this.attributes[name] = value; },
  };
}

test("a message said with keep is not lost to the next one on the same edit", () => {
  const live = region();
  say(live, "Section complete: Culture. Next section.", { keep: true });
  say(live, "Result updated. 50%.");
  assert.match(live.textContent, /Section complete: Culture/);
  assert.match(live.textContent, /Result updated\. 50%/);
});

test("an ordinary message replaces the one before", () => {
  const live = region();
  say(live, "Result updated. 40%.");
  say(live, "Result updated. 50%.");
  assert.equal(live.textContent, "Result updated. 50%.");
});

test("a kept message gives way once its moment has passed", (t) => {
  t.mock.timers.enable({ apis: ["Date"] });
  const live = region();
  say(live, "Section complete: Culture. Next section.", { keep: true });
  t.mock.timers.tick(10_000);
  say(live, "Result updated. 50%.");
  assert.equal(live.textContent, "Result updated. 50%.");
});
