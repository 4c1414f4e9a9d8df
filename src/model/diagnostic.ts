import { CATALOGUE, type CatalogueEntry, type DiagnosticCode, type Params, type ParamsOf } from "./catalogue.js";
import type { Diagnostic } from "./diagnostics.js";
import type { SourcePosition } from "./position.js";

/**
 * Builds a diagnostic from its catalogue entry: severity and English message come from the catalogue,
 * the parameters are kept so the message can be shown in Chinese later. Kept apart from the zod
 * schemas so that parsing never loads zod (≈80 ms of start-up).
 */
export function diagnostic<C extends DiagnosticCode>(
  code: C,
  params: ParamsOf<C>,
  source: SourcePosition | null,
  taskId?: string,
): Diagnostic {
  const { severity, en } = CATALOGUE[code] as CatalogueEntry<Params>;
  const p = params as Params;
  const d: Diagnostic = { severity, code, message: en(p), source };
  if (Object.keys(p).length > 0) d.params = p;
  if (taskId !== undefined) d.taskId = taskId;
  return d;
}
