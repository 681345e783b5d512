// SHA-256 digests, for the page and the engine's worker alike. Browsers offer them only in secure
// contexts (HTTPS, localhost): elsewhere `sha256` resolves to null and callers do without.

/** The SHA-256 of `bytes` (an ArrayBuffer or a view), or null where the browser offers no digest. */
export async function sha256(bytes) {
  if (!globalThis.crypto?.subtle) return null;
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** A digest written in hexadecimal, as the build writes them. */
export function hex(digest) {
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
