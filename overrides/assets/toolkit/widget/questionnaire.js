// A questionnaire widget: the static form rendered at build time, brought to life. Each part is its
// own module; they share one small context `q` and talk through events on the widget element:
//   tk:edited ({typing}: answers changed) · tk:edited-by-user · tk:loaded (answers replaced) · tk:filtered
//   tk:scored (the engine's result) · tk:shown (which prompts are shown changed) · tk:renamed
//   tk:erased · tk:engine (engine status) · tk:view (start, a section or the result) · tk:save-now
//   tk:profiles (the kinds of system ticked changed)
import { mountAssessments } from "./assessments.js";
import { mountBar } from "./bar.js";
import { mountBusy } from "./busy.js";
import { mountConditions } from "./conditions.js";
import { mountContinue } from "./continue.js";
import { install, onStatus } from "../engine/engine.js";
import { mountFiles } from "./files.js";
import { mountFilters } from "./filters.js";
import { mountFlow } from "./flow.js";
import { keepExclusive, markNotApplicable } from "./form-state.js";
import { mountPreview } from "./preview.js";
import { mountProfiles } from "./profiles.js";
import { mountProgress } from "./progress.js";
import { ACTIONS } from "../engine/protocol.js";
import { mountResults } from "./results.js";
import { Store } from "./store.js";
import { mountTeam } from "./team.js";
import { t } from "../shared/i18n.js";
import { hex, sha256 } from "../shared/digest.js";

/** The questionnaire's definition in the page's language (its address is in the widget's
 *  data-definition), sent to the engine first (and again after "Try again"), with the SHA-256 of its
 *  file: an engine started from a snapshot that holds that very file has no need to read it again. */
async function loadDefinition(address) {
  const response = await fetch(new URL(address, location.href));
  if (!response.ok) throw new Error(t("The questionnaire definition could not be loaded (HTTP {status}).", { status: response.status }));
  const text = await response.text();
  const definition = JSON.parse(text);
  const digest = await sha256(new TextEncoder().encode(text));
  install(ACTIONS.load, { definition, definition_sha256: digest ? hex(digest) : "" }).catch(() => {}); // a failed start is reported by its status
}

export function mount(widget) {
  const { questionnaire: id, version, noun, unnamed } = widget.dataset;
  const q = {
    widget,
    id,
    noun,
    unnamed,
    siteRoot: widget.dataset.siteRoot || "",
    // Never read more of a file than the engine accepts: one byte over is enough for it to say so.
    maxFileBytes: Number(widget.dataset.maxFileBytes) || Infinity,
    headingLevel: Number(widget.dataset.headingLevel) || 4,
    /** The name of the assessment shown: the worked example's while previewing, else the user's. */
    name: () => q.preview?.name || q.store.current?.name || "",
    /** Where a downloaded report links back to, and the site's name for its footer. */
    reportSite: () => ({ base_url: new URL(q.siteRoot || "./", location.href).href, site_name: document.title.split(" - ").pop() }),
    form: widget.querySelector("[data-toolkit-form]"),
    store: new Store(id, version),
    filters: { roles: [], stages: [], approaches: [] },
    ready: loadDefinition(widget.dataset.definition),
    actions: {},
    element: (selector) => widget.querySelector(selector),
    emit: (name, detail) => widget.dispatchEvent(new CustomEvent(name, { detail })),
    on: (name, listener) => widget.addEventListener(name, (event) => listener(event.detail)),
  };
  q.ready.catch(() => {}); // reported where it is awaited

  for (const panel of widget.querySelectorAll("[data-tk-js]")) panel.hidden = false;
  mountProfiles(q);
  mountConditions(q);
  mountProgress(q);
  mountResults(q);
  mountBar(q);
  mountFilters(q);
  mountFlow(q);
  const assessments = mountAssessments(q);
  mountPreview(q, assessments);
  mountFiles(q, assessments);
  mountTeam(q, assessments);
  mountContinue(q);
  mountBusy(q);
  onStatus(({ status }) => q.emit("tk:engine", status));

  const typed = (target) => target.matches?.("textarea, input[type=text], input[type=date]") ?? false;
  function onEdit(event) {
    const fieldset = event.target.closest?.("fieldset[data-question]");
    if (fieldset && event.target.matches?.("[data-tk-na]")) markNotApplicable(fieldset);
    if (fieldset && event.target.type === "checkbox") keepExclusive(fieldset, event.target);
    q.emit("tk:edited", { typing: typed(event.target) });
    q.emit("tk:edited-by-user");
  }
  // A choice fires both "input" and "change": one edit, taken from "change". Typing is taken from
  // "input", as it goes (its "change" comes only when the field is left).
  q.form.addEventListener("change", (event) => typed(event.target) || onEdit(event));
  q.form.addEventListener("input", (event) => typed(event.target) && onEdit(event));
  for (const button of widget.querySelectorAll("[data-tk-action]")) {
    button.addEventListener("click", () => q.actions[button.dataset.tkAction]?.(button));
  }
  q.emit("tk:loaded");
}
