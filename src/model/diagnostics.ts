import { z } from "zod";
import { SourcePosition } from "./position.js";

export const Severity = z.enum(["error", "warning", "info"]).meta({ id: "Severity", description: "error: part of the notice could not be read; warning: probably a mistake in the notice; info: worth knowing (no deadline, no owner)." });
export type Severity = z.infer<typeof Severity>;

export const Diagnostic = z
  .object({
    severity: Severity,
    code: z.string().min(1).describe("Stable, kebab-case identifier (e.g. `numbering-gap`), safe to filter on."),
    message: z.string().describe("English text; the code's catalogue entry (`src/model/catalogue.ts`) renders it in Chinese from `params`."),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe("The values the message quotes, by name, for rendering it in another language."),
    source: SourcePosition.nullable().describe("Where in the input, or null for the whole file."),
    taskId: z.string().optional().describe("The id of the task it is about, if any."),
  })
  .strict()
  .meta({ id: "Diagnostic", description: "A message about the input, in the spirit of unified's vfile messages: stable code, position, text." });
export type Diagnostic = z.infer<typeof Diagnostic>;
