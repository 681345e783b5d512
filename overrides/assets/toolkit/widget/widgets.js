// Entry point on pages that hold a widget: start the engine and mount each widget.
// The page is already usable (the forms are static HTML); this only adds the scoring.
import { onStatus, restart, start } from "../engine/engine.js";
import { mount as mountQuestionnaire } from "./questionnaire.js";

// Imported statically so every form is wired before the page's load event.
const MOUNTERS = { questionnaire: mountQuestionnaire };

// While the engine starts, nothing is shown here (a box that appears and goes would move the page
// under the respondent); the buttons that need it look busy instead. Failures stay until "Try again".
function showStatus(widget, { status, reason, retry, startedFrom }) {
  const box = widget.querySelector("[data-toolkit-status]");
  const retryButton = widget.querySelector("[data-toolkit-retry]");
  if (!box) return;
  box.textContent = reason || "";
  box.hidden = !box.textContent;
  box.classList.toggle("tk-widget__status--failed", status === "failed" || status === "stalled");
  if (retryButton) retryButton.hidden = !retry;
  widget.dataset.engine = status;
  if (startedFrom) widget.dataset.engineStart = startedFrom;
}

const widgets = document.querySelectorAll("[data-toolkit-widget]");
if (widgets.length) {
  start(); // adopts the worker the page started from its <head>, or starts one
  for (const widget of widgets) {
    onStatus((state) => showStatus(widget, state));
    widget.querySelector("[data-toolkit-retry]")?.addEventListener("click", restart);
    MOUNTERS[widget.dataset.toolkitWidget]?.(widget);
  }
}
