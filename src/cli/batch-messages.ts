import type { Locale } from "./messages.js";

/** What `ledger batch` says, in English and Chinese (the locale rules of messages.ts). */

export interface BatchTotals {
  files: number;
  ok: number;
  failed: number;
  timeout: number;
  /** Files of the inputs in formats ledger does not read. */
  skipped: number;
  warnings: number;
  errors: number;
}

export interface BatchMessages {
  description: string;
  inputs: string;
  outDir: string;
  format: string;
  jobs: string;
  timeout: string;
  shard: string;
  summary: string;
  combine: string;
  units: string;
  strict: string;
  footer: string;
  errors: {
    needsOutDir: string;
    twoFormats(a: string, b: string): string;
    unknownFormat(value: string): string;
    jobs(value: string): string;
    timeout(value: string): string;
    shard(value: string): string;
    combine(path: string): string;
  };
  /** A batch-specific failure reason in the user's language; undefined for the input errors messages.ts knows. */
  reason(code: string, message: string): string | undefined;
  done(totals: BatchTotals, seconds: number): string;
}

const EN_FOOTER = `
Outputs mirror the input tree under --out-dir (notices/a/b.docx → OUT/a/b.json); when a folder
holds a.docx and a.txt, their outputs keep the extension (a.docx.json, a.txt.json). Nothing is
written outside --out-dir. Files, and summary lines, come in input order whatever --jobs is.

Exit codes:
  0  every file was converted
  1  some file failed or timed out (each is reported on standard error, and in the summary)
  2  usage error
  3  --strict, no file failed, and some had warnings or errors
`;

const ZH_FOOTER = `
输出文件在 --out-dir 下按输入目录结构存放（notices/a/b.docx → OUT/a/b.json）；同一目录中同时有
a.docx 和 a.txt 时，输出文件名保留原扩展名（a.docx.json、a.txt.json）。不会在 --out-dir 之外写入任何文件。
无论 --jobs 为多少，文件和摘要行都按输入顺序输出。

退出码：
  0  所有文件都已转换
  1  有文件失败或超时（每个都在标准错误和摘要中列出）
  2  用法错误
  3  使用了 --strict，没有文件失败，但有警告或错误
`;

const ZH_REASONS: Record<string, string> = {
  "no-input": "没有匹配的文件，或文件不存在",
  "broken-symlink": "是失效的符号链接",
  "outside-input": "是指向输入目录之外的符号链接，已跳过",
  "not-a-file": "不是普通文件",
  "unreadable-folder": "目录无法读取",
  timeout: "处理超时，已停止",
  "worker-crashed": "处理进程意外退出",
  "cannot-write": "无法写入输出文件",
  "not-a-notice-format": "不是 ledger 能读取的格式，已跳过",
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export const BATCH_MESSAGES: Record<Locale, BatchMessages> = {
  en: {
    description: "convert folders of notices (recursively: .docx, .doc, .wps, .rtf, .odt, .html, .pdf, .xlsx, .xls, .et, .txt, .md) into ledgers, in parallel; other files are reported as skipped",
    inputs: "folders, files or quoted patterns ('notices/**/*.docx')",
    outDir: "write one ledger per notice under DIR, mirroring the input tree",
    format: "json (default), yaml, xlsx, docx, csv or ndjson for the ledgers; github for workflow annotations (repeat: -f xlsx -f github)",
    jobs: "worker threads (default: the number of CPUs)",
    timeout: "per-file time limit in seconds (default: 60); a file that takes longer is reported and skipped",
    shard: "convert only slice I of N (1-based), chosen by a hash of each file's path: for CI matrices",
    summary: "write an NDJSON summary, one line per file, to FILE (- for standard output)",
    combine: "also write one Excel workbook over all notices, with a 来源文件 column",
    units: "YAML file of canonical unit names and their aliases",
    strict: "exit with code 3 when a file has warnings (and none failed)",
    footer: EN_FOOTER,
    errors: {
      needsOutDir: "give --out-dir DIR (or --combine FILE.xlsx)",
      twoFormats: (a, b) => `-f ${a} and -f ${b} cannot be combined`,
      unknownFormat: (value) => `unknown format '${value}': use json, yaml, xlsx, docx, csv, ndjson, or github`,
      jobs: (value) => `--jobs must be a whole number from 1 to 256, not '${value}'`,
      timeout: (value) => `--timeout must be a number of seconds above 0, not '${value}'`,
      shard: (value) => `--shard must be I/N with 1 ≤ I ≤ N, not '${value}'`,
      combine: (path) => `--combine writes an Excel workbook: give a .xlsx file, not '${path}'`,
    },
    reason: () => undefined,
    done: (t, seconds) =>
      `${plural(t.files, "file")}: ${t.ok} ok, ${t.failed} failed` +
      (t.timeout > 0 ? `, ${t.timeout} timed out` : "") +
      (t.skipped > 0 ? `, ${t.skipped} skipped (not a notice format)` : "") +
      `; ${plural(t.warnings, "warning")}, ${plural(t.errors, "error")} (${seconds.toFixed(1)} s)`,
  },
  zh: {
    description: "批量转换通知目录（递归查找 .docx、.doc、.wps、.rtf、.odt、.html、.pdf、.xlsx、.xls、.et、.txt、.md），并行生成台账；其他文件报告为已跳过",
    inputs: "目录、文件或加引号的通配模式（'notices/**/*.docx'）",
    outDir: "在 DIR 下按输入目录结构为每个通知写一个台账",
    format: "台账格式 json（默认）、yaml、xlsx、docx、csv 或 ndjson；github 表示输出 GitHub Actions 注释（可重复：-f xlsx -f github）",
    jobs: "工作线程数（默认：CPU 核数）",
    timeout: "每个文件的处理时限（秒，默认 60）；超时的文件报告后跳过",
    shard: "只处理 N 份中的第 I 份（从 1 开始，按文件路径的哈希划分），用于 CI 矩阵",
    summary: "把 NDJSON 摘要（每个文件一行）写入 FILE（- 表示标准输出）",
    combine: "另写一个汇总所有通知的 Excel 工作簿（带“来源文件”列）",
    units: "单位规范名称及别名的 YAML 文件",
    strict: "有文件存在警告（且没有文件失败）时以退出码 3 结束",
    footer: ZH_FOOTER,
    errors: {
      needsOutDir: "请用 --out-dir DIR 指定输出目录（或使用 --combine FILE.xlsx）",
      twoFormats: (a, b) => `-f ${a} 与 -f ${b} 不能同时使用`,
      unknownFormat: (value) => `未知格式“${value}”：可用 json、yaml、xlsx、docx、csv、ndjson 或 github`,
      jobs: (value) => `--jobs 必须是 1 到 256 之间的整数，而不是“${value}”`,
      timeout: (value) => `--timeout 必须是大于 0 的秒数，而不是“${value}”`,
      shard: (value) => `--shard 的格式为 I/N，且 1 ≤ I ≤ N，而不是“${value}”`,
      combine: (path) => `--combine 写的是 Excel 工作簿：请给出 .xlsx 文件，而不是“${path}”`,
    },
    reason: (code, message) => (ZH_REASONS[code] ? `${ZH_REASONS[code]}（${message}）` : undefined),
    done: (t, seconds) =>
      `共 ${t.files} 个文件：成功 ${t.ok} 个，失败 ${t.failed} 个` +
      (t.timeout > 0 ? `，超时 ${t.timeout} 个` : "") +
      (t.skipped > 0 ? `，跳过 ${t.skipped} 个（不是通知格式）` : "") +
      `；${t.warnings} 个警告，${t.errors} 个错误（${seconds.toFixed(1)} 秒）`,
  },
};
