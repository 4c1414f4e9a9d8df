#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
});
process.exitCode = await main(process.argv);
