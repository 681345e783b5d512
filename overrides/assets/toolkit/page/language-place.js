// The language selector keeps the reader's place: a page's counterpart in another language has the same
// anchors (a heading's, or a tool's view: #tk-risk-results, #tk-readiness-s-culture, #tk-risk-team...), so
// the place in the address goes with the link.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a.md-select__link[hreflang]");
  if (link && location.hash && !new URL(link.href).hash) link.hash = location.hash;
});
