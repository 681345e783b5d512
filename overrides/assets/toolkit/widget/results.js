// The result: asks the engine to score the form's answers and places what it returns (summary,
// chart, tables, recommendations, all HTML made by Python). It computes nothing itself.
import { call, onStatus } from "../engine/engine.js";
import { collect } from "./form-state.js";
import { say } from "./messages.js";
import { ACTIONS } from "../engine/protocol.js";
import { debounce, today } from "./time.js";
import { t } from "../shared/i18n.js";

const waiting = () =>
  t("Your answers are kept. The result appears as soon as the scoring engine has started in this browser (usually a few seconds).");
const notStarted = () => t("The result cannot be shown because the scoring engine did not start. Your answers are kept in this browser.");

export function mountResults(q) {
  const placeholder = q.element("[data-tk-placeholder]");
  const body = q.element("[data-toolkit-result]");
  const announcer = q.element("[data-tk-announce]");
  const emptyText = placeholder.textContent;
  let engine = "idle";
  let ticket = 0;
  let announced = "";

  function showPlaceholder(text, options) {
    placeholder.hidden = false;
    body.hidden = true;
    body.replaceChildren();
    say(placeholder, text, options);
  }

  async function score() {
    const mine = ++ticket;
    try {
      await q.ready;
      const answers = collect(q.form);
      const result = await call(ACTIONS.score, {
        questionnaire: q.id,
        answers,
        html: Object.keys(answers).length > 0, // with nothing answered, the placeholder shows, not a report
        base_url: q.siteRoot,
        name: q.name(),
        today: today(),
        filters: q.filters,
        heading_level: q.headingLevel,
      });
      if (mine !== ticket) return;
      q.emit("tk:scored", result);
      if (!result.answered) {
        showPlaceholder(emptyText);
        return;
      }
      placeholder.hidden = true;
      body.hidden = false;
      body.innerHTML = result.html.all;
      const headline = body.querySelector(".tk-summary__headline")?.textContent?.trim() || "";
      if (headline && headline !== announced) {
        announced = headline;
        say(
          announcer,
          t("Result updated. {headline}. {answered} of {total} {noun} answered.", {
            headline,
            answered: result.answered,
            total: result.total,
            noun: q.noun,
          }),
        );
      }
    } catch (error) {
      if (mine !== ticket || engine !== "ready") return; // a start that failed has its own message
      showPlaceholder(t("The result could not be computed: {detail}", { detail: error.message }), { alert: true });
    }
  }

  const scoreSoon = debounce(() => {
    if (engine === "ready") score();
    else if (engine !== "failed" && Object.keys(collect(q.form)).length) placeholder.textContent = waiting();
  }, 150);

  // A choice is scored at once; typing waits for a pause.
  q.on("tk:edited", (detail) => (detail?.typing ? scoreSoon() : scoreSoon.now()));
  q.on("tk:loaded", () => {
    announced = "";
    showPlaceholder(emptyText);
    scoreSoon.now();
  });
  q.on("tk:filtered", () => scoreSoon.now());
  onStatus(({ status }) => {
    engine = status;
    if (status === "ready") score();
    if (status === "failed") showPlaceholder(notStarted());
  });
}
