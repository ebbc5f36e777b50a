import zlib from 'node:zlib';
import { createRequire } from 'node:module';

/**
 * yazl computes each entry's CRC-32 with the pure-JavaScript buffer-crc32 (~350 MB/s), the slowest
 * step of writing a large bundle. Node's zlib.crc32 is the same CRC-32 in native code, ~10× faster.
 * This points yazl's own copy of buffer-crc32 at it; results are bit-identical (tested).
 */
const fromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
const crc = fromYazl('buffer-crc32') as { unsigned: (buf: Buffer, previous?: number | Buffer) => number };
const jsUnsigned = crc.unsigned;
if (typeof zlib.crc32 === 'function') {
  crc.unsigned = (buf, previous) => (previous === undefined || typeof previous === 'number' ? zlib.crc32(buf, previous ?? 0) : jsUnsigned(buf, previous));
}
