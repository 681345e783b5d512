// Keep the site available offline after a first visit (see sw.js at the site's root). Pages opened
// from files, and browsers without service workers, simply stay online-only.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const worker = new URL("../../sw.js", document.currentScript?.src || location.href);
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(worker).catch(() => {}); // e.g. an insecure origin: online only
  });
}
