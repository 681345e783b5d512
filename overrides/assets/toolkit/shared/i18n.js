// The widget's texts in the page's language. English is the message id, written where it is used:
// t("Saved in this browser at {time}.", { time }) or, for a count, tn("{n} file", "{n} files", n). The
// build puts the translations the page needs in <script type="application/json" data-tk-interface>
// (pyscript_tools/authoring/catalog.py finds these calls); without them, English.

let catalog = null;
function translations() {
  if (catalog !== null) return catalog;
  const block = typeof document === "undefined" ? null : document.querySelector("script[data-tk-interface]");
  if (!block && typeof document !== "undefined" && document.readyState === "loading") return {}; // not read yet
  try {
    catalog = block ? JSON.parse(block.textContent) : {};
  } catch {
    catalog = {};
  }
  return catalog;
}

let testLanguage = "";

/** The page's language (its <html lang>), e.g. "fr". */
export function language() {
  return testLanguage || (typeof document === "undefined" ? "" : document.documentElement.lang) || "en";
}

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** `message` in the page's language, with {name} placeholders filled from `values`. */
export function t(message, values = {}) {
  const text = translations()[message];
  return fill(typeof text === "string" && text ? text : message, values);
}

/** The form of a message that fits the count `n` (also given to it as {n}), by the language's plural rules
 *  (the browser's Unicode CLDR data, as the catalogue's "(plural rules)" give the engine): the singular's
 *  translation for "one" and the plural's for the rest, or, where the catalogue gives the plural one text
 *  per category (Arabic has six), that category's. */
export function tn(singular, plural, n, values = {}) {
  const form = new Intl.PluralRules(language()).select(n);
  const forms = translations()[plural];
  if (forms && typeof forms === "object") return fill(forms[form] || forms.other || plural, { ...values, n });
  return t(form === "one" ? singular : plural, { ...values, n });
}

/** For the tests: use these translations (and this language) instead of the page's. */
export function useTranslations(entries, code = "") {
  catalog = entries;
  testLanguage = code;
}
