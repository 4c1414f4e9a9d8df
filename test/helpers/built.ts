import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * Fails when the build is missing or older than any file under src/: the CLI tests run what
 * `bin/ledger.js` runs, and `npm test` builds first. The CLI bundle is the build's last output.
 */
export function assertBuilt(): void {
  const built = join(ROOT, "dist", "cli-bundle", "main.js");
  if (!existsSync(built)) throw new Error("dist/ is missing: run `npm run build` first");
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  if (statSync(built).mtimeMs < newest(join(ROOT, "src")) - 1000) throw new Error("dist/ is older than src/: run `npm run build` first");
}
