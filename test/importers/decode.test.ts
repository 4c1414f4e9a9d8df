import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText, decodeUtf8 } from "../../src/importers/decode.js";

/** The fast UTF-8 path (simdutf validation + ICU transcoding) against the WHATWG decoder it replaces. */
describe("UTF-8 decoding", () => {
  const fatal = new TextDecoder("utf-8", { fatal: true });
  const lenient = new TextDecoder("utf-8");
  const anyText = fc.string({ unit: "binary", maxLength: 400 });

  it("reads every valid text as TextDecoder does, astral characters and U+FEFF inside included", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const bytes = new TextEncoder().encode(text.replace(/\0/g, ""));
        if (bytes.length === 0) return;
        expect(decodeText(bytes).text).toBe(fatal.decode(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads any bytes as a lenient TextDecoder does: valid, invalid, with and without a BOM", () => {
    const withBom = fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0xef, 0xbb, 0xbf, ...b]));
    const valid = anyText.map((t) => new TextEncoder().encode(t));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), withBom, valid), (bytes) => {
        expect(decodeUtf8(bytes)).toBe(lenient.decode(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses invalid UTF-8 behind a BOM and falls back to GB18030 without one", () => {
    const gbk = new Uint8Array([0xd5, 0xfe, 0xce, 0xf1, 0xb9, 0xab, 0xbf, 0xaa]); // 政务公开
    expect(decodeText(gbk)).toEqual({ text: "政务公开", encoding: "gb18030" });
    expect(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...gbk]))).toThrow(/not valid UTF-8/);
  });
});
