// Combining several people's answers files (the engine's "combine"): the files are read in this page,
// kept in memory only, and sent to the engine in this browser; the consensus can become one of the
// user's assessments or a file. Nothing here is stored or uploaded.
import { call } from "../engine/engine.js";
import { download, onFilesPicked, printDocument, readText } from "./file-io.js";
import { say } from "./messages.js";
import { ACTIONS } from "../engine/protocol.js";
import { today } from "./time.js";
import { t, tn } from "../shared/i18n.js";

export function mountTeam(q, assessments) {
  const message = q.element("[data-tk-team-message]");
  const output = q.element("[data-tk-team-result]");
  const actions = q.element("[data-tk-team-actions]");
  const names = q.element("[data-tk-team-names]");
  const printed = q.element("[data-tk-print]");
  let files = []; // {name, text}
  let choices = {}; // question id -> the answer the facilitator chose
  let combined = null;

  const keep = q.element("[data-tk-team-keep]");
  const request = () => ({ questionnaire: q.id, files, named: names.checked, choices, keep_duplicates: keep.checked });

  async function refresh(focusQuestion) {
    if (!files.length) {
      combined = null;
      output.replaceChildren();
      actions.hidden = true;
      return;
    }
    try {
      await q.ready;
      combined = await call(ACTIONS.combine, {
        ...request(),
        base_url: q.siteRoot,
        heading_level: q.headingLevel,
        date: today(),
      });
      output.innerHTML = combined.html.all;
      actions.hidden = false;
      const left = combined.refused.map((r) => r.file);
      const count = combined.respondents.length;
      let said = tn("Combined {n} file.", "Combined {n} files.", count);
      if (left.length) said += ` ${t("Left out: {files} (the reasons are below).", { files: left.join(", ") })}`;
      say(message, said);
      if (focusQuestion) output.querySelector(`[data-tk-consensus="${CSS.escape(focusQuestion)}"]`)?.focus();
    } catch (error) {
      combined = null;
      output.replaceChildren();
      actions.hidden = true;
      say(message, t("The files could not be combined: {detail}", { detail: error.message }), { alert: true });
    }
  }

  async function add(picked) {
    for (const file of picked) files.push({ name: file.name, text: await readText(file, q.maxFileBytes) });
    await refresh(); // the engine counts the same answers file chosen twice once, and says so
  }

  onFilesPicked(q.element("[data-tk-team-files]"), add);
  const drop = q.element("[data-tk-team-drop]");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("tk-team__drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("tk-team__drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("tk-team__drop--over");
    add([...(event.dataTransfer?.files || [])]);
  });
  names.addEventListener("change", () => refresh());
  keep.addEventListener("change", () => refresh());
  output.addEventListener("change", (event) => {
    const select = event.target.closest?.("[data-tk-consensus]");
    if (!select) return;
    const id = select.dataset.tkConsensus;
    if (select.value) choices[id] = JSON.parse(select.value);
    else delete choices[id];
    refresh(id);
  });

  async function exported(format) {
    try {
      await q.ready;
      return await call(ACTIONS.exportCombined, {
        ...request(),
        format,
        date: today(),
        ...q.reportSite(),
      });
    } catch (error) {
      say(message, t("The combined report could not be made: {detail}", { detail: error.message }), { alert: true });
      return null;
    }
  }

  async function offer(format) {
    const file = await exported(format);
    if (!file) return;
    download(file.content, file.filename, file.mime);
    say(message, t("Downloaded the combined report as {file}.", { file: file.filename }));
  }

  q.actions["team-html"] = () => offer("html");
  q.actions["team-markdown"] = () => offer("markdown");
  q.actions["team-csv"] = () => offer("csv");
  q.actions["team-print"] = async () => {
    const file = await exported("html");
    if (!file) return;
    printDocument(printed, file.content);
  };
  q.actions["team-save"] = () => {
    if (!combined) return;
    download(combined.consensus_json, combined.consensus_filename, "application/json");
    say(message, t("Saved the consensus as {file} (in your downloads).", { file: combined.consensus_filename }));
  };
  q.actions["team-adopt"] = () => {
    if (!combined) return;
    const { name, answers } = combined.consensus;
    q.leaveExample();
    const ok = assessments.create(name, answers);
    assessments.report(ok, t("Saved “{name}” in this browser.", { name }));
    say(message, t("The consensus is now your assessment “{name}”; your other assessments are kept.", { name }));
    q.show("result");
  };
  q.actions["team-clear"] = () => {
    files = [];
    choices = {};
    refresh();
    say(message, t("The files were put aside; choose other files to combine."));
  };
  // Other people's answers are not kept: leaving the page forgets them (the files stay where they were).
  q.on("tk:erased", () => q.actions["team-clear"]());
}
