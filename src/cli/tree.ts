import { Chalk, supportsColor } from "chalk";
import type { Command } from "commander";
import { chalkPaint, toTree } from "../exporters/tree.js";
import type { Ledger } from "../model/ledger.js";
import { UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { GuardedParser, timeLimitMs } from "./guarded.js";
import { readStdin } from "./input.js";
import { detectLocale, type Locale } from "./messages.js";
import { writeStdout } from "./output.js";
import { hasProblems } from "./report.js";

/**
 * `ledger tree FILE`: the task tree in the terminal, the quickest way to check a parse. The tree is
 * data (standard output), diagnostics are shown on their task; colours and the width follow the
 * terminal standard output is, and a pipe gets plain, uncut lines.
 */

const TEXT: Record<Locale, { description: string; file: string; width: string; units: string; verbose: string; strict: string; timeout: string; badWidth: (value: string) => string }> = {
  en: {
    description: "print the task tree: labels, titles, owners, deadlines, diagnostics on their task",
    file: "the notice (any format ledger reads), or - for standard input",
    width: "cut lines to N columns (default: the terminal's width; a pipe gets whole lines)",
    units: "canonical unit names and their aliases (YAML)",
    verbose: "also show informational diagnostics",
    strict: "exit with code 3 when there are warnings or errors",
    timeout: "give up on the file after SECONDS (default 60)",
    badWidth: (value) => `--width takes a number of columns (20 or more), not '${value}'`,
  },
  zh: {
    description: "显示任务树：编号、标题、责任单位、完成时限，诊断标在所属任务下",
    file: "通知文件（.docx、.txt、.md 等），- 表示标准输入",
    width: "每行截到 N 列（默认取终端宽度；管道输出不截断）",
    units: "单位规范名称及别名（YAML）",
    verbose: "同时显示提示性诊断",
    strict: "有警告或错误时以退出码 3 结束",
    timeout: "单个文件超过 SECONDS 秒即放弃（默认 60）",
    badWidth: (value) => `--width 需要列数（不小于 20），而不是“${value}”`,
  },
};

interface TreeCommandOptions {
  width?: string;
  units?: string;
  verbose?: boolean;
  strict?: boolean;
  timeout?: string;
}

export function registerTree(program: Command, context: CliContext): void {
  const text = TEXT[detectLocale()];
  program
    .command("tree")
    .description(text.description)
    .argument("<file>", text.file)
    .option("-w, --width <columns>", text.width)
    .option("--units <file>", text.units)
    .option("--verbose", text.verbose)
    .option("--strict", text.strict)
    .option("--timeout <seconds>", text.timeout)
    .action(async (file: string, options: TreeCommandOptions) => {
      const width = options.width === undefined ? undefined : columns(options.width, text.badWidth);
      const guard = new GuardedParser(timeLimitMs(options.timeout, context));
      try {
        if (options.units !== undefined) await guard.units(options.units);
        const path = file === "-" ? null : file;
        const { diagnostics, data } = await guard.parse(file, path === null ? await readStdin() : null, path, "json");
        await writeStdout(treeText(data as string, { toTerminal: true, verbose: options.verbose, width }));
        process.exitCode = options.strict && hasProblems(diagnostics) ? EXIT.strict : EXIT.ok;
      } finally {
        await guard.close();
      }
    });
}

function columns(value: string, message: (value: string) => string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 20) throw new UsageError(message(value));
  return n;
}

/**
 * The tree of a JSON ledger for this process's standard output: cut to the terminal's width and
 * coloured when it is a terminal (`toTerminal` false: written to a file, never cut or coloured).
 */
export function treeText(json: string, options: { toTerminal: boolean; verbose?: boolean; width?: number }): string {
  const ledger = JSON.parse(json) as Ledger;
  const tty = options.toTerminal && process.stdout.isTTY === true;
  const width = options.width ?? (tty ? process.stdout.columns : undefined);
  const level = options.toTerminal ? stdoutColorLevel(process.env, tty) : 0;
  return toTree(ledger, {
    width: width ?? null,
    infos: options.verbose === true,
    locale: detectLocale(),
    ...(level > 0 ? { paint: chalkPaint(new Chalk({ level })) } : {}),
  });
}

/** The policy of stderrColors (colors.ts), for standard output: FORCE_COLOR, then NO_COLOR, then a terminal. */
function stdoutColorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  const detected = supportsColor ? supportsColor.level : 0;
  if (env.FORCE_COLOR !== undefined) return detected;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  return isTTY ? detected : 0;
}
