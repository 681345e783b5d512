// Files in and out of the page, never over the network: downloads made in the browser, and pickers
// that hand over their files once.

/** Offer `text` as a download named `filename`. */
export function download(text, filename, mime) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Print `html` (a whole report document) as it is, from `frame`, an empty iframe of the page: what is
 *  printed is the very file "Download the report" gives, with its own styles and policy. */
export function printDocument(frame, html) {
  frame.addEventListener("load", () => frame.contentWindow?.print(), { once: true });
  frame.srcdoc = html;
}

/** A file picker hands over its files once, then is cleared so the same files can be picked again. */
export function onFilesPicked(input, handle) {
  input.addEventListener("change", () => {
    const files = [...input.files];
    input.value = "";
    if (files.length) handle(files);
  });
}

/** A file's text, never more than `maxBytes` + 1 (one byte over is enough for the engine to refuse it). */
export function readText(file, maxBytes = Infinity) {
  return file.slice(0, maxBytes + 1).text();
}
