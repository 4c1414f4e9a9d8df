import type { Block, BlockDocument } from "../model/blocks.js";
import { TRADITIONAL_ONLY } from "./lexicon/script.js";

/**
 * Notices in traditional characters (繁體) are matched in simplified form and reported as written: the
 * parser reads a converted copy of the blocks, and every string it returns is mapped back to the
 * characters of the source. OpenCC's t→cn conversion is character-aligned for notices (a phrase whose
 * length would change is converted character by character), so positions carry over.
 */

export type Simplify = (text: string) => string;

/** The traditional-only characters as a table over the BMP: a lookup per character, not a regex over a large class. */
const TRADITIONAL_CODES = new Uint8Array(0x10000);
for (const ch of TRADITIONAL_ONLY) TRADITIONAL_CODES[ch.charCodeAt(0)] = 1;
/** A notice in 繁體 shows it within its first few thousand characters (為, 們, 國, 發, 關 …). */
const SAMPLE = 4_000;

/** True when the notice's text is written in traditional characters. */
export function isTraditional(doc: BlockDocument): boolean {
  let seen = 0;
  let hits = 0;
  for (const text of blockTexts(doc.blocks)) {
    const n = Math.min(text.length, SAMPLE - seen);
    for (let i = 0; i < n; i++) hits += TRADITIONAL_CODES[text.charCodeAt(i)];
    seen += n;
    if (seen >= SAMPLE) break;
  }
  return hits >= 3 && hits * 200 >= seen;
}

let loading: Promise<Simplify> | null = null;

/** OpenCC's converter, loaded on first use (its dictionaries take a while to build). */
export function loadSimplify(): Promise<Simplify> {
  loading ??= import("opencc-js/t2cn").then(({ Converter }) => {
    const convert = Converter({ from: "t", to: "cn" });
    return (text: string) => {
      const out = convert(text);
      return out.length === text.length ? out : Array.from(text, (ch) => convert(ch)).join("");
    };
  });
  return loading;
}

export interface Simplified {
  doc: BlockDocument;
  /** A string read from the simplified copy, in the characters of the source. */
  restore: (text: string) => string;
}

/** The simplified copy of a document, with the mapping back to its own characters. */
export function simplifyDocument(doc: BlockDocument, simplify: Simplify): Simplified {
  const back = new Map<string, string>();
  const ambiguous = new Set<string>();
  let simplifiedText = "";
  let originalText = "";
  const convert = (text: string): string => {
    const out = simplify(text);
    if (out.length !== text.length) return text;
    for (let i = 0; i < out.length; i++) {
      const s = out[i];
      const o = text[i];
      const known = back.get(s);
      if (known === undefined) back.set(s, o);
      else if (known !== o) ambiguous.add(s);
    }
    simplifiedText += out + "\n";
    originalText += text + "\n";
    return out;
  };
  const blocks = doc.blocks.map((b): Block => {
    if (b.type === "paragraph") return { ...b, text: convert(b.text), label: b.label === null ? null : convert(b.label) };
    return { ...b, rows: b.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? { ...slot, text: convert(slot.text) } : slot))) };
  });
  const restore = (text: string): string => {
    if (text === "") return text;
    let mapped = "";
    let needsContext = false;
    for (const ch of text) {
      if (ambiguous.has(ch)) needsContext = true;
      mapped += back.get(ch) ?? ch;
    }
    if (!needsContext) return mapped;
    // A character written two ways in this notice (後/后): take the text where it occurs.
    const at = simplifiedText.indexOf(text);
    return at >= 0 ? originalText.slice(at, at + text.length) : mapped;
  };
  return { doc: { ...doc, blocks }, restore };
}

/** Every string of `value` (a parse result) mapped through `restore`, except canonical unit names. */
export function restoreStrings<T>(value: T, restore: (text: string) => string): T {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === "string") return key === "canonical" ? v : restore(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = k === "source" ? x : walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value, "") as T;
}

function* blockTexts(blocks: readonly Block[]): Generator<string> {
  for (const b of blocks) {
    if (b.type === "paragraph") yield b.text;
    else for (const row of b.rows) for (const slot of row) if (slot.kind === "cell") yield slot.text;
  }
}
