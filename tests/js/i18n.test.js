import assert from "node:assert/strict";
import { test } from "node:test";
import { tn, useTranslations } from "../../overrides/assets/toolkit/shared/i18n.js";

const FRENCH = { "{n} file": "{n} fichier", "{n} files": "{n} fichiers" };

test("French takes the singular for 0 and 1, English only for 1", () => {
  useTranslations(FRENCH, "fr");
  assert.deepEqual([0, 1, 2, 1.5].map((n) => tn("{n} file", "{n} files", n)), ["0 fichier", "1 fichier", "2 fichiers", "1.5 fichier"]);
  useTranslations({}, "en");
  assert.deepEqual([0, 1, 2].map((n) => tn("{n} file", "{n} files", n)), ["0 files", "1 file", "2 files"]);
});

test("a plural given per category takes the category's text (Arabic has six)", () => {
  const forms = { zero: "لا ملفات", one: "ملف واحد", two: "ملفان", few: "{n} ملفات", many: "{n} ملفًا", other: "{n} ملف" };
  useTranslations({ "{n} file": "ملف واحد", "{n} files": forms }, "ar");
  assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => tn("{n} file", "{n} files", n)),
    ["لا ملفات", "ملف واحد", "ملفان", "3 ملفات", "11 ملفًا", "100 ملف"]);
  useTranslations({}, "en");
});
