// Questions asked only when earlier answers make them relevant (a fieldset's data-tk-ask-if,
// {question id: [values]}), shown as the engine asks them (pyscript_tools.engine.definition:
// applicable_questions): hidden otherwise, their answers kept for when they are asked again.
import { collect } from "./form-state.js";

/** Whether `answers` meet `condition`: every question it names has one of its values. */
export function holds(condition, answers) {
  if (!condition) return true;
  return Object.entries(condition).every(([id, values]) => {
    const given = answers[id];
    const list = Array.isArray(given) ? given : given == null ? [] : [given];
    const wanted = values.map(String);
    return list.some((value) => typeof value !== "object" && wanted.includes(String(value)));
  });
}

/** The ids of the questions asked, given `answers`: `questions` in document order, each
 *  {id, askIf, off} (`off`: in a section set aside). A condition reads only questions asked before it. */
export function askedQuestions(questions, answers) {
  const given = {};
  const asked = new Set();
  for (const { id, askIf, off } of questions) {
    if (off || !holds(askIf, given)) continue;
    asked.add(id);
    if (Object.hasOwn(answers, id)) given[id] = answers[id];
  }
  return asked;
}

export function mountConditions(q) {
  const items = [...q.form.querySelectorAll("fieldset[data-question]")].map((fieldset) => ({
    fieldset,
    id: fieldset.dataset.question,
    askIf: fieldset.dataset.tkAskIf ? JSON.parse(fieldset.dataset.tkAskIf) : null,
  }));
  if (!items.some((item) => item.askIf)) return;

  function update() {
    const off = (item) => Boolean(item.fieldset.closest("section[data-tk-off]"));
    const asked = askedQuestions(items.map((item) => ({ ...item, off: off(item) })), collect(q.form));
    let changed = false;
    for (const { fieldset, id, askIf } of items) {
      if (!askIf || fieldset.hidden === !asked.has(id)) continue;
      fieldset.hidden = !asked.has(id);
      changed = true;
    }
    if (changed) q.emit("tk:shown");
  }
  // Registered after the kinds of system (their sections decide what is asked) and before progress.
  q.on("tk:edited", update);
  q.on("tk:loaded", update);
  update();
}
