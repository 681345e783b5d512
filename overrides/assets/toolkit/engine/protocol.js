// The engine's actions, by name: the browser's half of the protocol in pyscript_tools/engine/bridge.py
// (requests and responses are described in docs/maintainers/engine-protocol.md).
export const ACTIONS = Object.freeze({
  version: "version",
  load: "load",
  score: "score",
  checkAnswers: "check_answers",
  parseAnswersFile: "parse_answers_file",
  answersFile: "answers_file",
  template: "template",
  migrate: "migrate",
  exportMarkdown: "export_markdown",
  exportCsv: "export_csv",
  exportHtml: "export_html",
  compare: "compare",
  combine: "combine",
  exportCombined: "export_combined",
});
