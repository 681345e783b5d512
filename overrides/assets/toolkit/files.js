// Files and reports, all made in this browser: save and open answers files, the worked example,
// the report (one HTML file, Markdown, CSV), printing, and comparing with an earlier file. Nothing is
// uploaded.
import { call } from "./engine.js";
import { collect } from "./form-state.js";
import { download, onFilesPicked, readText } from "./file-io.js";
import { say } from "./messages.js";
import { ACTIONS } from "./protocol.js";
import { now, today } from "./time.js";

export function mountFiles(q, assessments) {
  const message = q.element("[data-tk-file-message]");
  const reportMessage = q.element("[data-tk-report-message]");
  const comparison = q.element("[data-tk-compare-result]");
  const printed = q.element("[data-tk-print]");
  // Never read more of a file than the engine accepts: one byte over is enough for it to say so.
  const maxBytes = Number(q.widget.dataset.maxFileBytes) || Infinity;
  const fileText = (file) => readText(file, maxBytes);
  const name = () => q.preview?.name || q.store.current?.name || "";

  async function ask(action, payload) {
    await q.ready;
    return call(action, { questionnaire: q.id, ...payload });
  }

  /** The current answers as the engine's report request, filtered as on the screen. */
  const reportRequest = () => ({
    answers: collect(q.form),
    name: name(),
    date: today(),
    today: today(),
    filters: q.filters,
    site_name: document.querySelector('meta[property="og:site_name"]')?.content || document.title.split(" - ").pop(),
    base_url: new URL(q.siteRoot || "./", location.href).href,
  });

  async function report(action, key, what) {
    try {
      const exported = await ask(action, reportRequest());
      download(exported[key], exported.filename, exported.mime);
      say(reportMessage, `Downloaded the ${what} as ${exported.filename}.`);
    } catch (error) {
      say(reportMessage, `The ${what} could not be made: ${error.message}`, { alert: true });
    }
  }

  /** Open the text of an answers file as a new assessment (the engine checks it first). */
  async function open(text, label) {
    const parsed = await ask(ACTIONS.parseAnswersFile, { text });
    q.leaveExample();
    const title = parsed.name || label.replace(/\.json$/i, "");
    const kept = assessments.create(title, parsed.answers, { created: parsed.created || undefined });
    let opened = `Opened ${label}: ${Object.keys(parsed.answers).length} answers, now the assessment “${title}”. Your other assessments are kept.`;
    if (parsed.migrated && parsed.migration?.summary) opened += ` ${parsed.migration.summary}`;
    say(message, opened);
    assessments.report(kept, `Saved “${title}” in this browser.`);
  }

  q.actions.save = async () => {
    const active = q.store.current;
    try {
      const file = await ask(ACTIONS.answersFile, {
        answers: collect(q.form),
        name: name(),
        created: q.preview?.created || active?.created,
        updated: now(),
      });
      download(file.json, file.filename, file.mime);
      say(reportMessage, `Saved your answers as ${file.filename} (in your downloads).`);
    } catch (error) {
      say(reportMessage, `The file could not be made: ${error.message}`, { alert: true });
    }
  };
  q.actions.example = async (button) => {
    if (q.preview) return;
    try {
      const response = await fetch(button.dataset.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      q.showExample(await ask(ACTIONS.parseAnswersFile, { text: await response.text() }), "the worked example");
      say(message, "Showing the worked example, read only.");
    } catch (error) {
      say(message, `The worked example could not be opened: ${error.message}`, { alert: true });
    }
  };
  q.actions.html = () => report(ACTIONS.exportHtml, "html", "report");
  q.actions.markdown = () => report(ACTIONS.exportMarkdown, "markdown", "report");
  q.actions.csv = () => report(ACTIONS.exportCsv, "csv", "answers");
  q.actions.print = async () => {
    try {
      const exported = await ask(ACTIONS.exportHtml, reportRequest());
      printed.innerHTML = exported.body;
      window.print();
    } catch (error) {
      say(reportMessage, `The report could not be made: ${error.message}`, { alert: true });
    }
  };

  onFilesPicked(q.element("[data-tk-open]"), async ([file]) => {
    try {
      await open(await fileText(file), file.name);
    } catch (error) {
      say(message, `${file.name} could not be opened: ${error.message}. Your current answers are unchanged.`, {
        alert: true,
      });
    }
  });

  onFilesPicked(q.element("[data-tk-compare]"), async ([file]) => {
    try {
      const compared = await ask(ACTIONS.compare, {
        before: await fileText(file),
        after: collect(q.form),
        before_label: `Earlier (${file.name})`,
        after_label: "Now",
        filters: q.filters,
      });
      comparison.innerHTML = compared.html;
      say(reportMessage, `Compared the answers on this page with ${file.name}.`);
    } catch (error) {
      comparison.replaceChildren();
      say(reportMessage, `${file.name} could not be compared: ${error.message}`, { alert: true });
    }
  });
  q.on("tk:erased", () => comparison.replaceChildren());
}
