import type { Diagnostic, Severity } from "./diagnostics.js";
import type { SourcePosition } from "./position.js";

/**
 * Builds a diagnostic. Kept apart from the zod schemas so that parsing never loads zod
 * (≈80 ms of start-up): the schemas are needed only to validate and to generate the JSON Schema.
 */
export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  source: SourcePosition | null,
  taskId?: string,
): Diagnostic {
  return taskId === undefined ? { severity, code, message, source } : { severity, code, message, source, taskId };
}
