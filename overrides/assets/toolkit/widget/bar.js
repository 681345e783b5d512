// The live summary that stays in view while answering: the engine's headline (provisional until every
// question is answered) and, for rated harms, each harm's level as soon as it is rated.
import { t } from "../shared/i18n.js";
const notStarted = () =>
  t("No result yet: the scoring engine did not start (see the message above the questions). Your answers are kept.");

export function mountBar(q) {
  const live = q.element("[data-tk-live]");
  const empty = live.textContent;
  const start = q.element("[data-tk-start-label]");
  const startLabel = start.textContent;

  // A failed start is explained at the top of the tool; the bar, always in view, points there.
  q.on("tk:engine", (status) => {
    if (status === "failed" || status === "stalled") live.textContent = notStarted();
    else if (live.textContent === notStarted()) live.textContent = empty;
  });

  q.on("tk:scored", (result) => {
    live.textContent = result.answered ? result.headline : empty;
    start.textContent = result.answered
      ? t("Continue ({answered} of {total} {noun} answered)", { answered: result.answered, total: result.total, noun: q.noun })
      : startLabel;
    const levels = result.html?.levels || {};
    for (const fieldset of q.form.querySelectorAll('fieldset[data-type="rated"]')) {
      const badge = fieldset.querySelector("[data-tk-level]");
      if (badge) badge.innerHTML = levels[fieldset.dataset.question] || "";
    }
  });
}
