import { z } from "zod";
import { SourcePosition } from "./position.js";

export const Severity = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof Severity>;

/** A message about the input, in the spirit of unified's vfile messages: stable code, position, text. */
export const Diagnostic = z
  .object({
    severity: Severity,
    /** Stable, kebab-case identifier (e.g. `numbering-gap`), safe to filter on. */
    code: z.string().min(1),
    /** English text; the code's catalogue entry (`src/model/catalogue.ts`) renders it in Chinese from `params`. */
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    source: SourcePosition.nullable(),
    taskId: z.string().optional(),
  })
  .strict();
export type Diagnostic = z.infer<typeof Diagnostic>;
