// The user's assessments of this questionnaire, kept in this browser (see store.js): choosing,
// naming, creating, deleting and erasing them, saving every edit, and following other tabs. Answers
// kept under an older version of the questions are moved to this one by the engine before anything is
// saved over them; kept answers that cannot be read are set aside by the store and offered here.
import { call } from "../engine/engine.js";
import { download } from "./file-io.js";
import { apply, collect } from "./form-state.js";
import { say } from "./messages.js";
import { ACTIONS } from "../engine/protocol.js";
import { storedDate } from "./store.js";
import { debounce, today } from "./time.js";
import { language, t } from "../shared/i18n.js";

const sameAnswers = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export function mountAssessments(q) {
  const { store } = q;
  const select = q.element("[data-tk-select]");
  const nameInputs = [...q.widget.querySelectorAll("[data-tk-name]")]; // on the start screen and beside the reports
  const savedLine = q.element("[data-tk-saved]");
  const unreadableLine = q.element("[data-tk-unreadable]");
  const nameOf = (assessment) => assessment?.name || q.unnamed;

  const notSaved = () =>
    store.blocked
      ? t("Your answers are not saved in this browser until the unreadable saved data is downloaded or deleted. They are still on this page.")
      : t(
          "Your answers could not be saved in this browser: it refuses to store them (site data blocked, private mode or storage full). They are still on this page; save them to a file to keep them.",
        );

  /** Say how a storage write went: `done` when it succeeded; otherwise the refusal, with a file button. */
  function report(ok, done) {
    if (ok) say(savedLine, done);
    else say(savedLine, notSaved(), { alert: true, action: true });
  }

  function render() {
    const active = store.current;
    select.replaceChildren(...store.list().map((a) => new Option(nameOf(a), a.key, false, a.key === active?.key)));
    if (!select.options.length) select.append(new Option(nameOf(active), active?.key || "", true, true));
    for (const input of nameInputs) if (document.activeElement !== input) input.value = active?.name || "";
    q.emit("tk:renamed");
  }

  /** Replace the form's answers (another assessment, a file, an erase). */
  function load(answers) {
    apply(q.form, answers || {});
    q.emit("tk:loaded");
  }

  /** Show `answers` if they differ from the form's (another tab's changes came in). */
  function showMerged(answers) {
    if (sameAnswers(answers, collect(q.form))) return;
    apply(q.form, answers);
    q.emit("tk:edited");
  }

  const autosave = debounce(() => {
    rename.flush();
    const saved = store.save(collect(q.form));
    render();
    showMerged(saved.answers);
    const time = new Date().toLocaleTimeString(language(), { hour: "2-digit", minute: "2-digit" });
    report(saved.ok, t("Saved in this browser at {time}.", { time }));
  }, 300);

  let typedName = "";
  const rename = debounce(() => {
    const ok = store.rename(typedName);
    render();
    report(ok, t("Name saved in this browser."));
  }, 300);

  /** A new assessment holding `answers`, made current; returns whether it was saved in this browser. */
  function create(name, answers, extra = {}) {
    autosave.now();
    const ok = store.create(name, answers, extra);
    render();
    load(answers);
    return ok;
  }

  /** Answers kept under an older version of the questions, moved to this version by the engine (until
   *  that has worked, the store keeps them as they were: see Store.save). */
  async function migrateKept(entry) {
    const earlier = entry?.earlier || (entry?.version && entry.version !== store.version ? entry : null);
    if (!earlier || !Object.keys(earlier.answers || {}).length) return;
    try {
      await q.ready;
      const moved = await call(ACTIONS.migrate, { questionnaire: q.id, answers: earlier.answers, from_version: earlier.version });
      if (store.currentKey !== entry.key) return;
      apply(q.form, { ...moved.answers, ...editedSince(entry.answers || {}) });
      q.emit("tk:loaded");
      autosave.now();
      store.migrated();
      say(savedLine, moved.migration.summary);
    } catch {
      say(savedLine, t("Your saved answers are from an earlier version of these questions and could not be moved to this one yet."), {
        alert: true,
      });
    }
  }

  /** What the respondent changed on the page since `kept` was shown (it wins over the moved answers). */
  function editedSince(kept) {
    const now = collect(q.form);
    return Object.fromEntries(Object.entries(now).filter(([id, value]) => !sameAnswers(value, kept[id])));
  }

  function showUnreadable() {
    const kept = store.asides();
    if (!store.blocked && !store.unreadable && !kept.length) {
      unreadableLine.hidden = true;
      return;
    }
    let message = t("Answers kept in this browser that could not be read are set aside, untouched.");
    if (store.blocked) {
      message = t(
        "Answers kept in this browser could not be read, and there is no room to set them aside: they are left as they were, and nothing new is saved until you download or delete them.",
      );
    } else if (store.unreadable) {
      message = t("Answers kept in this browser could not be read. They are set aside, untouched, and a new assessment was started beside them.");
    }
    say(unreadableLine, message, { alert: true });
    unreadableLine.hidden = false;
  }

  q.actions["unreadable-download"] = () => {
    const kept = store.blocked ? [store.unreadable] : store.asides();
    const text = kept.length === 1 ? kept[0].text : kept.map((k) => `----- ${k.key ?? ""}\n${k.text}`).join("\n");
    download(text, `${q.id}-unreadable-saved-answers-${today()}.txt`, "text/plain");
  };
  q.actions["unreadable-delete"] = () => {
    if (!window.confirm(t("Delete the unreadable saved data from this browser? Download it first if you may need it."))) return;
    const ok = store.discardUnreadable();
    showUnreadable();
    report(ok, t("The unreadable saved data was deleted from this browser."));
  };

  q.on("tk:edited-by-user", () => q.preview || autosave());
  q.on("tk:save-now", () => autosave.now());
  for (const input of nameInputs) {
    input.addEventListener("input", () => {
      typedName = input.value.trim();
      for (const other of nameInputs) if (other !== input) other.value = input.value;
      rename();
    });
    input.addEventListener("change", () => rename.flush()); // leaving the field (to press a button) keeps it at once
  }
  select.addEventListener("change", () => {
    const chosen = select.value; // read first: saving re-renders the list
    q.leaveExample();
    rename.flush();
    autosave.now();
    const ok = store.select(chosen);
    render();
    load(store.current?.answers);
    report(ok, t("Switched to “{name}”.", { name: nameOf(store.current) }));
    migrateKept(store.current);
  });

  q.actions.new = () => {
    q.leaveExample();
    report(create(t("Assessment {number}", { number: store.list().length + 1 }), {}), t("New assessment started. Give it a name."));
    nameInputs[0].focus();
    nameInputs[0].select();
  };
  q.actions.delete = () => {
    q.leaveExample();
    const active = store.current;
    const question = t("Delete “{name}” from this browser? Files you have saved are not affected.", { name: nameOf(active) });
    if (!active || !window.confirm(question)) return;
    const ok = store.remove(active.key);
    store.ensure("");
    render();
    load(store.current?.answers);
    report(ok, t("Deleted “{name}”.", { name: nameOf(active) }));
  };
  q.actions.erase = () => {
    const message = t(
      "Erase all your answers to this questionnaire, in every assessment, from this browser? Files you have saved are not affected.",
    );
    if (!window.confirm(message)) return;
    q.leaveExample();
    store.erase();
    store.ensure("");
    render();
    showUnreadable();
    load({});
    q.emit("tk:erased");
    say(savedLine, t("Your answers to this questionnaire were erased from this browser."));
  };

  // Another tab of this site saved or erased: follow it, keeping this tab's own unsaved changes. An assessment
  // another tab deleted stays open here (its answers are not thrown away unasked), and this tab says so once.
  let toldDeleted = null;
  window.addEventListener("storage", (event) => {
    if (event.key !== null && event.key !== store.key) return;
    if (store.erasedElsewhere()) {
      store.erase();
      store.ensure("");
      render();
      load({});
      say(savedLine, t("Your answers to this questionnaire were erased in another tab of this browser."));
      return;
    }
    const answers = store.follow(collect(q.form));
    render();
    showMerged(answers);
    if (store.heldOnlyHere && toldDeleted !== store.currentKey) {
      toldDeleted = store.currentKey;
      const message = t(
        "“{name}” was deleted in another tab of this browser. It stays open here, and is saved again if you change an answer.",
        { name: nameOf(store.current) },
      );
      say(savedLine, message);
    }
  });

  // Leaving the page (closing it, reloading it, switching to a new build) saves what is waiting to be saved.
  window.addEventListener("pagehide", () => {
    rename.flush();
    autosave.flush();
  });

  // Start: restore what was kept. Answers typed before this module ran (a slow network) win.
  if (!store.writable || store.blocked) say(savedLine, notSaved(), { alert: true, action: true });
  showUnreadable();
  const restored = store.ensure("");
  render();
  apply(q.form, { ...(restored?.answers || {}), ...collect(q.form) });
  if (Object.keys(restored?.answers || {}).length && store.currentKey !== store.draftKey) {
    const when = storedDate(restored.updated);
    say(
      savedLine,
      when
        ? t("Restored “{name}”, saved in this browser on {when}.", { name: nameOf(restored), when: when.toLocaleString(language()) })
        : t("Restored “{name}”, saved in this browser.", { name: nameOf(restored) }),
    );
  }
  migrateKept(restored);
  return { create, report };
}
