// The respondent's way through a questionnaire: a start screen, then one section at a time (with a
// section menu, previous and next), then the result; beside them, combining a team's files. The address
// keeps the place (#...-s-SECTION, #...-results or #...-team), so a link or a reload opens there.
import { progressOf } from "./form-state.js";
import { say } from "./messages.js";
import { t } from "../shared/i18n.js";

export function mountFlow(q) {
  const start = q.element("[data-tk-start]");
  const workspace = q.element("[data-tk-workspace]");
  const results = q.element("[data-tk-results]");
  const team = q.element("[data-tk-team]");
  const menu = q.element("[data-tk-menu]");
  const menuButton = q.element('[data-tk-action="menu"]');
  const announcer = q.element("[data-tk-announce]");
  const sections = [...q.form.querySelectorAll("section[data-section]")];
  const title = (section) =>
    q.widget.querySelector(`[data-tk-goto-section="${section.dataset.section}"]`)?.textContent || section.dataset.section;
  // The workbook's filters may empty a section; a kind of system's section waits until the kind is ticked.
  const shown = () => sections.filter((s) => !s.hasAttribute("data-tk-empty") && !s.hasAttribute("data-tk-off"));
  let view = "start";
  let finished = new Set();

  /** Scroll `block` to the top (below the summary bar) and move the focus to `heading`. */
  function place(block, heading, focus) {
    block.scrollIntoView({ block: "start" });
    if (focus) heading?.focus({ preventScroll: true });
  }

  /** Show the start screen, a section (its id), the result or the team view. */
  function show(next, { focus = true } = {}) {
    view = next;
    const section = sections.find((s) => s.dataset.section === next);
    start.hidden = next !== "start";
    team.hidden = next !== "team";
    workspace.hidden = next === "start" || next === "team";
    for (const s of sections) s.hidden = s !== section;
    results.hidden = next !== "result";
    for (const link of menu.querySelectorAll("a")) {
      const current = link.dataset.tkGotoSection === next || (next === "result" && "tkGotoResult" in link.dataset);
      if (current) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    }
    closeMenu();
    if (section) {
      updateNavigation(section);
      history.replaceState(null, "", `#${section.id}`);
      place(section, section.querySelector("h2, h3, h4, h5, h6"), focus);
    } else if (next === "result") {
      history.replaceState(null, "", `#${results.id}`);
      place(results, q.element("[data-tk-results-heading]"), focus);
    } else if (next === "team") {
      history.replaceState(null, "", `#${team.id}`);
      place(team, team.querySelector("h2, h3, h4, h5, h6"), focus);
    } else {
      history.replaceState(null, "", location.pathname + location.search);
      if (focus) place(start, start.querySelector("h2, h3, h4, h5, h6"), focus);
    }
    q.emit("tk:view", next);
  }

  function updateNavigation(section) {
    const list = shown();
    const index = list.indexOf(section);
    for (const [i, s] of list.entries()) {
      s.querySelector("[data-tk-step]").textContent = t("Section {number} of {count}", { number: i + 1, count: list.length });
    }
    const previous = section.querySelector('[data-tk-action="previous"]');
    const next = section.querySelector('[data-tk-action="next"]');
    previous.hidden = index <= 0;
    next.textContent = index < list.length - 1 ? t("Next: {section}", { section: title(list[index + 1]) }) : t("See your result");
  }

  function step(by) {
    const list = shown();
    const index = list.findIndex((s) => s.dataset.section === view);
    const next = list[index + by];
    show(next ? next.dataset.section : "result");
  }

  function firstUnfinished() {
    const { sections: counts } = progressOf(q.form);
    const open = shown().find((s) => {
      const count = counts.get(s.dataset.section);
      return count && count.answered < count.total;
    });
    return (open || shown()[0]).dataset.section;
  }

  function closeMenu() {
    menu.hidden = true;
    menuButton.setAttribute("aria-expanded", "false");
  }

  /** The section in view, if the view is a section. */
  const current = () => sections.find((s) => s.dataset.section === view);

  /** Show the section that holds question `id`, and bring the question into view. */
  function goToQuestion(id) {
    const fieldset = q.form.querySelector(`fieldset[data-question="${id}"]`);
    if (!fieldset) return;
    show(fieldset.dataset.section, { focus: false });
    fieldset.scrollIntoView({ block: "center" });
    // The answer given, if any: focus on another option would let the next key press change it.
    const field = fieldset.querySelector("input:checked") || fieldset.querySelector("input, textarea, select");
    field?.focus({ preventScroll: true });
  }

  // A section just finished: say so, and point to the next.
  q.on("tk:edited", () => {
    const counts = q.progress.sections; // counted by progress.js for this edit
    const done = new Set([...counts].filter(([, c]) => c.total && c.answered === c.total).map(([id]) => id));
    const section = current();
    if (section && done.has(view) && !finished.has(view)) {
      const next = section.querySelector('[data-tk-action="next"]');
      next.classList.add("md-button--primary");
      say(announcer, t("Section complete: {section}. {next}.", { section: title(section), next: next.textContent }), { keep: true });
    }
    finished = done;
  });
  q.on("tk:loaded", () => (finished = new Set()));
  q.on("tk:profiles", () => {
    const section = current();
    if (section?.hasAttribute("data-tk-off")) show(firstUnfinished(), { focus: false });
    else if (section) updateNavigation(section);
  });
  q.on("tk:shown", () => {
    const section = current();
    if (section) updateNavigation(section);
  });

  q.actions.start = () => show(firstUnfinished());
  q.actions.next = () => step(1);
  q.actions.previous = () => step(-1);
  q.actions.result = () => show("result");
  q.actions.team = () => show("team");
  q.actions["leave-team"] = () => show("start");
  q.actions.menu = () => {
    const open = menu.hidden;
    menu.hidden = !open;
    menuButton.setAttribute("aria-expanded", String(open));
    if (open) menu.querySelector('[aria-current="step"], a')?.focus();
  };
  q.show = show;

  q.widget.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-tk-goto-section], a[data-tk-goto-result], a[data-tk-goto-start], a[data-tk-goto]");
    if (!link) return;
    event.preventDefault();
    if ("tkGoto" in link.dataset) goToQuestion(link.dataset.tkGoto);
    else if ("tkGotoStart" in link.dataset) show("start");
    else show("tkGotoResult" in link.dataset ? "result" : link.dataset.tkGotoSection);
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      closeMenu();
      menuButton.focus();
    }
  });

  // Where to begin: the place in the address, else the start screen.
  const target = location.hash ? q.widget.querySelector(`#${CSS.escape(decodeURIComponent(location.hash.slice(1)))}`) : null;
  if (target && results.contains(target)) show("result", { focus: false });
  else if (target && team.contains(target)) show("team", { focus: false });
  else if (target?.closest?.("section[data-section]")) {
    const fieldset = target.closest("fieldset[data-question]");
    if (fieldset) goToQuestion(fieldset.dataset.question);
    else show(target.closest("section[data-section]").dataset.section, { focus: false });
  } else show("start", { focus: false });
  q.widget.dataset.tkFlow = "on"; // from now on the views above decide what is shown (widgets.css)
}
