// The engine's snapshot as published (plugins/runtime/snapshot.py): the heap without its zero pages.
// "TKSPARSE", the heap's size and the number of runs (uint32, little-endian), each run's offset and
// length, then the runs' bytes, in order.

const MAGIC = "TKSPARSE";

/** The whole heap, rebuilt in a zeroed buffer from its non-zero runs; throws on anything else. */
export function fromSparse(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error("snapshot: not in the published format");
  }
  const heap = new Uint8Array(view.getUint32(8, true));
  const runs = view.getUint32(12, true);
  let data = 16 + runs * 8;
  for (let run = 0; run < runs; run++) {
    const offset = view.getUint32(16 + run * 8, true);
    const length = view.getUint32(20 + run * 8, true);
    if (data + length > bytes.length || offset + length > heap.length) throw new Error("snapshot: truncated");
    heap.set(bytes.subarray(data, data + length), offset);
    data += length;
  }
  if (data !== bytes.length) throw new Error("snapshot: unexpected bytes at the end");
  return heap;
}
