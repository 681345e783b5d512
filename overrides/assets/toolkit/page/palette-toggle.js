// The palette toggle (overrides/partials/palette.html) is a button: pressing it checks the theme's radio
// for the next palette, and the focus follows to the button the theme now shows in its place.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest?.("[data-tk-palette-next]");
  if (!toggle) return;
  const hadFocus = document.activeElement === toggle;
  document.getElementById(toggle.dataset.tkPaletteNext)?.click();
  if (hadFocus) toggle.form?.querySelector("input:checked + button")?.focus();
});

// The theme also switches on Enter anywhere in its palette form (and then focuses a hidden radio): the
// button's own activation is enough.
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key === "Enter" && event.target.closest?.("[data-tk-palette-next]")) event.stopPropagation();
  },
  true,
);
