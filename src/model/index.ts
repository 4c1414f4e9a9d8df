export * from "./position.js";
export * from "./diagnostics.js";
export * from "./blocks.js";
export * from "./ledger.js";
