// Glue for a questionnaire widget: read the form, ask the engine to score, place its HTML.
// Scoring follows every change; answers given before Python is ready are scored once it is.
import { call } from "./engine.js";

const definitions = new URL("./questionnaires/", import.meta.url);

function collectAnswers(form) {
  const answers = {};
  for (const [name, value] of new FormData(form)) answers[name] = value;
  return answers;
}

export async function mount(widget) {
  const id = widget.dataset.questionnaire;
  const form = widget.querySelector("[data-toolkit-form]");
  const result = widget.querySelector("[data-toolkit-result]");
  const loaded = fetch(new URL(`${id}.json`, definitions))
    .then((response) => response.json())
    .then((definition) => call("load", { definition }));
  let latest = 0;

  async function score() {
    const ticket = ++latest;
    try {
      await loaded;
      const scored = await call("score", {
        questionnaire: id,
        answers: collectAnswers(form),
        base_url: widget.dataset.siteRoot || "",
      });
      if (ticket === latest) result.innerHTML = scored.html.all;
    } catch (error) {
      if (ticket === latest) result.textContent = error.message;
    }
    result.hidden = false;
  }

  form.addEventListener("change", score);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    score();
  });
  if (Object.keys(collectAnswers(form)).length) score();
}
