import type { ChalkInstance } from "chalk";
import { printable } from "../errors.js";
import type { Diagnostic, Severity } from "../model/diagnostics.js";
import { textWidth } from "../exporters/text-width.js";
import type { Messages } from "./messages.js";

/** Which diagnostics a run shows: errors always, warnings unless --quiet, infos only with --verbose. */
export interface Verbosity {
  quiet?: boolean;
  verbose?: boolean;
}

export function visibleDiagnostics(diagnostics: readonly Diagnostic[], { quiet, verbose }: Verbosity): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error" || (d.severity === "warning" && !quiet) || (d.severity === "info" && verbose));
}

/** True when --strict should fail the run: any warning or error, shown or not. */
export function hasProblems(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity !== "info");
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

const SEVERITY_COLOR: Record<Severity, "red" | "yellow" | "blue"> = { error: "red", warning: "yellow", info: "blue" };

/**
 * Compiler-style lines, one per diagnostic, columns aligned as in unified's vfile reporter:
 *   notice.txt:12:3  warning  could not split the owner clause …  owners-unsplit
 */
export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[], messages: Messages, color: ChalkInstance): string {
  const rows = diagnostics.map((d) => ({
    place: `${printable(file, MAX_SHOWN)}:${d.source ? placeOf(d.source) : 1}`,
    severity: messages.severity[d.severity],
    d,
  }));
  const placeWidth = Math.max(0, ...rows.map((r) => r.place.length));
  const severityWidth = Math.max(0, ...rows.map((r) => textWidth(r.severity)));
  return rows
    .map(
      ({ place, severity, d }) =>
        `${color.dim(place.padEnd(placeWidth))}  ${color[SEVERITY_COLOR[d.severity]](padDisplay(severity, severityWidth))}  ${printable(oneLine(wordPlace(d.source) + messages.diagnostic(d)), MAX_SHOWN)}  ${color.dim(d.code)}\n`,
    )
    .join("");
}

/** For a .docx, where a person finds the paragraph in Word: `¶25 “（2）建立协同联动机制…” `; else nothing. */
function wordPlace(source: Diagnostic["source"]): string {
  return source?.paragraph !== undefined && source.excerpt !== undefined ? `¶${source.paragraph} “${source.excerpt}” ` : "";
}

/** `12`, `12:3`, or for a PDF `p3:12` (line 12 of page 3). */
function placeOf(source: NonNullable<Diagnostic["source"]>): string {
  return `${source.page ? `p${source.page}:` : ""}${source.line}${source.column ? `:${source.column}` : ""}`;
}

/**
 * GitHub Actions workflow commands (`::warning file=…,line=…,title=code::message`), which the
 * runner turns into annotations on the changed file. Escaping follows the runner's rules.
 */
export function formatGithubAnnotations(file: string, diagnostics: readonly Diagnostic[]): string {
  const command: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };
  return diagnostics
    .map((d) => {
      const properties = [`file=${escapeProperty(file)}`];
      if (d.source) {
        properties.push(`line=${d.source.line}`);
        if (d.source.endLine) properties.push(`endLine=${d.source.endLine}`);
        if (d.source.column) properties.push(`col=${d.source.column}`);
      }
      properties.push(`title=${escapeProperty(d.code)}`);
      return `::${command[d.severity]} ${properties.join(",")}::${escapeData(wordPlace(d.source) + d.message)}\n`;
    })
    .join("");
}

/** An error about a whole file (unreadable input) as an annotation. */
export function githubFileError(file: string, message: string, level: "error" | "warning" = "error"): string {
  return `::${level} file=${escapeProperty(file)}::${escapeData(message)}\n`;
}

/** The runner's escapes for line breaks; any other control character is shown escaped, as on a terminal. */
export function escapeData(text: string): string {
  return printable(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"), MAX_SHOWN);
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Longest file name or message printed: what a notice puts in a message (a label, a title) is
 * escaped like a one-line error (no control character, escape sequence or bidi override reaches
 * the terminal), and bounded.
 */
const MAX_SHOWN = 2000;

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ");
}

/** Severity words are Chinese in a Chinese locale: pad by display width, not length. */
function padDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - textWidth(text)));
}
