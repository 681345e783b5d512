// Buttons that need the engine (files, reports, the worked example) show that it is still starting,
// and say so when pressed, instead of seeming to do nothing.
import { onStatus } from "../engine/engine.js";
import { say } from "./messages.js";
import { t } from "../shared/i18n.js";

export function mountBusy(q) {
  const controls = [...q.widget.querySelectorAll("[data-tk-engine]")];
  let ready = false;
  onStatus(({ status }) => {
    ready = status === "ready";
    for (const control of controls) {
      const button = control.matches("input") ? control.labels?.[0] : control;
      button?.classList.toggle("tk-button--busy", !ready);
      if (ready) control.removeAttribute("aria-disabled");
      else control.setAttribute("aria-disabled", "true");
    }
  });
  q.widget.addEventListener(
    "click",
    (event) => {
      const control = event.target.closest("[data-tk-engine]") || event.target.closest("label")?.control;
      if (!control?.hasAttribute?.("data-tk-engine") || ready) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const box = q.element(control.closest(".tk-panel--files") ? "[data-tk-report-message]" : "[data-tk-file-message]");
      say(box, t("The scoring engine is still starting in this browser; this takes a few seconds. Please try again in a moment."));
    },
    true,
  );
}
