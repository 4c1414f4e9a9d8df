/** One row of the benchmark table: a measure, the reference it is compared with in the same run, and its target. */
export interface BenchRow {
  measure: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
  /** null when the row is a breakdown with no target of its own. */
  met: boolean | null;
}
