// Messages to the user: one or two short sentences, announced politely (status) or at once (alert).

const MESSAGE_LIMIT = 300; // characters, whatever a message quotes
const KEEP_MS = 3000; // how long a message said with `keep` stays in front of the messages that follow it
const kept = new WeakMap(); // element -> { text, until }

/** Put `text` into `element` (or its [data-tk-message-text] part), as an alert or a status. An
 *  [data-tk-message-action] button inside is shown only when `action` is true. A message said with
 *  `keep` is not replaced for a moment: a status that follows it (the result of the same edit) is
 *  added after it, so both are heard. */
export function say(element, text, { alert = false, action = false, keep = false } = {}) {
  if (!element) return;
  const held = kept.get(element);
  const full = held && !keep && !alert && Date.now() < held.until ? `${held.text} ${text}` : text;
  if (keep) kept.set(element, { text, until: Date.now() + KEEP_MS });
  const clipped = full.length > MESSAGE_LIMIT ? `${full.slice(0, MESSAGE_LIMIT - 1)}…` : full;
  (element.querySelector("[data-tk-message-text]") || element).textContent = clipped;
  const button = element.querySelector("[data-tk-message-action]");
  if (button) button.hidden = !action;
  element.classList.toggle("tk-message--alert", alert);
  element.setAttribute("role", alert ? "alert" : "status");
}
