import { defineConfig } from "vitest/config";

/**
 * `npm test` runs every file; `npm run test:quick` leaves out test/robustness/, test/browser/ and
 * *.slow.test.ts (see package.json). No test asserts on time or memory, so a loaded machine cannot
 * fail the suite: those bounds hold only under `npm run test:robustness` (`--mode robustness`, which
 * sets LEDGER_BOUNDS=1 for test/robustness/harness.ts).
 */
export default defineConfig(({ mode }) => ({
  test: {
    include: ["test/**/*.test.ts"],
    env: mode === "robustness" ? { LEDGER_BOUNDS: "1" } : {},
    // Not bounds: guards against a hang. CLI and robustness tests start real processes, and a
    // loaded 2-core machine can be many times slower than an idle one.
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
}));
