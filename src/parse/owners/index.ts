/**
 * Owner clauses: who leads (牵头) and who carries out (责任 / 落实 / 配合 …) each task. `shapes.ts` is the
 * registry of the shapes owners are written in, each with its acceptance rule; they share one clause reader
 * (`clause.ts`), one unit splitter (`unit-list.ts`) and the notice's conventions (`conventions.ts`).
 */

export { declaresCarryOver, detectOwnerConventions, type OwnerConventions } from "./conventions.js";
export type { OwnerAssignment, OwnerColumn } from "./clause.js";
export {
  carriedOverUnits,
  findOwnerClauses,
  findTrailingOwnerClause,
  looksLikeUnitList,
  mergeOwnerAssignments,
  parseOwnerCell,
  parseOwnerLine,
  readOwnerProse,
  splitUnits,
} from "./shapes.js";
