// Dates and timers the widget needs: today's date as the engine reads it, and a debounce for typing.

/** Today, as YYYY-MM-DD in the user's time zone. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Now, as an ISO timestamp to the second. */
export function now() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `fn` called `ms` after the last call; `.now()` calls it at once, `.flush()` only if one is waiting. */
export function debounce(fn, ms) {
  let timer = 0;
  let waiting = false;
  const run = (...args) => {
    clearTimeout(timer);
    waiting = false;
    fn(...args);
  };
  const debounced = (...args) => {
    clearTimeout(timer);
    waiting = true;
    timer = setTimeout(() => run(...args), ms);
  };
  debounced.now = run;
  debounced.flush = () => {
    if (waiting) run();
  };
  return debounced;
}
