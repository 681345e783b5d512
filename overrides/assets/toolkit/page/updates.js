// A newer build of the site, published while a page of it is open: the service worker (sw.js) keeps it
// whole before it is used, and it waits while any page of the old build is open, so that no page ever
// mixes files of two builds. This tells the reader that it is ready and switches to it at one click:
// every open page of the site then reloads on the new build (answers are saved as a page is left, and a
// tool moves them to a new version of its questions itself). Pages opened from files stay as they are.
import { t } from "../shared/i18n.js";

const CHECK_EVERY_MS = 30 * 60 * 1000; // a page left open for days still hears of a new build

function notice(worker) {
  if (document.querySelector("[data-tk-update]")) return;
  const box = document.createElement("div");
  box.className = "tk-update";
  box.dataset.tkUpdate = "";
  box.setAttribute("role", "status");
  const text = document.createElement("p");
  text.textContent = t("A newer version of this site is available. Switching reloads every open page of it; your answers are kept.");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = t("Switch to the new version");
  button.addEventListener("click", () => {
    button.disabled = true;
    worker.postMessage({ type: "tk:switch" }); // sw.js takes over; every page then reloads (below)
  });
  box.append(text, button);
  document.body.prepend(box);
}

function watch(registration) {
  const offer = (worker) => worker?.state === "installed" && notice(worker);
  offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => offer(worker));
  });
  setInterval(() => document.visibilityState === "visible" && registration.update().catch(() => {}), CHECK_EVERY_MS);
}

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  // A page that came from a kept build reloads when a newer build takes over; a first visit's pages are
  // taken over by the first build they came with, and have nothing to reload.
  const kept = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!kept || reloading) return;
    reloading = true;
    location.reload();
  });
  if (kept) navigator.serviceWorker.getRegistration().then((registration) => registration && watch(registration));
}
