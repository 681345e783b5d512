// A table wider than the screen scrolls within its own frame (the page never scrolls sideways); that
// frame must then be reachable by keyboard and named for screen readers (WCAG 2.1.1).
import { t } from "../shared/i18n.js";

const FRAMES = ".md-typeset__scrollwrap";

function label(frame) {
  const caption = frame.querySelector("caption")?.textContent?.trim();
  const header = frame.querySelector("th")?.textContent?.trim();
  return t("{table} (scrolls sideways)", { table: caption || (header ? t("Table: {header}", { header }) : t("Table")) });
}

function update() {
  for (const frame of document.querySelectorAll(FRAMES)) {
    const scrolls = frame.scrollWidth > frame.clientWidth + 1;
    if (scrolls && !frame.hasAttribute("tabindex")) {
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", label(frame));
    } else if (!scrolls && frame.hasAttribute("tabindex")) {
      for (const name of ["tabindex", "role", "aria-label"]) frame.removeAttribute(name);
    }
  }
}

let pending = 0;
function soon() {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(update);
}
window.addEventListener("resize", soon);
document.addEventListener("toggle", soon, true); // a table inside a <details> has a width once opened
// The theme wraps each table in its frame from its own script: look once everything has run.
if (document.readyState === "complete") update();
else window.addEventListener("load", update);
