import { readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { toReviewHtml } from "../../src/exporters/review-html.js";
import { importBytes } from "../../src/importers/index.js";
import { parseBuffer } from "../../src/ledger.js";
import { checkCsv, checkIcs, checkLeaves, checkNdjson, checkReview, checkTree, checkWalk, everyFixture } from "./view-checks.js";

/** Every view on every fixture (the quick tests of each view take a few of them): each notice parsed once, as `ledger parse` reads it. */

describe("the views on every fixture", () => {
  it.each(everyFixture())("%s", async (file) => {
    const bytes = readFileSync(file);
    const ledger = await parseBuffer(bytes, { path: file });
    checkWalk(ledger);
    checkLeaves(ledger);
    checkTree(ledger);
    checkCsv(ledger);
    checkNdjson(ledger);
    checkIcs(ledger);
    checkReview(ledger, toReviewHtml(ledger, { blocks: await importBytes(bytes, file) }));
  });
});
