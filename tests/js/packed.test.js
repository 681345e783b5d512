// Unpacking the runtime's packed Python archives, with the decoder the site ships (fzstd's browser build).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { unpack } from "../../overrides/assets/toolkit/worker/packed.js";

// The browser build the runtime plugin ships as fzstd.js (a UMD script: under Node, a CommonJS module).
const SHIPPED = fileURLToPath(new URL("../../node_modules/fzstd/umd/index.js", import.meta.url));
const { decompress } = createRequire(import.meta.url)(SHIPPED);
const ARCHIVE = new TextEncoder().encode("PK\x03\x04" + "a stored archive, ".repeat(20));
// ARCHIVE as plugins/runtime/files.py packs it: zstandard.ZstdCompressor(level=19).compress(ARCHIVE)
const PACKED = Uint8Array.from(atob("KLUv/WBsAO0AALBQSwMEYSBzdG9yZWQgYXJjaGl2ZSwgAQCmSp1N"), (c) => c.charCodeAt(0));

test("a packed archive is unpacked to the archive", () => {
  assert.ok(PACKED.length < ARCHIVE.length / 4);
  assert.deepEqual(unpack(PACKED, decompress), ARCHIVE);
});

test("an archive that came unpacked already is used as it is, the decoder untouched", () => {
  const never = () => assert.fail("decoded an archive that was not packed");
  assert.equal(unpack(ARCHIVE, never), ARCHIVE);
});

test("a damaged packed archive is refused, not passed on", () => {
  const damaged = PACKED.slice(0, PACKED.length - 6);
  assert.throws(() => unpack(damaged, decompress));
});
