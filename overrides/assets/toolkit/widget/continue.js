// The next questionnaire (the quick check leads to the full assessment): following the result's
// "Continue with" button first makes the answers it carries over an assessment of that questionnaire,
// kept in this browser like any other, so that it opens with them (pressed again later, the same
// assessment takes the new answers, keeping what the respondent changed there). Without scripts the link still leads
// there, with nothing carried over.
import { Store } from "./store.js";
import { t } from "../shared/i18n.js";

export function mountContinue(q) {
  let following = null;
  q.on("tk:scored", (result) => {
    following = result?.continue_with || null;
  });
  q.widget.addEventListener("click", (event) => {
    if (!event.target.closest?.("[data-tk-continue]") || !following || !Object.keys(following.answers).length) return;
    const store = new Store(following.questionnaire, following.version || "");
    store.carry(q.widget.dataset.questionnaire, t("Carried over from “{title}”", { title: q.widget.dataset.title }), following.answers);
  });
}
