import { messageIn } from "../model/catalogue.js";
import type { Diagnostic, Severity } from "../model/diagnostics.js";

/**
 * Everything the CLI says, in English and Chinese. The locale follows POSIX precedence:
 * LC_ALL, then LC_MESSAGES, then LANG; any zh_* (zh_CN.UTF-8, zh_TW, zh) means Chinese.
 * Diagnostic messages come from the catalogue in either language; their stable codes are printed beside them.
 */

export type Locale = "en" | "zh";

export function detectLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "");
  return setting !== undefined && /^zh(?:[_.@-]|$)/i.test(setting) ? "zh" : "en";
}

export interface Messages {
  program: string;
  help: {
    titles: Record<string, string>;
    option: string;
    command: string;
    version: string;
    /** Appended to each command's help: where its output goes, its exit codes. */
    footers: Record<"program" | "parse" | "check" | "blocks" | "schema", string>;
    /** Shown after a usage error. */
    hint: string;
  };
  parse: {
    description: string;
    file: string;
    format: string;
    output: string;
    units: string;
    quiet: string;
    strict: string;
    verbose: string;
    timeout: string;
  };
  check: {
    description: string;
    files: string;
    format: string;
    strict: string;
  };
  blocks: { description: string; file: string };
  schema: { description: string };
  errors: {
    unknownFormat(value: string, choices: readonly string[]): string;
    conflictingFormat(format: string, path: string): string;
    binaryNeedsOutput(format: string): string;
    /** `parse` given several notices: point at `batch --combine`. */
    oneNotice(count: number): string;
    cannotWrite(path: string, reason: string): string;
    /** The reason when -o (or --combine, --summary) names a folder. */
    isFolder: string;
    outputIsInput(path: string): string;
    units(path: string, reason: string): string;
    /** A LedgerInputError (`code`, English `message`) in the user's language. */
    input(code: string, message: string): string;
    internal(message: string): string;
    timeout(value: string): string;
  };
  /** Why a file could not be written, from its errno code. */
  fsReason(code: string | undefined, fallback: string): string;
  severity: Record<Severity, string>;
  /** A diagnostic's message in this language (from the code's catalogue entry). */
  diagnostic(d: Diagnostic): string;
  /** After `parse -o FILE`: what was written. */
  wrote(path: string, tasks: number, counts: Record<Severity, number>): string;
  /** The last line of `check`. */
  checked(files: number, unreadable: number, counts: Record<Severity, number>): string;
  stdinName: string;
  stdoutName: string;
  /** Commander's own usage errors (English, built in, "error: …"), in the user's language and without the "error:" prefix. */
  commanderError(text: string): string;
}

const EN_ENV = `
Environment:
  LANG, LC_ALL, LC_MESSAGES  zh_* for Chinese messages
  NO_COLOR, FORCE_COLOR      turn colours off / on (colours only on a terminal by default)
`;

const EN_FOOTERS: Messages["help"]["footers"] = {
  program: `
Data goes to standard output; messages and diagnostics go to standard error, each line
starting with "ledger:" or "FILE:LINE". Run ledger help COMMAND for a command's own details.

Exit codes:
  0  success
  1  an input could not be read or is not a supported notice; or an output could not be written
  2  usage error (bad option or argument), reported before any input is read
  3  --strict and warnings (or errors) were reported
${EN_ENV}`,
  parse: `
Output:
  The ledger goes to standard output (JSON unless -f says otherwise), or to the file given with
  -o, written atomically (a temporary file renamed over it: never a partial file). -o picks the
  format from its extension (.json, .yaml/.yml, .xlsx, .docx, .html/.htm review page, .csv,
  .ndjson/.jsonl, .ics calendar; any other: JSON). xlsx and docx go
  to standard output only when it is not a terminal (ledger parse n.txt -f xlsx > 台账.xlsx).
  After -o FILE one line says what was written (not with -q). For several notices in one
  workbook, use ledger batch FILE… --combine all.xlsx.

Exit codes:
  0  the ledger was written
  1  the input could not be read or is not a supported notice; or the output could not be written
  2  usage error (bad option, -q with --verbose…)
  3  --strict and warnings (or errors) were reported; the ledger is still written
${EN_ENV}`,
  check: `
Output:
  Each notice's diagnostics go to standard error, one per line (FILE:LINE  severity  message  code),
  then one line: N files checked, M unreadable, K warnings. Folders are walked like ledger batch
  does (every format ledger reads, hidden files skipped). With -f github, GitHub Actions annotations go to
  standard output instead. Nothing is written.

Exit codes:
  0  every file was read (warnings do not count without --strict)
  1  some file could not be read (the others are still checked)
  2  usage error
  3  --strict and some file had warnings or errors
${EN_ENV}`,
  blocks: `
Output:
  The document model as JSON on standard output. For debugging an importer; not a stable format.

Exit codes: 0 success, 1 unreadable input, 2 usage error.
`,
  schema: `
Output:
  The JSON Schema (draft 2020-12) of the ledger JSON on standard output; the same as the package's
  schemas/ledger.schema.json.
`,
};

const ZH_ENV = `
环境变量：
  LANG、LC_ALL、LC_MESSAGES  设为 zh_* 时显示中文
  NO_COLOR、FORCE_COLOR      关闭/开启颜色（默认仅在终端中使用颜色）
`;

const ZH_FOOTERS: Messages["help"]["footers"] = {
  program: `
数据写到标准输出；提示和诊断信息写到标准错误，每行以“ledger:”或“文件:行号”开头。
使用 ledger help 命令名 查看各命令的说明。

退出码：
  0  成功
  1  输入文件无法读取或不是支持的通知格式；或无法写入输出文件
  2  用法错误（选项或参数有误），在读取任何输入之前报告
  3  使用了 --strict 且有警告（或错误）
${ZH_ENV}`,
  parse: `
输出：
  台账写到标准输出（默认 JSON，可用 -f 指定），或写入 -o 指定的文件（原子写入：先写临时文件再改名，
  不会留下残缺文件）。-o 按扩展名决定格式（.json、.yaml/.yml、.xlsx、.docx、.html/.htm 审阅页、.csv、
  .ndjson/.jsonl、.ics 日历；其他扩展名为 JSON）。
  xlsx 和 docx 只在标准输出不是终端时写到标准输出（ledger parse n.txt -f xlsx > 台账.xlsx）。
  使用 -o 写入文件后输出一行说明（-q 时不输出）。多个通知汇总成一个工作簿请用
  ledger batch 文件… --combine all.xlsx。

退出码：
  0  已写出台账
  1  输入文件无法读取或不是支持的通知格式；或无法写入输出文件
  2  用法错误（选项有误、-q 与 --verbose 同时使用等）
  3  使用了 --strict 且有警告（或错误）；台账仍会写出
${ZH_ENV}`,
  check: `
输出：
  每个通知的诊断信息写到标准错误，每行一条（文件:行号  级别  说明  代码），最后一行为
  “共检查 N 个文件，M 个无法读取，K 个警告”。目录像 ledger batch 一样递归查找（ledger 能读的各种格式，
  跳过隐藏文件）。使用 -f github 时改为向标准输出写 GitHub Actions 注释。不写任何文件。

退出码：
  0  所有文件都已读取（不加 --strict 时警告不影响退出码）
  1  有文件无法读取（其他文件照常检查）
  2  用法错误
  3  使用了 --strict 且有文件存在警告或错误
${ZH_ENV}`,
  blocks: `
输出：
  以 JSON 向标准输出写出文档模型，用于调试导入器；格式不保证稳定。

退出码：0 成功，1 输入无法读取，2 用法错误。
`,
  schema: `
输出：
  向标准输出写出台账 JSON 的 JSON Schema（draft 2020-12），与软件包中的 schemas/ledger.schema.json 相同。
`,
};

const INPUT_ERRORS_ZH: Record<string, string> = {
  "unsupported-format": "不是支持的格式",
  "not-a-docx": "不是有效的 .docx 文件",
  "legacy-doc": "是旧版 Word .doc 文件，请另存为 .docx",
  "encrypted-docx": "是加密的 Word 文件，请先取消密码保护",
  "corrupt-docx": "是损坏的 .docx 文件",
  "empty-input": "是空文件",
  "binary-input": "是二进制文件，不是文本",
  "undecodable-text": "无法识别文本编码",
  "too-large": "超过输入大小上限",
  "invalid-units": "不是有效的单位文件",
  "no-text-layer": "没有文字层（扫描件，请先做 OCR）",
  "unreadable-text": "文字无法识别（字体缺少 ToUnicode 映射）",
  "encrypted-pdf": "是加密的 PDF，需要打开密码",
  "corrupt-pdf": "是损坏的 PDF 文件",
  "corrupt-doc": "是损坏的 Word/WPS 文件",
  "encrypted-doc": "是加密的 Word/WPS 文件，请先取消密码保护",
  "corrupt-html": "是无法读取的网页文件",
  "corrupt-xlsx": "是损坏的 Excel 文件",
  "libreoffice-missing": "需要 LibreOffice 才能读取",
  "libreoffice-failed": "LibreOffice 转换失败",
  "libreoffice-timeout": "LibreOffice 转换超时",
  "damaged-ledger-output": "是 ledger 写出的台账，但内嵌数据已损坏",
  "invalid-ledger-json": "不是有效的台账 JSON",
  "not-a-ledger-output": "不是 ledger 写出的台账",
  "combined-ledger-output": "是多个通知的汇总台账，请解析各通知本身，或对它使用 ledger merge / diff",
  timeout: "处理超时，已停止",
  "worker-crashed": "处理时内存不足，已停止",
};

const FS_REASONS_ZH: Record<string, string> = {
  "no such file": "文件不存在",
  "permission denied": "没有权限",
  "is a directory": "是目录",
};

const FS_ERRORS: Record<Locale, Record<string, string>> = {
  en: {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "is a directory",
    ENOTDIR: "a parent is not a directory",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "file too large for the file system",
    EROFS: "read-only file system",
    EEXIST: "already exists",
    ENAMETOOLONG: "file name too long",
    EIO: "input/output error",
    EBUSY: "busy",
    EMFILE: "too many open files",
    ENXIO: "no process is reading it",
  },
  zh: {
    ENOENT: "文件或目录不存在",
    EACCES: "没有权限",
    EPERM: "没有权限",
    EISDIR: "是目录",
    ENOTDIR: "上级路径不是目录",
    ENOSPC: "磁盘空间不足",
    EDQUOT: "超出磁盘配额",
    EFBIG: "文件超过文件系统允许的大小",
    EROFS: "只读文件系统",
    EEXIST: "已存在",
    ENAMETOOLONG: "文件名过长",
    EIO: "输入输出错误",
    EBUSY: "正被占用",
    EMFILE: "打开的文件过多",
    ENXIO: "没有进程在读取",
  },
};

export const MESSAGES: Record<Locale, Messages> = {
  en: {
    program: "Turn Chinese policy notices (政务公开工作要点, 实施方案, 台账) into structured task ledgers",
    help: {
      titles: {},
      option: "display help for command",
      command: "display help for command",
      version: "output the version number",
      footers: EN_FOOTERS,
      hint: "(run with --help for usage)",
    },
    parse: {
      description: "parse a notice (Word, WPS, PDF, web page, Excel, text, Markdown, or - for standard input) into a ledger",
      file: "the notice, or - for standard input",
      format: "output format: json, yaml, xlsx, docx, tree, html (review page), csv, ndjson or ics (default: from -o's extension, else json)",
      output: "write to FILE (atomically) instead of standard output; - forces standard output",
      units: "YAML file of canonical unit names and their aliases",
      quiet: "do not print warnings",
      strict: "exit with code 3 when there are warnings",
      verbose: "also print informational diagnostics",
      timeout: "time limit per file in seconds (default: 60); a file that takes longer is stopped and reported",
    },
    check: {
      description: "lint notices: print their diagnostics like a compiler",
      files: "the notices to check",
      format: "report format: text (standard error) or github (workflow annotations on standard output)",
      strict: "exit with code 3 when there are warnings",
    },
    blocks: {
      description: "print the imported document model (paragraphs and tables) as JSON, for debugging",
      file: "the notice, or - for standard input",
    },
    schema: { description: "print the JSON Schema of the ledger JSON" },
    errors: {
      unknownFormat: (value, choices) => `unknown format '${value}': use ${choices.join(", ")}`,
      conflictingFormat: (format, path) => `-f ${format} does not match the extension of '${path}'`,
      binaryNeedsOutput: (format) => `${format} is a binary format and standard output is a terminal: give -o FILE, or redirect it (> 台账.${format})`,
      oneNotice: (count) => `parse reads one notice, not ${count}; for one workbook over several: ledger batch FILE… --combine all.xlsx`,
      cannotWrite: (path, reason) => `cannot write ${path}: ${reason}`,
      isFolder: "is a folder; give a file name",
      outputIsInput: (path) => `-o ${path} is the input itself: writing it would destroy the notice; give another file name`,
      units: (path, reason) => `${path}: ${reason}`,
      input: (_code, message) => message,
      internal: (message) => `internal error: ${message}`,
      timeout: (value) => `--timeout must be a number of seconds above 0, not '${value}'`,
    },
    fsReason: (code, fallback) => FS_ERRORS.en[code ?? ""] ?? fallback,
    severity: { error: "error", warning: "warning", info: "info" },
    diagnostic: (d) => messageIn(d, "en"),
    wrote: (path, tasks, counts) => `wrote ${path} (${[plural(tasks, "task"), ...countsEn(counts)].join(", ")})`,
    checked: (files, unreadable, counts) => [`${plural(files, "file")} checked`, `${unreadable} unreadable`, ...countsEn(counts)].join(", "),
    stdinName: "<stdin>",
    stdoutName: "standard output",
    commanderError: (text) => text.replace(/^error: /, ""),
  },
  zh: {
    program: "把政务公开工作要点、实施方案、台账等政策通知转换为结构化的任务台账",
    help: {
      titles: {
        "Usage:": "用法：",
        "Options:": "选项：",
        "Arguments:": "参数：",
        "Commands:": "命令：",
        "Global Options:": "全局选项：",
      },
      option: "显示命令帮助",
      command: "显示命令帮助",
      version: "显示版本号",
      footers: ZH_FOOTERS,
      hint: "（使用 --help 查看用法）",
    },
    parse: {
      description: "把通知（Word、WPS、PDF、网页、Excel、文本、Markdown，或 - 表示标准输入）解析为任务台账",
      file: "通知文件，或 - 表示标准输入",
      format: "输出格式：json、yaml、xlsx、docx、tree、html（审阅页）、csv、ndjson 或 ics（默认按 -o 的扩展名，否则为 json）",
      output: "写入文件 FILE（原子写入），不写标准输出；- 表示强制写到标准输出",
      units: "单位规范名称及别名的 YAML 文件",
      quiet: "不显示警告",
      strict: "有警告时以退出码 3 结束",
      verbose: "同时显示提示级别的诊断信息",
      timeout: "每个文件的处理时限（秒，默认 60）；超时的文件停止处理并报告",
    },
    check: {
      description: "检查通知：像编译器一样列出诊断信息",
      files: "要检查的通知文件",
      format: "报告格式：text（写到标准错误）或 github（GitHub Actions 注释，写到标准输出）",
      strict: "有警告时以退出码 3 结束",
    },
    blocks: {
      description: "以 JSON 输出导入后的文档模型（段落和表格），用于调试",
      file: "通知文件，或 - 表示标准输入",
    },
    schema: { description: "输出台账 JSON 的 JSON Schema" },
    errors: {
      unknownFormat: (value, choices) => `未知格式“${value}”：可用 ${choices.join("、")}`,
      conflictingFormat: (format, path) => `-f ${format} 与“${path}”的扩展名不一致`,
      binaryNeedsOutput: (format) => `${format} 是二进制格式，而标准输出是终端：请用 -o FILE 指定输出文件，或重定向（> 台账.${format}）`,
      oneNotice: (count) => `parse 只读一个通知，而不是 ${count} 个；要把多个通知汇总成一个工作簿：ledger batch 文件… --combine all.xlsx`,
      cannotWrite: (path, reason) => `无法写入 ${path}：${reason}`,
      isFolder: "是目录，请给出文件名",
      outputIsInput: (path) => `-o ${path} 就是输入文件本身，写入会毁掉原通知；请换一个文件名`,
      units: (path, reason) => `${path}：${reason}`,
      input: (code, message) => {
        if (code === "unreadable") return `无法读取：${FS_REASONS_ZH[message] ?? message}`;
        const text = INPUT_ERRORS_ZH[code];
        return text ? `${text}（${message}）` : message;
      },
      internal: (message) => `内部错误：${message}`,
      timeout: (value) => `--timeout 必须是大于 0 的秒数，而不是“${value}”`,
    },
    fsReason: (code, fallback) => FS_ERRORS.zh[code ?? ""] ?? fallback,
    severity: { error: "错误", warning: "警告", info: "提示" },
    diagnostic: (d) => messageIn(d, "zh"),
    wrote: (path, tasks, counts) => `已写入 ${path}（${[`${tasks} 项任务`, ...countsZh(counts)].join("，")}）`,
    checked: (files, unreadable, counts) => [`共检查 ${files} 个文件`, `${unreadable} 个无法读取`, ...countsZh(counts)].join("，"),
    stdinName: "<标准输入>",
    stdoutName: "标准输出",
    commanderError: translateCommanderError,
  },
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Warnings always (also 0), errors and infos when there are some. */
const countsEn = (counts: Record<Severity, number>): string[] => [
  ...(counts.error > 0 ? [plural(counts.error, "error")] : []),
  plural(counts.warning, "warning"),
  ...(counts.info > 0 ? [`${counts.info} info`] : []),
];
const countsZh = (counts: Record<Severity, number>): string[] => [
  ...(counts.error > 0 ? [`${counts.error} 个错误`] : []),
  `${counts.warning} 个警告`,
  ...(counts.info > 0 ? [`${counts.info} 个提示`] : []),
];

/** Commander's usage errors ("error: unknown option '--x'") in Chinese, without the prefix; anything unknown stays as is. */
function translateCommanderError(text: string): string {
  const rules: [RegExp, string][] = [
    [/^error: unknown option '([^']*)'/m, "未知选项“$1”"],
    [/^error: unknown command '([^']*)'/m, "未知命令“$1”"],
    [/^error: missing required argument '([^']*)'/m, "缺少必需的参数“$1”"],
    [/^error: option '([^']*)' argument missing/m, "选项“$1”缺少参数值"],
    [/^error: option '([^']*)' cannot be used with option '([^']*)'/m, "选项“$1”不能与“$2”同时使用"],
    [/^error: too many arguments(?: for '([^']*)')?\..*$/m, "参数过多"],
    [/\(Did you mean ([^?]*)\?\)/, "（您是否想输入 $1？）"],
    [/^error: /, ""],
  ];
  return rules.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}
