import { readFileSync } from "node:fs";
import { importTxt } from "../src/importers/txt.js";
const d = importTxt(readFileSync(process.argv[2]));
for (const b of d.blocks) {
  if (b.type === "paragraph") console.log(b.source.line, "P", b.text.slice(0, 40));
  else { console.log(b.source.line, "TABLE"); for (const r of b.rows) console.log("  ", r.map(s => s.kind === "cell" ? `[${s.colSpan}]` + s.text.replace(/\n/g,"⏎").slice(0, 12) : "^").join(" | ")); }
}
