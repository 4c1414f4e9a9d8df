/**
 * The .docx rows of issue 10, from measures bench/run.ts takes in one run (so the ratios hold on
 * a busy machine): the library (parseBuffer, the whole parse) and `ledger batch -j 1` per .docx,
 * each against mammoth.convertToHtml alone on the same files.
 */

import type { BenchRow } from "./row.js";

export interface DocxMeasures {
  /** Seconds per .docx, each the best of the bench's rounds. */
  batch: number;
  library: number;
  mammoth: number;
}


const LIBRARY_TARGET = 0.5;
const BATCH_TARGET = 0.7;

export function docxRows({ batch, library, mammoth }: DocxMeasures): BenchRow[] {
  const ms = (s: number) => `${(s * 1000).toFixed(2)} ms`;
  const reference = `mammoth.convertToHtml alone: ${ms(mammoth)}`;
  return [
    {
      measure: "`ledger` library (parseBuffer), per .docx, vs mammoth",
      value: ms(library),
      reference,
      ratio: `${(library / mammoth).toFixed(2)}×`,
      target: `≤ ${LIBRARY_TARGET}×`,
      met: library / mammoth <= LIBRARY_TARGET,
    },
    {
      measure: "`ledger batch -j 1`, per .docx, vs mammoth",
      value: ms(batch),
      reference,
      ratio: `${(batch / mammoth).toFixed(2)}×`,
      target: `≤ ${BATCH_TARGET}×`,
      met: batch / mammoth <= BATCH_TARGET,
    },
  ];
}
