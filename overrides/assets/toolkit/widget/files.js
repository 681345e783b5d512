// Files and reports, all made in this browser: save and open answers files, the worked example,
// the report (one HTML file, Markdown, CSV), printing, and comparing with an earlier file. Nothing is
// uploaded.
import { call } from "../engine/engine.js";
import { collect } from "./form-state.js";
import { download, onFilesPicked, printDocument, readText } from "./file-io.js";
import { say } from "./messages.js";
import { ACTIONS } from "../engine/protocol.js";
import { now, today } from "./time.js";
import { t, tn } from "../shared/i18n.js";

export function mountFiles(q, assessments) {
  const message = q.element("[data-tk-file-message]");
  const reportMessage = q.element("[data-tk-report-message]");
  const comparison = q.element("[data-tk-compare-result]");
  const printed = q.element("[data-tk-print]");
  const fileText = (file) => readText(file, q.maxFileBytes);
  const nameField = q.element(".tk-panel--files [data-tk-name]");
  let askedForName = false;

  /** The first report or file of an unnamed assessment asks for a name (it goes on the report and in the
   *  file's name); pressing the button again goes ahead without one. Where the name field is out of sight
   *  (an emergency save when the browser refuses to store answers), the file comes at once. */
  function named() {
    if (q.name() || q.preview || askedForName || !nameField || !nameField.checkVisibility()) return true;
    askedForName = true;
    nameField.focus();
    say(reportMessage, t("Give this assessment a name first: it goes on the report and in the file's name. Or press the button again to go on without one."));
    return false;
  }

  async function ask(action, payload) {
    await q.ready;
    return call(action, { questionnaire: q.id, ...payload });
  }

  /** The current answers as the engine's report request, filtered as on the screen. */
  const reportRequest = () => ({
    answers: collect(q.form),
    name: q.name(),
    date: today(),
    today: today(),
    filters: q.filters,
    ...q.reportSite(),
  });

  /** Make a report (`key` of the engine's answer) and offer it; `done` and `failed` say how it went. */
  async function report(action, key, done, failed) {
    if (!named()) return;
    try {
      const exported = await ask(action, reportRequest());
      download(exported[key], exported.filename, exported.mime);
      say(reportMessage, done(exported.filename));
    } catch (error) {
      say(reportMessage, failed(error.message), { alert: true });
    }
  }

  /** Open the text of an answers file as a new assessment (the engine checks it first). */
  async function open(text, label) {
    const parsed = await ask(ACTIONS.parseAnswersFile, { text });
    q.leaveExample();
    const title = parsed.name || label.replace(/\.json$/i, "");
    const kept = assessments.create(title, parsed.answers, { created: parsed.created || undefined });
    let opened = tn(
      "Opened {file}: {n} answer, now the assessment “{name}”. Your other assessments are kept.",
      "Opened {file}: {n} answers, now the assessment “{name}”. Your other assessments are kept.",
      Object.keys(parsed.answers).length,
      { file: label, name: title },
    );
    if (parsed.migrated && parsed.migration?.summary) opened += ` ${parsed.migration.summary}`;
    say(message, opened);
    assessments.report(kept, t("Saved “{name}” in this browser.", { name: title }));
  }

  q.actions.save = async () => {
    if (!named()) return;
    const active = q.store.current;
    try {
      const file = await ask(ACTIONS.answersFile, {
        answers: collect(q.form),
        name: q.name(),
        date: today(),
        created: q.preview?.created || active?.created,
        updated: now(),
      });
      download(file.json, file.filename, file.mime);
      say(reportMessage, t("Saved your answers as {file} (in your downloads).", { file: file.filename }));
    } catch (error) {
      say(reportMessage, t("The file could not be made: {detail}", { detail: error.message }), { alert: true });
    }
  };
  q.actions.example = async (button) => {
    if (q.preview) return;
    try {
      const response = await fetch(button.dataset.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      q.showExample(await ask(ACTIONS.parseAnswersFile, { text: await response.text() }), t("Worked example"));
      say(message, t("Showing the worked example, read only."));
    } catch (error) {
      say(message, t("The worked example could not be opened: {detail}", { detail: error.message }), { alert: true });
    }
  };
  const reportDone = (file) => t("Downloaded the report as {file}.", { file });
  const reportFailed = (detail) => t("The report could not be made: {detail}", { detail });
  q.actions.html = () => report(ACTIONS.exportHtml, "html", reportDone, reportFailed);
  q.actions.markdown = () => report(ACTIONS.exportMarkdown, "markdown", reportDone, reportFailed);
  q.actions.csv = () =>
    report(
      ACTIONS.exportCsv,
      "csv",
      (file) => t("Downloaded the answers as {file}.", { file }),
      (detail) => t("The answers could not be made into a file: {detail}", { detail }),
    );
  q.actions.print = async () => {
    if (!named()) return;
    try {
      const exported = await ask(ACTIONS.exportHtml, reportRequest());
      printDocument(printed, exported.html);
    } catch (error) {
      say(reportMessage, reportFailed(error.message), { alert: true });
    }
  };

  onFilesPicked(q.element("[data-tk-open]"), async ([file]) => {
    try {
      await open(await fileText(file), file.name);
    } catch (error) {
      say(message, t("{file} could not be opened: {detail}. Your current answers are unchanged.", { file: file.name, detail: error.message }), {
        alert: true,
      });
    }
  });

  onFilesPicked(q.element("[data-tk-compare]"), async ([file]) => {
    try {
      const compared = await ask(ACTIONS.compare, {
        before: await fileText(file),
        after: collect(q.form),
        before_label: t("Earlier ({file})", { file: file.name }),
        after_label: t("Now"),
        filters: q.filters,
      });
      comparison.innerHTML = compared.html;
      say(reportMessage, t("Compared the answers on this page with {file}.", { file: file.name }));
    } catch (error) {
      comparison.replaceChildren();
      say(reportMessage, t("{file} could not be compared: {detail}", { file: file.name, detail: error.message }), { alert: true });
    }
  });
  q.on("tk:erased", () => comparison.replaceChildren());
}
