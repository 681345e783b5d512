// Enter or Space on the palette toggle switches the palette, and the focus stays on the toggle
// (the theme swaps which label is shown, so the focus moves to the one now visible).
document.addEventListener("keydown", (event) => {
  const toggle = event.target.closest?.('[data-md-component="palette"] label[role="button"]');
  if (!toggle || (event.key !== "Enter" && event.key !== " ")) return;
  event.preventDefault();
  const form = toggle.form || toggle.closest("form");
  toggle.click();
  requestAnimationFrame(() => form.querySelector("input:checked + label")?.focus());
});
