// The runtime's two Python archives travel packed with zstd (plugins/runtime/files.py), a third smaller
// than zips of deflated entries. Unpacking one is this module's job; the decoder (fzstd, shipped beside
// the runtime) is handed in, and called only for packed bytes (the worker imports it then).

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** The archive from the bytes of its packed copy: unpacked with `decompress`, or as they are where they
 *  came unpacked already (the service worker's kept copy, or a host that sent the file with
 *  Content-Encoding: zstd, which the browser undid). */
export function unpack(bytes, decompress) {
  return ZSTD_MAGIC.every((byte, index) => bytes[index] === byte) ? decompress(bytes) : bytes;
}
