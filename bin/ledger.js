#!/usr/bin/env node
// `parse`, `check` and `tree` spend most of a cold start starting their parse worker, when their input needs
// it: it starts first, so that its start-up runs beside the loading of the CLI itself.
const guarded = ["parse", "check", "tree"].includes(process.argv[2]) ? await import("../dist/cli-bundle/guarded.js") : null;
guarded?.prestartWorker(process.argv.slice(3));
const { main } = await import("../dist/cli-bundle/main.js");

process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
});
process.exitCode = await main(process.argv);
// A worker no command took (a usage error, --help) would keep the process alive.
await guarded?.discardSpareWorker();
