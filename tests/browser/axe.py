"""axe-core in a test page: WCAG 2.0 and 2.1 (levels A and AA), and a violation told in one line per element."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The rules that read colours: all a change of palette can break (the others see the same document).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# WCAG rules (or only `rules`) on `scope`; with `widget`, also axe's best-practice rules on the tool's widget
# (with the WCAG rules, every rule axe runs by default).
RUN_AXE = """async ([scope, tags, rules, widget, skipped]) => {
  // Audit the colours a reader sees once a hover or a palette change has finished its transition.
  const running = document.getAnimations()
    .filter((a) => a.playState === "running" && a.effect?.getComputedTiming().endTime !== Infinity);
  const settled = Promise.all(running.map((a) => a.finished.catch(() => null)));
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 2000))]);
  const only = rules ? {type: "rule", values: rules} : {type: "tag", values: tags};
  const context = scope === "document" ? document : scope;
  // axe fetches every stylesheet again for one rule only, an experimental one no tag here runs: it fetches
  // the media alone (for the autoplay rule; the site has none).
  const off = Object.fromEntries(skipped.map((id) => [id, {enabled: false}]));
  const options = {runOnly: only, rules: off, resultTypes: ["violations"], preload: {assets: ["media"]}};
  const found = (await axe.run(context, options)).violations;
  if (widget) {
    // Every other rule axe runs by default is a best practice: the WCAG rules are not run twice.
    const practice = {runOnly: {type: "tag", values: ["best-practice"]}, resultTypes: ["violations"], preload: false};
    found.push(...(await axe.run({include: [".tk-widget"]}, practice)).violations);
  }
  return found.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    nodes: rule.nodes.map((node) => ({
      target: node.target.map(String).join(" "),
      html: node.html.slice(0, 160),
      summary: node.failureSummary || "",
    })),
  }));
}"""


def axe_in_every_page(context: BrowserContext) -> None:
    """Load axe in every page the context opens (cheaper than sending the script to each page afterwards)."""
    context.add_init_script(path=str(AXE_SCRIPT))


def run_axe(page: Page, scope: str = "document", widget: bool = False, rules: list[str] | None = None,
            skipped: list[str] | None = None) -> list[dict]:
    """The violations on the page (or within the CSS selector `scope`), of every WCAG A/AA rule but `skipped`, or
    of `rules`."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(RUN_AXE, [scope, WCAG_TAGS, rules, widget, skipped or []])


def describe(where: str, palette: str, violation: dict) -> list[str]:
    """One line per element that breaks the rule: which rule, where, and axe's advice."""
    lines = []
    for node in violation["nodes"]:
        summary = " ".join(line.strip() for line in node["summary"].splitlines() if line.strip())
        lines.append(
            f"[{violation['id']}] ({violation['impact']}) /{where} ({palette}) at `{node['target']}`: "
            f"{violation['help']}. {summary} | {node['html']}"
        )
    return lines
