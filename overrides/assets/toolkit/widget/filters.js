// The workbook's filters: by role, stage and approach. The engine decides which prompts match; this
// shows only those, and says how many.
import { questions } from "./form-state.js";
import { say } from "./messages.js";
import { t } from "../shared/i18n.js";

export function mountFilters(q) {
  const selects = [...q.widget.querySelectorAll("[data-tk-filter]")];
  if (!selects.length) return;
  const count = q.element("[data-tk-filter-count]");
  let engineReady = false;
  q.on("tk:engine", (status) => (engineReady = status === "ready"));

  for (const select of selects) {
    select.addEventListener("change", () => {
      q.filters = { ...q.filters, [select.dataset.tkFilter]: select.value ? [select.value] : [] };
      if (!engineReady) say(count, t("The filter applies as soon as the engine has started."));
      q.emit("tk:filtered");
    });
  }

  q.on("tk:scored", (result) => {
    const shown = new Set(result.questions.map((row) => row.id));
    const fieldsets = questions(q.form);
    for (const fieldset of fieldsets) fieldset.hidden = !shown.has(fieldset.dataset.question);
    const totals = new Map(result.sections.map((section) => [section.id, section.total]));
    for (const section of q.form.querySelectorAll("section[data-section]")) {
      section.toggleAttribute("data-tk-empty", !totals.get(section.dataset.section)); // the flow skips it
    }
    for (const item of q.widget.querySelectorAll("[data-tk-nav]")) item.hidden = !totals.get(item.dataset.tkNav);
    const all = fieldsets.length;
    const filtered = Object.values(result.filters || {}).some((list) => list.length);
    say(
      count,
      filtered
        ? t("Showing {shown} of {all} {noun}. Progress, results and exports count these {noun} only.", {
            shown: result.total,
            all,
            noun: q.noun,
          })
        : t("Showing all {count} {noun}.", { count: all, noun: q.noun }),
    );
    q.emit("tk:shown");
  });
}
