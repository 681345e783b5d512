// Glue for a questionnaire widget. The form is static HTML rendered at build time; this module
// keeps the answers in the browser's storage, sends them to the engine (Python, in a worker) and
// places what the engine returns. It computes nothing: scores, levels, reports, files and
// comparisons all come from pyscript_tools.
import { call, install, onStatus } from "./engine.js";
import { apply, collect, isAnswered, markNotApplicable, questions } from "./form-io.js";
import { Store } from "./store.js";

const MESSAGE_LIMIT = 300; // characters: a message is one or two short sentences, whatever it quotes
const sameAnswers = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const definitions = new URL("./questionnaires/", import.meta.url);

function debounce(fn, ms) {
  let timer = 0;
  let pending = false;
  const wrapped = (...args) => {
    clearTimeout(timer);
    pending = true;
    timer = setTimeout(() => {
      pending = false;
      fn(...args);
    }, ms);
  };
  wrapped.now = (...args) => {
    clearTimeout(timer);
    pending = false;
    fn(...args);
  };
  wrapped.flush = () => {
    if (pending) wrapped.now();
  };
  return wrapped;
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function download(text, filename, mime) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileName(name) {
  return name.replace(/\.json$/i, "");
}

export function mount(widget) {
  const id = widget.dataset.questionnaire;
  const kind = widget.dataset.kind;
  const siteRoot = widget.dataset.siteRoot || "";
  const $ = (selector) => widget.querySelector(selector);
  const form = $("[data-toolkit-form]");
  const result = $("[data-toolkit-result]");
  const placeholder = $("[data-tk-placeholder]");
  const placeholderText = placeholder.textContent;
  const printAnswers = $("[data-tk-print-answers]");
  const announce = $("[data-tk-announce]");
  const savedLine = $("[data-tk-saved]");
  const fileMessage = $("[data-tk-file-message]");
  const select = $("[data-tk-select]");
  const nameInput = $("[data-tk-name]");
  const compareResult = $("[data-tk-compare-result]");
  const filterCount = $("[data-tk-filter-count]");
  const noun = kind === "workbook" ? "prompts" : "questions";
  const unnamed = kind === "readiness" ? "Our agency" : "Unnamed system";

  for (const panel of widget.querySelectorAll("[data-tk-js]")) panel.hidden = false;

  const store = new Store(id, widget.dataset.version);
  const loaded = fetch(new URL(`${id}.json`, definitions))
    .then((response) => {
      if (!response.ok) throw new Error(`The questionnaire definition could not be loaded (HTTP ${response.status}).`);
      return response.json();
    })
    .then((definition) => {
      // Sent first to the engine, and again to any engine started later by "Try again".
      install("load", { definition }).catch(() => {}); // a failed start is reported by its status
    });
  loaded.catch(() => {}); // reported where it is awaited

  let filters = { roles: [], stages: [], approaches: [] };
  let latest = 0;
  let lastAnnounced = "";
  let engineReady = false;
  let firstResult = true;

  // ---------------------------------------------------------------- messages
  function say(element, text, { alert = false, offerFile = false } = {}) {
    if (!element) return;
    const clipped = text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text;
    (element.querySelector("[data-tk-saved-text]") || element).textContent = clipped;
    const fileButton = element.querySelector("[data-tk-saved-action]");
    if (fileButton) fileButton.hidden = !offerFile;
    element.classList.toggle("tk-alert", alert);
    element.setAttribute("role", alert ? "alert" : "status");
  }

  const NOT_SAVED =
    "Your answers could not be saved in this browser: it refuses to store them (site data blocked, private mode or storage full). They are still on this page; save them to a file to keep them.";

  /** Report a storage write: `done` when it succeeded, the refusal with a file button when not. */
  function reportSave(ok, done) {
    if (ok) say(savedLine, done);
    else say(savedLine, NOT_SAVED, { alert: true, offerFile: true });
  }

  function current() {
    return store.current;
  }

  // ---------------------------------------------------------------- assessments UI
  function renderAssessments() {
    const active = current();
    select.replaceChildren(
      ...store.list().map((a) => new Option(a.name || unnamed, a.key, false, a.key === active?.key)),
    );
    if (!select.options.length) select.append(new Option(active?.name || unnamed, active?.key || "", true, true));
    if (document.activeElement !== nameInput) nameInput.value = active?.name || "";
    updatePrintMeta();
  }

  function updatePrintMeta() {
    const meta = $("[data-tk-print-meta]");
    const name = current()?.name || unnamed;
    const shown = [...widget.querySelectorAll("[data-tk-filter]")]
      .filter((filter) => filter.value)
      .map((filter) => `${filter.labels[0]?.textContent}: ${filter.selectedOptions[0].textContent}`);
    const scope = shown.length ? ` Only the prompts for ${shown.join("; ")}.` : "";
    meta.textContent = `Assessment: ${name}. Report date: ${today()}.${scope}`;
  }

  function load(answers) {
    apply(form, answers || {});
    updateProgress();
    result.hidden = true;
    result.replaceChildren();
    printAnswers.replaceChildren();
    say(placeholder, placeholderText);
    placeholder.hidden = false;
    lastAnnounced = "";
    scoreSoon.now();
  }

  // ---------------------------------------------------------------- progress
  function visible(fieldset) {
    return !fieldset.hidden && !fieldset.closest("section[hidden]");
  }

  function updateProgress(engine = null) {
    const perSection = new Map();
    let answered = 0;
    let total = 0;
    for (const fieldset of questions(form)) {
      if (!visible(fieldset)) continue;
      const entry = perSection.get(fieldset.dataset.section) || { answered: 0, total: 0 };
      entry.total += 1;
      total += 1;
      if (isAnswered(fieldset)) {
        entry.answered += 1;
        answered += 1;
      }
      perSection.set(fieldset.dataset.section, entry);
    }
    if (engine) {
      // The engine's own counts (they honour the workbook filters) take precedence.
      perSection.clear();
      for (const section of engine.sections) perSection.set(section.id, section);
      answered = engine.answered;
      total = engine.total;
    }
    $("[data-tk-progress-text]").textContent = `${answered} of ${total} ${noun} answered`;
    const bar = $("[data-tk-progress]");
    bar.max = Math.max(total, 1);
    bar.value = answered;
    for (const badge of widget.querySelectorAll("[data-tk-section-count]")) {
      const entry = perSection.get(badge.dataset.tkSectionCount) || { answered: 0, total: 0 };
      badge.textContent = `${entry.answered} of ${entry.total}`;
      badge.classList.toggle("tk-count--done", entry.total > 0 && entry.answered === entry.total);
    }
    for (const line of widget.querySelectorAll("[data-tk-section-line]")) {
      const entry = perSection.get(line.dataset.tkSectionLine) || { answered: 0, total: 0 };
      line.textContent = `${entry.answered} of ${entry.total} answered`;
    }
  }

  // ---------------------------------------------------------------- scoring
  async function score() {
    const ticket = ++latest;
    const answers = collect(form);
    const active = current();
    try {
      await loaded;
      const scored = await call("score", {
        questionnaire: id,
        answers,
        base_url: siteRoot,
        name: active?.name || "",
        today: today(),
        answers_table: true,
        ...(kind === "workbook" ? { filters } : {}),
      });
      if (ticket !== latest) return;
      if (kind === "workbook") applyFilterResult(scored);
      updateProgress(scored);
      const any = scored.answered > 0;
      placeholder.hidden = any;
      result.hidden = !any;
      if (any) {
        result.innerHTML = scored.html.all;
        printAnswers.innerHTML = scored.html.answers || "";
      } else {
        result.replaceChildren();
        printAnswers.replaceChildren();
      }
      if (any && firstResult) {
        firstResult = false;
        widget.dataset.firstResultMs = String(Math.round(performance.now()));
      }
      const headline = any ? result.querySelector(".tk-overall")?.textContent?.trim() || "" : "";
      if (headline && headline !== lastAnnounced) {
        lastAnnounced = headline;
        say(announce, `Result updated. ${headline}. ${scored.answered} of ${scored.total} ${noun} answered.`);
      }
      widget.dataset.scored = String(Number(widget.dataset.scored || 0) + 1);
    } catch (error) {
      if (ticket !== latest || !engineReady) return; // a start that failed has its own message
      placeholder.hidden = false;
      say(placeholder, `The result could not be computed: ${error.message}`, { alert: true });
    }
  }
  // While Python starts, nothing is sent: the answers are scored once the engine is ready.
  let engineStatus = "idle";
  const scoreSoon = debounce(() => {
    if (engineReady) return score();
    if (engineStatus !== "failed" && Object.keys(collect(form)).length) {
      placeholder.textContent = "Your answers are kept. The result appears as soon as the scoring engine has started in this browser (usually a few seconds).";
    }
  }, 150);

  onStatus(({ status }) => {
    engineStatus = status;
    engineReady = status === "ready";
    if (status === "ready") score();
    if (status === "failed") {
      placeholder.hidden = false;
      result.hidden = true;
      say(placeholder, "The result cannot be shown because the scoring engine did not start. Your answers are kept in this browser.");
    }
  });

  // ---------------------------------------------------------------- autosave
  /** Show `answers` in the form if they differ from it (another tab's changes came in). */
  function showMerged(answers) {
    if (sameAnswers(answers, collect(form))) return;
    apply(form, answers);
    updateProgress();
    scoreSoon();
  }

  const autosave = debounce(() => {
    rename.flush();
    const saved = store.save(collect(form));
    renderAssessments();
    showMerged(saved.answers);
    const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    reportSave(saved.ok, `Saved in this browser at ${time}.`);
  }, 300);

  function onEdit(event) {
    const fieldset = event.target.closest?.("fieldset[data-question]");
    if (event.target.matches?.("[data-tk-na]") && fieldset) markNotApplicable(fieldset);
    updateProgress();
    autosave();
    scoreSoon();
  }
  form.addEventListener("change", onEdit);
  form.addEventListener("input", onEdit);

  // ---------------------------------------------------------------- assessments
  select.addEventListener("change", () => {
    const key = select.value;
    rename.flush();
    autosave.now();
    const ok = store.select(key);
    renderAssessments();
    load(current()?.answers);
    reportSave(ok, `Switched to “${current()?.name || unnamed}”.`);
  });

  const rename = debounce(() => {
    const ok = store.rename(nameInput.value.trim());
    renderAssessments();
    reportSave(ok, "Name saved in this browser.");
  }, 300);
  nameInput.addEventListener("input", rename);

  /** A new assessment holding `answers`; returns whether it was saved in this browser. */
  function createAssessment(name, answers, extra = {}) {
    autosave.now();
    const ok = store.create(name, answers, extra);
    renderAssessments();
    load(answers);
    return ok;
  }

  const actions = {
    new() {
      const count = store.list().length + 1;
      reportSave(createAssessment(`Assessment ${count}`, {}), "New assessment started. Give it a name.");
      nameInput.focus();
      nameInput.select();
    },
    delete() {
      const active = current();
      if (!active) return;
      if (!window.confirm(`Delete “${active.name || unnamed}” from this browser? Files you have saved are not affected.`)) return;
      const ok = store.remove(active.key);
      store.ensure("");
      renderAssessments();
      load(current()?.answers);
      reportSave(ok, `Deleted “${active.name || unnamed}”.`);
    },
    erase() {
      const message =
        "Erase all your answers to this questionnaire, in every assessment, from this browser? Files you have saved are not affected.";
      if (!window.confirm(message)) return;
      store.erase();
      store.ensure("");
      renderAssessments();
      load({});
      compareResult.replaceChildren();
      say(savedLine, "Your answers to this questionnaire were erased from this browser.");
    },
    async save() {
      const active = current();
      try {
        await loaded;
        const file = await call("answers_file", {
          questionnaire: id,
          answers: collect(form),
          name: active?.name || "",
          created: active?.created,
          updated: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        });
        download(file.json, file.filename, file.mime);
        say(fileMessage, `Saved your answers as ${file.filename} (in your downloads).`);
      } catch (error) {
        say(fileMessage, `The file could not be made: ${error.message}`, { alert: true });
      }
    },
    async example(button) {
      try {
        const response = await fetch(button.dataset.url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await openText(await response.text(), "the worked example");
      } catch (error) {
        say(fileMessage, `The worked example could not be opened: ${error.message}`, { alert: true });
      }
    },
    async markdown() {
      await exportReport("export_markdown", "markdown", "report");
    },
    async csv() {
      await exportReport("export_csv", "csv", "answers");
    },
    print() {
      updatePrintMeta();
      window.print();
    },
    score() {
      autosave.now();
      scoreSoon.now();
      $("[data-tk-results-heading]").focus();
    },
  };

  async function exportReport(action, key, what) {
    try {
      await loaded;
      const exported = await call(action, {
        questionnaire: id,
        answers: collect(form),
        name: current()?.name || "",
        date: today(),
        base_url: new URL(siteRoot || "./", location.href).href,
      });
      download(exported[key], exported.filename, exported.mime);
      say(fileMessage, `Downloaded the ${what} as ${exported.filename}.`);
    } catch (error) {
      say(fileMessage, `The ${what} could not be made: ${error.message}`, { alert: true });
    }
  }

  async function openText(text, label) {
    await loaded;
    // The engine checks the file; nothing in the form changes unless it accepts it.
    const parsed = await call("parse_answers_file", { questionnaire: id, text });
    const name = parsed.name || fileName(label);
    const kept = createAssessment(name, parsed.answers, { created: parsed.created || undefined });
    const count = Object.keys(parsed.answers).length;
    let message = `Opened ${label}: ${count} answers, now the assessment “${name}”. Your other assessments are kept.`;
    if (parsed.migrated && parsed.migration?.summary) message += ` ${parsed.migration.summary}`;
    say(fileMessage, message);
    reportSave(kept, `Saved “${name}” in this browser.`);
  }

  for (const button of widget.querySelectorAll("[data-tk-action]")) {
    button.addEventListener("click", () => actions[button.dataset.tkAction]?.(button));
  }

  // A file picker hands its file over once, then is cleared so the same file can be picked again.
  function onFilePicked(selector, handle) {
    $(selector).addEventListener("change", (event) => {
      const file = event.target.files[0];
      event.target.value = "";
      if (file) handle(file);
    });
  }

  // Never read more of a file than the engine accepts: one byte over the limit is enough for the
  // engine to say the file is too large, in its own words.
  const maxFileBytes = Number(widget.dataset.maxFileBytes) || Infinity;
  const fileText = (file) => file.slice(0, maxFileBytes + 1).text();

  onFilePicked("[data-tk-open]", async (file) => {
    try {
      await openText(await fileText(file), file.name);
    } catch (error) {
      say(fileMessage, `${file.name} could not be opened: ${error.message}. Your current answers are unchanged.`, {
        alert: true,
      });
    }
  });

  onFilePicked("[data-tk-compare]", async (file) => {
    try {
      await loaded;
      const compared = await call("compare", {
        questionnaire: id,
        before: await fileText(file),
        after: collect(form),
        before_label: `Earlier (${file.name})`,
        after_label: "Now",
        ...(kind === "workbook" ? { filters } : {}),
      });
      compareResult.innerHTML = compared.html;
      say(fileMessage, `Compared the answers on this page with ${file.name}.`);
    } catch (error) {
      compareResult.replaceChildren();
      say(fileMessage, `${file.name} could not be compared: ${error.message}`, { alert: true });
    }
  });

  // ---------------------------------------------------------------- workbook filters
  function applyFilterResult(scored) {
    const shown = new Set(scored.questions.map((q) => q.id));
    for (const fieldset of questions(form)) fieldset.hidden = !shown.has(fieldset.dataset.question);
    const totals = new Map(scored.sections.map((s) => [s.id, s.total]));
    for (const section of form.querySelectorAll("section[data-section]")) {
      section.hidden = !totals.get(section.dataset.section);
    }
    for (const item of widget.querySelectorAll("[data-tk-nav]")) item.hidden = !totals.get(item.dataset.tkNav);
    const all = questions(form).length;
    const filtered = Object.values(scored.filters || {}).some((list) => list.length);
    filterCount.textContent = filtered
      ? `Showing ${scored.total} of ${all} prompts. Progress, results and exports count these prompts only.`
      : `Showing all ${all} prompts.`;
  }

  for (const filter of widget.querySelectorAll("[data-tk-filter]")) {
    filter.addEventListener("change", () => {
      filters = { ...filters, [filter.dataset.tkFilter]: filter.value ? [filter.value] : [] };
      if (!engineReady) say(filterCount, "The filter applies as soon as the engine has started.");
      updatePrintMeta();
      scoreSoon.now();
    });
  }

  window.addEventListener("beforeprint", updatePrintMeta);
  // Another tab of this site saved or erased: follow it, keeping this tab's own unsaved changes.
  window.addEventListener("storage", (event) => {
    if (event.key !== null && event.key !== store.key) return;
    if (store.erasedElsewhere()) {
      store.erase();
      store.ensure("");
      renderAssessments();
      load({});
      say(savedLine, "Your answers to this questionnaire were erased in another tab of this browser.");
      return;
    }
    const answers = store.follow(collect(form));
    renderAssessments();
    showMerged(answers);
  });

  // ---------------------------------------------------------------- start: restore what was kept
  if (!store.writable) say(savedLine, NOT_SAVED, { alert: true, offerFile: true });
  const restored = store.ensure("");
  renderAssessments();
  // Answers typed before this module ran (a slow network) win over stored ones for those questions.
  const early = collect(form);
  apply(form, { ...(restored?.answers || {}), ...early });
  updateProgress();
  if (Object.keys(restored?.answers || {}).length) {
    say(savedLine, `Restored “${restored.name || unnamed}”, saved in this browser on ${new Date(restored.updated).toLocaleString()}.`);
  }
  scoreSoon.now();
}
