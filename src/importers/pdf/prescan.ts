import { constants, inflateSync } from "node:zlib";
import { LIMIT_MESSAGES, MAX_PDF_DECODED_BYTES, MAX_PDF_OBJECTS, MAX_PDF_STREAM_BYTES, tooLarge } from "../limits.js";

/**
 * A look at the raw bytes before pdf.js parses them: pdf.js inflates a stream whole, in memory,
 * so a few kilobytes of zeros deflated a thousand times over would take gigabytes. Every
 * zlib-compressed stream is inflated here with a cap on its output, and the file is refused as
 * soon as one stream or all of them together decode past the limits; objects are counted too.
 */
export function assertPdfWithinLimits(bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (countObjects(buffer) > MAX_PDF_OBJECTS) throw tooLarge(LIMIT_MESSAGES.pdfObjects());
  let total = 0;
  for (let at = buffer.indexOf("stream", 0, "latin1"); at >= 0; at = buffer.indexOf("stream", at + 6, "latin1")) {
    // "endstream" is found by its own search; a stream's data starts after "stream" and its line end.
    if (at >= 3 && buffer.toString("latin1", at - 3, at) === "end") continue;
    let start = at + 6;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] !== 0x0a && buffer[start - 1] !== 0x0d) continue;
    if (buffer[start] === 0x0a) start++;
    const end = buffer.indexOf("endstream", start, "latin1");
    const data = buffer.subarray(start, end < 0 ? buffer.length : end);
    total += inflatedSize(data, MAX_PDF_DECODED_BYTES - total);
    at = end < 0 ? buffer.length : end + 3;
  }
}

/** Objects ("12 0 obj"), counted without building strings. */
function countObjects(buffer: Buffer): number {
  let count = 0;
  for (let at = buffer.indexOf(" obj", 0, "latin1"); at >= 0; at = buffer.indexOf(" obj", at + 4, "latin1")) {
    if (at > 0 && buffer[at - 1] >= 0x30 && buffer[at - 1] <= 0x39) count++;
  }
  return count;
}

/**
 * Decoded size of a zlib stream (0 when it is not one: other filters, encrypted data). zlib stops
 * at `maxOutputLength`, so a bomb costs at most the limit in time and memory, never its full size.
 */
function inflatedSize(data: Uint8Array, budget: number): number {
  if (data.length < 2 || data[0] !== 0x78 || ((data[0] << 8) | data[1]) % 31 !== 0) return 0;
  const limit = Math.min(MAX_PDF_STREAM_BYTES, budget);
  try {
    return inflateSync(data, { maxOutputLength: limit + 1, finishFlush: constants.Z_SYNC_FLUSH /* a stream cut short still counts */ }).length;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw tooLarge(limit === MAX_PDF_STREAM_BYTES ? LIMIT_MESSAGES.pdfStream() : LIMIT_MESSAGES.pdfDecoded());
    }
    // Broken data: pdf.js will say what it makes of it.
    return 0;
  }
}
