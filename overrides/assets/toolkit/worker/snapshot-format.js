// The engine's snapshot as published (plugins/runtime/snapshot.py): the heap without its zero pages.
// "TKSPARSE", the heap's size and the number of runs (uint32, little-endian), each run's offset and
// length, then the runs' bytes, in order.

const MAGIC = "TKSPARSE";

/** The snapshot's size and its non-zero runs ({offset, bytes}), checked; throws on anything else. */
export function readSparse(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error("snapshot: not in the published format");
  }
  const size = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const runs = [];
  let data = 16 + count * 8;
  for (let run = 0; run < count; run++) {
    const offset = view.getUint32(16 + run * 8, true);
    const length = view.getUint32(20 + run * 8, true);
    if (data + length > bytes.length || offset + length > size) throw new Error("snapshot: truncated");
    runs.push({ offset, bytes: bytes.subarray(data, data + length) });
    data += length;
  }
  if (data !== bytes.length) throw new Error("snapshot: unexpected bytes at the end");
  return { size, runs };
}

/** Writes the snapshot's bytes from `start` on into `target` (as many as it holds), zeros between runs. */
export function copySparse({ runs }, start, target) {
  const end = start + target.length;
  let written = start; // everything before this position in the snapshot is in `target` already
  for (const { offset, bytes } of runs) {
    if (offset + bytes.length <= start) continue;
    if (offset >= end) break;
    if (offset > written) target.fill(0, written - start, offset - start);
    const from = Math.max(offset, start);
    const upto = Math.min(offset + bytes.length, end);
    target.set(bytes.subarray(from - offset, upto - offset), from - start);
    written = upto;
  }
  if (written < end) target.fill(0, written - start);
  return target;
}
