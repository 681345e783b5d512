// Glue for a questionnaire widget: read the form, ask the engine to score, place its HTML.
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

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await loaded;
      const scored = await call("score", {
        questionnaire: id,
        answers: collectAnswers(form),
        link_base: widget.dataset.siteRoot || "",
      });
      result.innerHTML = scored.html;
    } catch (error) {
      result.textContent = error.message;
    }
    result.hidden = false;
  });
}
