// The printed report: a header that names the assessment, the date and any workbook filters.
import { today } from "./time.js";

export function mountPrint(q) {
  const meta = q.element("[data-tk-print-meta]");
  function update() {
    const shown = [...q.widget.querySelectorAll("[data-tk-filter]")]
      .filter((filter) => filter.value)
      .map((filter) => `${filter.labels[0]?.textContent}: ${filter.selectedOptions[0].textContent}`);
    const scope = shown.length ? ` Only the prompts for ${shown.join("; ")}.` : "";
    meta.textContent = `Assessment: ${q.store.current?.name || q.unnamed}. Report date: ${today()}.${scope}`;
  }
  q.actions.print = () => {
    update();
    window.print();
  };
  for (const event of ["tk:renamed", "tk:filtered"]) q.on(event, update);
  window.addEventListener("beforeprint", update);
}
