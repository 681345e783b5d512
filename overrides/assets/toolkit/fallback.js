// Classic (non-module) script, so it runs where module scripts cannot: pages opened from a file,
// and browsers too old for modules. It only explains why the interactive tools are unavailable.
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
  var reason = "";
  if (location.protocol === "file:") {
    reason = t("The interactive tools need the site to be served over HTTP. Opened from a file, the browser blocks them. Ask your web team to publish the site, or run it locally as the README explains. The guidance on this page remains fully readable.");
  } else if (!("noModule" in HTMLScriptElement.prototype) || typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
    reason = t("This browser cannot run the interactive tools. The guidance on this page remains fully readable; a current version of Firefox, Chrome, Edge or Safari will run the tools.");
  }
  if (!reason) return;
  var boxes = document.querySelectorAll("[data-toolkit-status]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].textContent = reason;
    boxes[i].hidden = false;
    boxes[i].className += " tk-widget__status--failed";
  }
})();
