// Progress: how many questions are answered, overall and per section, counted once from the form.
import { progressOf } from "./form-state.js";
import { t } from "../shared/i18n.js";

/** Show the form's progress in the widget's counters and bar. */
function showProgress(q) {
  const { answered, total, sections } = progressOf(q.form);
  q.element("[data-tk-progress-text]").textContent = t("{answered} of {total} {noun} answered", { answered, total, noun: q.noun });
  const bar = q.element("[data-tk-progress]");
  bar.max = Math.max(total, 1);
  bar.value = answered;
  for (const badge of q.widget.querySelectorAll("[data-tk-section-count]")) {
    const entry = sections.get(badge.dataset.tkSectionCount) || { answered: 0, total: 0 };
    badge.textContent = t("{part} of {whole}", { part: entry.answered, whole: entry.total });
    badge.classList.toggle("tk-nav__count--done", entry.total > 0 && entry.answered === entry.total);
  }
  for (const line of q.widget.querySelectorAll("[data-tk-section-line]")) {
    const entry = sections.get(line.dataset.tkSectionLine) || { answered: 0, total: 0 };
    line.textContent = t("{answered} of {total} answered", { answered: entry.answered, total: entry.total });
  }
  return { answered, total, sections };
}

/** Keep the progress current, after every edit, every load and every filter change, in `q.progress`
 *  for the modules mounted after this one (flow.js). */
export function mountProgress(q) {
  for (const event of ["tk:edited", "tk:loaded", "tk:shown"]) q.on(event, () => (q.progress = showProgress(q)));
}
