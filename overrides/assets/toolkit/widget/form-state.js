// The answers held by the static form: read them, write them back, and count what is answered.
// Each question is a <fieldset data-question=ID data-type=choice|multi|rated|prompt data-section=ID>
// rendered at build time. Nothing here scores: the engine does.

const RATING_AXES = ["likelihood", "severity"];
const TEXT_FIELDS = { rated: ["note"], prompt: ["response", "owner", "due"], choice: [], multi: [] };
const RADIO_GROUPS = { choice: ["choice"], rated: RATING_AXES, prompt: ["status"], multi: [] };

// ------------------------------------------------------------------ answers <-> control values (pure)

/** The answer that a question's control values hold, or undefined when they hold none. `controls`:
 *  {choice | likelihood, severity | status: checked radio value or "", multi: checked values, na: boolean,
 *  note, response, owner, due: text}. */
export function answerFrom(type, controls) {
  if (type === "choice") return controls.choice || undefined;
  if (type === "multi") return controls.multi?.length ? [...controls.multi] : undefined;
  if (type === "rated" && controls.na) return "not-applicable";
  const value = {};
  for (const name of RADIO_GROUPS[type]) {
    if (controls[name]) value[name] = type === "rated" ? Number(controls[name]) : controls[name];
  }
  for (const name of TEXT_FIELDS[type]) if (controls[name]?.trim()) value[name] = controls[name].trim();
  return Object.keys(value).length ? value : undefined;
}

/** The control values that show `value`: the inverse of answerFrom. */
export function controlsFor(type, value) {
  if (type === "choice") return { choice: value === undefined || value === null ? "" : String(value) };
  if (type === "multi") return { multi: (Array.isArray(value) ? value : value == null ? [] : [value]).map(String) };
  const entry = value && typeof value === "object" ? value : type === "prompt" && typeof value === "string" ? { status: value } : {};
  const controls = { na: type === "rated" && value === "not-applicable" };
  for (const name of RADIO_GROUPS[type]) controls[name] = entry[name] === undefined ? "" : String(entry[name]);
  for (const name of TEXT_FIELDS[type]) controls[name] = entry[name] ?? "";
  return controls;
}

// ------------------------------------------------------------------ the DOM (thin)

function radios(fieldset, group) {
  const scope = group === "choice" ? fieldset : fieldset.querySelector(`[data-axis="${group}"]`);
  return [...(scope?.querySelectorAll('input[type="radio"]') || [])];
}

function checkboxes(fieldset) {
  return [...fieldset.querySelectorAll('.tk-options input[type="checkbox"]')];
}

function readControls(fieldset) {
  const type = fieldset.dataset.type;
  const controls = { na: Boolean(fieldset.querySelector("[data-tk-na]")?.checked) };
  if (type === "multi") controls.multi = checkboxes(fieldset).filter((box) => box.checked).map((box) => box.value);
  for (const group of RADIO_GROUPS[type]) controls[group] = radios(fieldset, group).find((r) => r.checked)?.value || "";
  for (const name of TEXT_FIELDS[type]) controls[name] = fieldset.querySelector(`[data-tk-field="${name}"]`)?.value || "";
  return controls;
}

function writeControls(fieldset, controls) {
  const type = fieldset.dataset.type;
  if (type === "multi") for (const box of checkboxes(fieldset)) box.checked = controls.multi.includes(box.value);
  for (const group of RADIO_GROUPS[type]) {
    for (const radio of radios(fieldset, group)) radio.checked = radio.value === controls[group] && controls[group] !== "";
  }
  for (const name of TEXT_FIELDS[type]) {
    const element = fieldset.querySelector(`[data-tk-field="${name}"]`);
    if (element && element.value !== controls[name]) element.value = controls[name];
  }
  const na = fieldset.querySelector("[data-tk-na]");
  if (na) {
    na.checked = controls.na;
    markNotApplicable(fieldset);
  }
}

/** The answer held by one question's fieldset, or undefined when it is empty. */
function readQuestion(fieldset) {
  return answerFrom(fieldset.dataset.type, readControls(fieldset));
}

export function questions(form) {
  return [...form.querySelectorAll("fieldset[data-question]")];
}

/** Every answer in the form: {question id: value}. */
export function collect(form) {
  const answers = {};
  for (const fieldset of questions(form)) {
    const value = readQuestion(fieldset);
    if (value !== undefined) answers[fieldset.dataset.question] = value;
  }
  return answers;
}

/** Put `answers` into the form, clearing every question they do not mention. */
export function apply(form, answers) {
  for (const fieldset of questions(form)) {
    const id = fieldset.dataset.question;
    writeControls(fieldset, controlsFor(fieldset.dataset.type, Object.hasOwn(answers, id) ? answers[id] : undefined));
  }
}

/** A box of a multi question just ticked: one ticked alone ("None of these") clears the others, and any
 *  other clears the ones ticked alone, so the answer never contradicts itself. */
export function keepExclusive(fieldset, ticked) {
  const boxes = checkboxes(fieldset);
  if (!ticked.checked || !boxes.includes(ticked)) return;
  const alone = ticked.hasAttribute("data-tk-exclusive");
  for (const box of boxes) if (box !== ticked && (alone || box.hasAttribute("data-tk-exclusive"))) box.checked = false;
}

/** A rated harm marked not applicable: its two rating groups are disabled (and skipped by Tab). */
export function markNotApplicable(fieldset) {
  const na = fieldset.querySelector("[data-tk-na]");
  if (!na) return;
  for (const axis of RATING_AXES) fieldset.querySelector(`[data-axis="${axis}"]`).disabled = na.checked;
}

/** Whether an answer counts, by the engine's rule (pyscript_tools.engine.answers.is_answered): a rating
 *  needs both axes or "not applicable", a prompt a status or anything recorded (then not started), a multi
 *  question one option, any other answer counts. */
export function answered(type, value) {
  if (value === undefined || value === null) return false;
  if (type === "multi") return Array.isArray(value) ? value.length > 0 : Boolean(value);
  if (type === "rated") return value === "not-applicable" || RATING_AXES.every((axis) => value[axis] != null);
  if (type === "prompt") {
    return typeof value === "string" || Boolean(value.status) || TEXT_FIELDS.prompt.some((key) => String(value[key] ?? "").trim());
  }
  return true;
}

/** Answered and total questions, overall and per section, of `items` [{section, type, value}]. */
export function countProgress(items) {
  const sections = new Map();
  let done = 0;
  for (const { section, type, value } of items) {
    const entry = sections.get(section) || { answered: 0, total: 0 };
    entry.total += 1;
    if (answered(type, value)) {
      entry.answered += 1;
      done += 1;
    }
    sections.set(section, entry);
  }
  return { answered: done, total: items.length, sections };
}

/** The progress of the questions that count (the workbook's filters leave some out; a kind of system's
 *  section counts once that kind is chosen). */
export function progressOf(form) {
  const shown = questions(form).filter(
    (fieldset) => !fieldset.hidden && !fieldset.closest("section[data-tk-empty], section[data-tk-off]"),
  );
  return countProgress(
    shown.map((f) => ({ section: f.dataset.section, type: f.dataset.type, value: readQuestion(f) })),
  );
}
