/**
 * `zhengwu-ledger/ops`: the 台账 operations behind `ledger split`, `merge` and `diff`: one share per
 * unit, the returned 台账 merged back by 任务编号 or wording, two notices compared.
 */
export { splitByUnit, type UnitShare } from "../ops/split.js";
export { mergeReturns, ledgerWithProgress, type ReturnedLedger } from "../ops/merge.js";
export { diffLedgers } from "../ops/diff.js";
export { loadLedger, type LoadedLedger } from "../ops/load.js";
export { mergeToXlsx, diffToXlsx } from "../ops/render.js";
export type { DiffResult, MergeResult } from "../model/ops.js";
