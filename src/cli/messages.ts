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
    /** Appended to the main help: exit codes and where output goes. */
    footer: string;
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
    unknownExtension(path: string): string;
    conflictingFormat(format: string, path: string): string;
    binaryNeedsOutput(format: string): string;
    cannotWrite(path: string, reason: string): string;
    units(path: string, reason: string): string;
    /** A LedgerInputError (`code`, English `message`) in the user's language. */
    input(code: string, message: string): string;
    internal(message: string): string;
  };
  /** Why a file could not be written, from its errno code. */
  fsReason(code: string | undefined, fallback: string): string;
  severity: Record<Severity, string>;
  /** A diagnostic's message in this language (from the code's catalogue entry). */
  diagnostic(d: Diagnostic): string;
  summary(counts: Record<Severity, number>): string;
  noProblems: string;
  stdinName: string;
  /** Commander's own usage errors (English, built in), in the user's language. */
  commanderError(text: string): string;
}

const EN_FOOTER = `
Output:
  Data (JSON, YAML, or xlsx/docx with -o -) goes to standard output; messages and
  diagnostics go to standard error. Files given with -o are written atomically.

Exit codes:
  0  success
  1  an input could not be read or is not a supported notice; or the output could not be written
  2  usage error (bad option, missing -o for xlsx/docx…)
  3  --strict and warnings (or errors) were reported

Environment:
  LANG, LC_ALL, LC_MESSAGES  zh_* for Chinese messages
  NO_COLOR, FORCE_COLOR      turn colours off / on (colours only on a terminal by default)
`;

const ZH_FOOTER = `
输出：
  数据（JSON、YAML，或使用 -o - 时的 xlsx/docx）写到标准输出；提示和诊断信息写到标准错误。
  用 -o 指定的文件以原子方式写入（先写临时文件再改名），失败时不会留下残缺文件。

退出码：
  0  成功
  1  输入文件无法读取或不是支持的通知格式；或无法写入输出文件
  2  用法错误（选项有误、xlsx/docx 缺少 -o 等）
  3  使用了 --strict 且有警告（或错误）

环境变量：
  LANG、LC_ALL、LC_MESSAGES  设为 zh_* 时显示中文
  NO_COLOR、FORCE_COLOR      关闭/开启颜色（默认仅在终端中使用颜色）
`;

const INPUT_ERRORS_ZH: Record<string, string> = {
  "unsupported-format": "不是支持的格式（支持 .docx、.txt、.md）",
  "not-a-docx": "不是有效的 .docx 文件",
  "legacy-doc": "是旧版 Word .doc 文件，请另存为 .docx",
  "encrypted-docx": "是加密的 Word 文件，请先取消密码保护",
  "corrupt-docx": "是损坏的 .docx 文件",
  "empty-input": "是空文件",
  "binary-input": "是二进制文件，不是文本",
  "undecodable-text": "无法识别文本编码",
  "too-large": "超过输入大小上限",
  "invalid-units": "不是有效的单位文件",
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
    EROFS: "read-only file system",
  },
  zh: {
    ENOENT: "文件或目录不存在",
    EACCES: "没有权限",
    EPERM: "没有权限",
    EISDIR: "是目录",
    ENOTDIR: "上级路径不是目录",
    ENOSPC: "磁盘空间不足",
    EROFS: "只读文件系统",
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
      footer: EN_FOOTER,
      hint: "(run with --help for usage)",
    },
    parse: {
      description: "parse a notice (.docx, .txt, .md, or - for standard input) into a ledger",
      file: "the notice, or - for standard input",
      format: "output format: json, yaml, xlsx or docx (default: from -o's extension, else json)",
      output: "write to FILE (atomically) instead of standard output; - forces standard output",
      units: "YAML file of canonical unit names and their aliases",
      quiet: "do not print warnings",
      strict: "exit with code 3 when there are warnings",
      verbose: "also print informational diagnostics",
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
      unknownExtension: (path) => `cannot tell the output format from '${path}': give -f json|yaml|xlsx|docx`,
      conflictingFormat: (format, path) => `-f ${format} does not match the extension of '${path}'`,
      binaryNeedsOutput: (format) => `${format} is a binary format: give -o FILE (or -o - to write it to standard output)`,
      cannotWrite: (path, reason) => `${path}: cannot write: ${reason}`,
      units: (path, reason) => `${path}: ${reason}`,
      input: (_code, message) => message,
      internal: (message) => `internal error: ${message}`,
    },
    fsReason: (code, fallback) => FS_ERRORS.en[code ?? ""] ?? fallback,
    severity: { error: "error", warning: "warning", info: "info" },
    diagnostic: (d) => messageIn(d, "en"),
    summary: (counts) =>
      [
        counts.error > 0 ? `${counts.error} error${counts.error === 1 ? "" : "s"}` : null,
        counts.warning > 0 ? `${counts.warning} warning${counts.warning === 1 ? "" : "s"}` : null,
        counts.info > 0 ? `${counts.info} info` : null,
      ]
        .filter(Boolean)
        .join(", "),
    noProblems: "no problems",
    stdinName: "<stdin>",
    commanderError: (text) => text,
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
      footer: ZH_FOOTER,
      hint: "（使用 --help 查看用法）",
    },
    parse: {
      description: "把通知（.docx、.txt、.md，或 - 表示标准输入）解析为任务台账",
      file: "通知文件，或 - 表示标准输入",
      format: "输出格式：json、yaml、xlsx 或 docx（默认按 -o 的扩展名，否则为 json）",
      output: "写入文件 FILE（原子写入），不写标准输出；- 表示强制写到标准输出",
      units: "单位规范名称及别名的 YAML 文件",
      quiet: "不显示警告",
      strict: "有警告时以退出码 3 结束",
      verbose: "同时显示提示级别的诊断信息",
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
      unknownExtension: (path) => `无法从“${path}”判断输出格式：请用 -f json|yaml|xlsx|docx 指定`,
      conflictingFormat: (format, path) => `-f ${format} 与“${path}”的扩展名不一致`,
      binaryNeedsOutput: (format) => `${format} 是二进制格式：请用 -o FILE 指定输出文件（或 -o - 写到标准输出）`,
      cannotWrite: (path, reason) => `${path}：无法写入：${reason}`,
      units: (path, reason) => `${path}：${reason}`,
      input: (code, message) => {
        if (code === "unreadable") return `无法读取：${FS_REASONS_ZH[message] ?? message}`;
        const text = INPUT_ERRORS_ZH[code];
        return text ? `${text}（${message}）` : message;
      },
      internal: (message) => `内部错误：${message}`,
    },
    fsReason: (code, fallback) => FS_ERRORS.zh[code ?? ""] ?? fallback,
    severity: { error: "错误", warning: "警告", info: "提示" },
    diagnostic: (d) => messageIn(d, "zh"),
    summary: (counts) =>
      [
        counts.error > 0 ? `${counts.error} 个错误` : null,
        counts.warning > 0 ? `${counts.warning} 个警告` : null,
        counts.info > 0 ? `${counts.info} 个提示` : null,
      ]
        .filter(Boolean)
        .join("，"),
    noProblems: "没有发现问题",
    stdinName: "<标准输入>",
    commanderError: translateCommanderError,
  },
};

/** Commander's usage errors ("error: unknown option '--x'") in Chinese; anything unknown stays as is. */
function translateCommanderError(text: string): string {
  const rules: [RegExp, string][] = [
    [/^error: unknown option '([^']*)'/m, "错误：未知选项“$1”"],
    [/^error: unknown command '([^']*)'/m, "错误：未知命令“$1”"],
    [/^error: missing required argument '([^']*)'/m, "错误：缺少必需的参数“$1”"],
    [/^error: option '([^']*)' argument missing/m, "错误：选项“$1”缺少参数值"],
    [/^error: too many arguments(?: for '([^']*)')?\..*$/m, "错误：参数过多"],
    [/\(Did you mean ([^?]*)\?\)/, "（您是否想输入 $1？）"],
  ];
  return rules.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}
