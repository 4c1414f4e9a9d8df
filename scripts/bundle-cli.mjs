// The command line as a few bundles (Rollup), built after tsc: `bin/ledger.js` loads these, the library keeps tsc's
// one file per module. Node 20's ESM loader resolves, reads and links every module on its own, about 0.3–0.6 ms
// each, and waits for each level of imports before the next. `ledger parse notice.txt` therefore loads two chunks
// besides its two entries:
//   - parse-core: what reading, parsing and writing a plain-text notice needs, which the parse worker and the
//     batch workers load as well;
//   - cli-core: the rest of that command's path (commander, chalk, the parse command, the in-thread parse).
// esbuild's chunks follow which entries share a module, with no say in their grouping: the same path was 34
// modules, 30 ms slower to start (measured on `ledger parse`). Everything else stays in chunks of its own,
// loaded by dynamic import, so the text path still never loads the Word, PDF or Excel code. Packages stay
// external (resolved from node_modules), except commander and chalk, which every command loads.
import { readFile, rm } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { resolve } from "node:path";
import commonjs from "@rollup/plugin-commonjs";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { rollup } from "rollup";

const OUT = "dist/cli-bundle";
const BUNDLED_PACKAGES = ["commander", "chalk"];
/** Where `ledger parse notice.txt` starts: the two chunks hold what these import, statically, to the end. */
const PARSE_CORE_ROOTS = ["ledger.js", "importers/index.js", "exporters/json.js", "cli/guarded-job.js"];
const CLI_CORE_ROOTS = ["cli/main.js", "cli/guarded.js", "cli/parse.js", "cli/in-thread.js"];

const { dependencies } = JSON.parse(await readFile("package.json", "utf8"));
const externalPackages = Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.includes(name));
const isExternal = (id) => isBuiltin(id) || externalPackages.some((name) => id === name || id.startsWith(`${name}/`));
const dist = (path) => resolve("dist", path);

/** Each module's chunk name: the closures of the roots, computed once the module graph is known. */
let coreOf = null;
function manualChunks(id, { getModuleInfo }) {
  if (coreOf === null) {
    coreOf = new Map();
    const claim = (roots, chunk) => {
      const stack = roots.map(dist);
      while (stack.length > 0) {
        const next = stack.pop();
        const info = getModuleInfo(next);
        if (info === null || info.isExternal || coreOf.has(next)) continue;
        coreOf.set(next, chunk);
        stack.push(...info.importedIds);
      }
    };
    claim(PARSE_CORE_ROOTS, "parse-core");
    claim(CLI_CORE_ROOTS, "cli-core");
  }
  return coreOf.get(id);
}

// Chunk names carry content hashes: without a clean folder, every build would leave the last one's chunks behind.
await rm(OUT, { recursive: true, force: true });

const bundle = await rollup({
  input: { main: dist("cli/main.js"), guarded: dist("cli/guarded.js"), "parse-worker": dist("cli/parse-worker.js"), worker: dist("batch/worker.js") },
  external: isExternal,
  // The "node" condition: chalk picks its colour detection by it (the browser one never colours).
  plugins: [nodeResolve({ preferBuiltins: true, exportConditions: ["node"] }), commonjs()],
  // Importing one of Node's own modules does nothing but load it: an import whose bindings are all unused goes,
  // so a chunk does not load worker_threads or zlib for code of its modules that it leaves out.
  treeshake: { moduleSideEffects: (id, external) => !(external && isBuiltin(id)) },
  // Module cycles inside one chunk are harmless (tsc's output runs the same way); anything else is a real warning.
  onwarn(warning, warn) {
    if (warning.code !== "CIRCULAR_DEPENDENCY") warn(warning);
  },
});
// The pool and the guarded parse start `./worker.js` and `./parse-worker.js` beside themselves.
await bundle.write({ dir: OUT, format: "es", entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js", manualChunks });
await bundle.close();
