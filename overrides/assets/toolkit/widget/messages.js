// Messages to the user: one or two short sentences, announced politely (status) or at once (alert).

const MESSAGE_LIMIT = 300; // characters, whatever a message quotes

/** Put `text` into `element` (or its [data-tk-message-text] part), as an alert or a status. An
 *  [data-tk-message-action] button inside is shown only when `action` is true. */
export function say(element, text, { alert = false, action = false } = {}) {
  if (!element) return;
  const clipped = text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text;
  (element.querySelector("[data-tk-message-text]") || element).textContent = clipped;
  const button = element.querySelector("[data-tk-message-action]");
  if (button) button.hidden = !action;
  element.classList.toggle("tk-message--alert", alert);
  element.setAttribute("role", alert ? "alert" : "status");
}
