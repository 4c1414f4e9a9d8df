// The command line as four bundles (esbuild), built after tsc: `bin/ledger.js` loads these, the library keeps
// tsc's one file per module. Node 20's ESM loader resolves, reads and links every module on its own, which is a
// large share of a cold `ledger parse` (its worker thread loads the parser again) and of each batch worker's
// start; a few bundled files load faster. Dynamic imports stay chunks (--splitting), so the text path still
// never loads the Word, PDF or Excel code. Packages stay external (node_modules is resolved as before), except the
// two every command loads: commander and chalk, bundled, load about 15 ms faster (measured on `ledger parse`).
import { readFile, rm } from "node:fs/promises";
import { build } from "esbuild";

// Chunk names carry content hashes: without a clean folder, every build would leave the last one's chunks behind.
await rm("dist/cli-bundle", { recursive: true, force: true });

const { dependencies } = JSON.parse(await readFile("package.json", "utf8"));
const EXTERNAL = Object.keys(dependencies).filter((name) => !["commander", "chalk"].includes(name));

await build({
  entryPoints: ["dist/cli/main.js", "dist/cli/guarded.js", "dist/cli/parse-worker.js", "dist/batch/worker.js"],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: EXTERNAL,
  // commander is CommonJS: its require() of Node's own modules needs a require in the ES module it is bundled into.
  banner: { js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);' },
  // The pool and the guarded parse start `./worker.js` and `./parse-worker.js` beside themselves.
  entryNames: "[name]",
  outdir: "dist/cli-bundle",
  logLevel: "warning",
});
