import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // CLI and robustness tests start real processes; a loaded 2-core CI machine needs the slack.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
