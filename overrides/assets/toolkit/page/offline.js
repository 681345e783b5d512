// Keep the site available offline after a first visit (see sw.js at the site's root). Pages opened
// from files, and browsers without service workers, simply stay online-only.
// On a tool page, keeping the site (tens of megabytes) waits until the engine has started or failed,
// so that it never competes with the engine's own downloads on a slow link or a busy processor.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const worker = new URL("../../../sw.js", document.currentScript?.src || location.href);
  const register = () => navigator.serviceWorker.register(worker).catch(() => {}); // e.g. insecure origin
  const settled = (widget) => ["ready", "failed", "stalled"].includes(widget.dataset.engine);
  window.addEventListener("load", () => {
    const widget = document.querySelector("[data-toolkit-widget]");
    if (!widget || settled(widget)) return register();
    const watch = new MutationObserver(() => {
      if (!settled(widget)) return;
      watch.disconnect();
      register();
    });
    watch.observe(widget, { attributes: true, attributeFilter: ["data-engine"] });
  });
}
