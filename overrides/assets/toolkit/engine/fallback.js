// Classic (non-module) script, so it runs where module scripts cannot: pages opened from a file,
// and browsers too old for modules. It decides whether the interactive tools can run here, and if not,
// explains why. It runs before the widgets' modules (deferred scripts keep their order).
// Its texts are translated from the same catalogue as the modules' (see i18n.js), read without them.
(function () {
  var catalog = {};
  try {
    var block = document.querySelector("script[data-tk-interface]");
    if (block) catalog = JSON.parse(block.textContent);
  } catch (error) {
    catalog = {};
  }
  function t(message) {
    return catalog[message] || message;
  }
  // The one check of whether the tools can run here; engine.js reads its verdict (window.tkCannotRun).
  var reason = "";
  if (location.protocol === "file:") {
    reason = t("The interactive tools need the site to be served over HTTP. Opened from a file, the browser blocks them. Ask your web team to publish the site, or run it locally as the README explains. The guidance on this page remains fully readable.");
  } else if (!("noModule" in HTMLScriptElement.prototype) || typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
    reason = t("This browser cannot run the interactive tools. The guidance on this page remains fully readable; a current version of Firefox, Chrome, Edge or Safari will run the tools.");
  } else if (navigator.deviceMemory !== undefined && navigator.deviceMemory < 1) {
    reason = t("This device reports too little memory to run the interactive tools. The guidance on this page remains fully readable.");
  }
  window.tkCannotRun = reason;
  if (!reason) return;
  var boxes = document.querySelectorAll("[data-toolkit-status]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].textContent = reason;
    boxes[i].hidden = false;
    boxes[i].className += " tk-widget__status--failed";
  }
})();
