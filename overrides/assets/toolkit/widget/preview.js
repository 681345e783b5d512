// The worked example as a read-only preview beside the user's own assessments: it is shown, scored and
// reported like an assessment, but never saved, never selected and never duplicated. "Copy into a new
// assessment" makes it the user's own, once.
import { apply, questions } from "./form-state.js";
import { say } from "./messages.js";
import { t } from "../shared/i18n.js";

export function mountPreview(q, assessments) {
  const banner = q.element("[data-tk-preview]");
  const message = q.element("[data-tk-file-message]");
  q.preview = null; // {name, answers, created} while the example is shown

  function lock(locked) {
    for (const fieldset of questions(q.form)) fieldset.disabled = locked;
    banner.hidden = !locked;
    q.widget.classList.toggle("tk-widget--preview", locked);
  }

  /** Show `example` (a parsed answers file) read only. */
  q.showExample = (example, label) => {
    q.preview = { name: example.name || label, answers: example.answers, created: example.created };
    lock(true);
    apply(q.form, example.answers);
    q.emit("tk:loaded");
    q.show("result");
  };

  /** Back to the user's own assessment, as it was. */
  q.leaveExample = () => {
    if (!q.preview) return;
    q.preview = null;
    lock(false);
    apply(q.form, q.store.current?.answers || {});
    q.emit("tk:loaded");
  };

  q.actions["leave-example"] = () => {
    q.leaveExample();
    q.show("start");
    say(message, t("Back to your own assessment."));
  };
  q.actions["copy-example"] = () => {
    const { name, answers, created } = q.preview;
    q.preview = null;
    lock(false);
    const copy = t("{name} (copy)", { name });
    const kept = assessments.create(copy, answers, { created });
    assessments.report(kept, t("“{name}” is now one of your assessments, saved in this browser.", { name: copy }));
    q.show("result");
  };
}
