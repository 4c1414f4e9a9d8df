import { Option, type Command } from "commander";
import { INPUT_FORMATS } from "../model/formats.js";
import type { ImportOptions, ReaderPath } from "../importers/index.js";
import type { InputFormat } from "../model/blocks.js";
import { UsageError, type CliContext } from "./context.js";
import { MESSAGES, type Messages } from "./messages.js";

/**
 * `--from FORMAT` (read the input as FORMAT, whatever sniffing says: standard input that sniffing
 * cannot place) and `--via libreoffice|builtin` (the reader of .doc, .wps, .rtf, .odt), in the same
 * words for parse, check, batch and blocks.
 */

const READERS: readonly ReaderPath[] = ["libreoffice", "builtin"];

const TEXTS = {
  en: {
    from: `read every input as this format, whatever its content or name suggests (${INPUT_FORMATS.join(", ")})`,
    via: "the reader of .doc, .wps, .rtf and .odt: libreoffice (converted to .docx, full fidelity) or builtin (.doc and .wps only, no external program); default: libreoffice when installed",
    badFrom: (value: string) => `--from takes one of ${INPUT_FORMATS.join(", ")}, not '${value}'`,
    badVia: (value: string) => `--via takes libreoffice or builtin, not '${value}'`,
  },
  zh: {
    from: `按此格式读取所有输入，不看内容和文件名（${INPUT_FORMATS.join("、")}）`,
    via: ".doc、.wps、.rtf、.odt 的读取方式：libreoffice（转换为 .docx，完整保真）或 builtin（仅 .doc 和 .wps，无需外部程序）；默认：已安装 LibreOffice 时用 libreoffice",
    badFrom: (value: string) => `--from 应为 ${INPUT_FORMATS.join("、")} 之一，而不是“${value}”`,
    badVia: (value: string) => `--via 应为 libreoffice 或 builtin，而不是“${value}”`,
  },
};

const textsOf = (messages: Messages) => (messages === MESSAGES.zh ? TEXTS.zh : TEXTS.en);

export interface ReaderFlags {
  from?: string;
  via?: string;
}

export function addReaderOptions(command: Command, messages: Messages): Command {
  const texts = textsOf(messages);
  return command.addOption(new Option("--from <format>", texts.from)).addOption(new Option("--via <reader>", texts.via));
}

/** The flags as import options; an unknown format or reader is a usage error, found before any input is read. */
export function readerOptions(flags: ReaderFlags, context: CliContext): ImportOptions {
  const texts = textsOf(context.messages);
  const from = flags.from?.toLowerCase();
  const via = flags.via?.toLowerCase();
  if (from !== undefined && !(INPUT_FORMATS as readonly string[]).includes(from)) throw new UsageError(texts.badFrom(flags.from!));
  if (via !== undefined && !READERS.includes(via as ReaderPath)) throw new UsageError(texts.badVia(flags.via!));
  return { ...(from ? { from: from as InputFormat } : {}), ...(via ? { via: via as ReaderPath } : {}) };
}
