// Reads answers from the static form and writes them back: pure DOM transport, no scoring.
// Each question is a <fieldset data-question=ID data-type=choice|rated|prompt> rendered at build time.

function checkedValue(scope, selector = 'input[type="radio"]') {
  const checked = [...scope.querySelectorAll(selector)].find((input) => input.checked);
  return checked ? checked.value : "";
}

function axisValue(fieldset, axis) {
  const group = fieldset.querySelector(`[data-axis="${axis}"]`);
  const value = group ? checkedValue(group) : "";
  return value === "" ? null : Number(value);
}

function field(fieldset, name) {
  const element = fieldset.querySelector(`[data-tk-field="${name}"]`);
  return element ? element.value.trim() : "";
}

/** The answer held by one question's fieldset, or undefined when it is empty. */
export function readQuestion(fieldset) {
  const type = fieldset.dataset.type;
  if (type === "choice") return checkedValue(fieldset) || undefined;
  if (type === "rated") {
    if (fieldset.querySelector("[data-tk-na]")?.checked) return "not-applicable";
    const value = {};
    const likelihood = axisValue(fieldset, "likelihood");
    const severity = axisValue(fieldset, "severity");
    const note = field(fieldset, "note");
    if (likelihood !== null) value.likelihood = likelihood;
    if (severity !== null) value.severity = severity;
    if (note) value.note = note;
    return Object.keys(value).length ? value : undefined;
  }
  const value = {};
  const status = checkedValue(fieldset.querySelector(".tk-status-group") || fieldset);
  if (status) value.status = status;
  for (const name of ["response", "owner", "due"]) {
    const text = field(fieldset, name);
    if (text) value[name] = text;
  }
  return Object.keys(value).length ? value : undefined;
}

export function questions(form) {
  return [...form.querySelectorAll("fieldset[data-question]")];
}

export function collect(form) {
  const answers = {};
  for (const fieldset of questions(form)) {
    const value = readQuestion(fieldset);
    if (value !== undefined) answers[fieldset.dataset.question] = value;
  }
  return answers;
}

function setRadios(scope, value) {
  for (const input of scope.querySelectorAll('input[type="radio"]')) {
    input.checked = value !== null && value !== undefined && input.value === String(value);
  }
}

function setField(fieldset, name, value) {
  const element = fieldset.querySelector(`[data-tk-field="${name}"]`);
  if (element) element.value = value ?? "";
}

/** Put `answers` into the form, clearing every question they do not mention. */
export function apply(form, answers) {
  for (const fieldset of questions(form)) {
    const value = answers[fieldset.dataset.question];
    const type = fieldset.dataset.type;
    if (type === "choice") {
      setRadios(fieldset, value);
    } else if (type === "rated") {
      const na = value === "not-applicable";
      const rating = value && typeof value === "object" ? value : {};
      fieldset.querySelector("[data-tk-na]").checked = na;
      for (const axis of ["likelihood", "severity"]) {
        setRadios(fieldset.querySelector(`[data-axis="${axis}"]`), rating[axis]);
      }
      setField(fieldset, "note", rating.note);
      markNotApplicable(fieldset);
    } else {
      const entry = typeof value === "string" ? { status: value } : value || {};
      setRadios(fieldset.querySelector(".tk-status-group") || fieldset, entry.status);
      for (const name of ["response", "owner", "due"]) setField(fieldset, name, entry[name]);
    }
  }
}

/** A rated harm marked not applicable: its two rating groups are disabled (and skipped by Tab). */
export function markNotApplicable(fieldset) {
  const na = fieldset.querySelector("[data-tk-na]");
  if (!na) return;
  for (const axis of fieldset.querySelectorAll("[data-axis]")) axis.disabled = na.checked;
}

/** Whether a question counts as answered, by the same rule as the engine (a rating needs both axes). */
export function isAnswered(fieldset) {
  const value = readQuestion(fieldset);
  if (value === undefined) return false;
  if (fieldset.dataset.type === "rated") {
    return value === "not-applicable" || (value.likelihood != null && value.severity != null);
  }
  if (fieldset.dataset.type === "prompt") return Boolean(value.status);
  return true;
}
