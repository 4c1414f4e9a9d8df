import { diagnostic } from "../../model/diagnostic.js";
import type { Deadline } from "../../model/ledger.js";
import { scanDates, type DateToken } from "./dates.js";
import { closeDateGaps, holds, Holds, normalise, withoutSpans } from "./normalise.js";
import { findRecurring, findRelative, findStagePeriod, isCellRecurring, isImmediate, isOngoing, type Phrase } from "./phrases.js";
import {
  datedMilestones,
  governing,
  isCompletionTime,
  isStartOrRangeStart,
  isTarget,
  resolveDue,
  yearUnknown,
  type DeadlineContext,
  type DeadlineResult,
} from "./refiners.js";

export type { DeadlineContext, DeadlineResult } from "./refiners.js";
export { calendarDates, type CalendarDate } from "./metadata-dates.js";

/**
 * Deadlines: a deadline column's cell (完成时限) or an explicit completion time in an item's own text. Both read
 * the same parsers (dates.ts, phrases.ts) through the same refiners (refiners.ts); a configuration says which
 * dates count and which forms are tried, in order.
 */

/** One text as the parsers see it: as written (for the phrases returned) and normalised (for matching). */
interface Reading {
  text: string;
  /** Normalised, with the spans of recurring phrases blanked (a date inside 每年1月31日前 belongs to it). */
  s: string;
  recurring: Phrase[];
}

type Form = (r: Reading) => DeadlineResult | null;

const reads = (deadline: Deadline): DeadlineResult => ({ deadline, diagnostics: [] });

interface Configuration {
  /** Which calendar candidates are the deadline. */
  accepts: (s: string, t: DateToken) => boolean;
  /** A single date in a cell this short is the whole cell (2021年3月-6月, 2021年12月底前完成). */
  wholeTextUpTo: number;
  /** The forms tried after the dates, in order; the first that reads governs. */
  forms: Form[];
}

const relative: Form = (r) => {
  const limits = findRelative(r.text, r.s);
  return limits.length > 0 ? reads({ text: limits[0].text, due: null, kind: "relative" }) : null;
};
const recurring: Form = (r) => (r.recurring.length > 0 ? reads({ text: r.recurring[0].text, due: null, kind: "recurring" }) : null);
/** The words of a deadline column: the cell says it all (立即, 定期, 长期坚持). */
const word =
  (test: (s: string) => boolean, kind: Deadline["kind"]): Form =>
  (r) =>
    test(r.s) ? reads({ text: r.text, due: null, kind }) : null;

/** A deadline column's cell: 2021年12月底前, 长期常态化, 每季度, 上半年, 即时 … */
const CELL: Configuration = {
  accepts: (s, t) => !isStartOrRangeStart(s, t),
  wholeTextUpTo: 20,
  forms: [relative, word(isImmediate, "relative"), recurring, word(isCellRecurring, "recurring"), word(isOngoing, "ongoing")],
};

/**
 * An item's own text: dated completion times win (the latest one, all listed as milestones), then relative limits
 * (3年内 governs 每年…培训), then recurring requirements. Targets (到2020年…), subjects (2019年全省…), 定期 / 及时 /
 * 持续推进 and 常态化 are not deadlines.
 */
const TEXT: Configuration = {
  accepts: (s, t) => !isStartOrRangeStart(s, t) && !isTarget(s, t) && isCompletionTime(s, t),
  wholeTextUpTo: 0,
  forms: [relative, recurring],
};

/** A cell longer than this is a schedule written as sentences (进度安排: "①3月底前，召开…"), read as text. */
const LONG_CELL = 24;

function read(text: string, normalised: string, ctx: DeadlineContext, config: Configuration): DeadlineResult | null {
  const recurringPhrases = findRecurring(text, normalised);
  const s = withoutSpans(normalised, recurringPhrases);
  const tokens = scanDates(s, ctx.year);
  const dates = datedMilestones(text, s, tokens, ctx, (t) => config.accepts(s, t));
  if (dates.length === 1 && text.length <= config.wholeTextUpTo) dates[0].milestone.text = text;
  if (dates.length > 0) return governing(dates);
  const reading: Reading = { text, s, recurring: recurringPhrases };
  for (const form of config.forms) {
    const result = form(reading);
    if (result) return result;
  }
  return null;
}

/** 台账 repeat the same few deadline cells ("长期常态化", "2021年12月底前") row after row. */
const readCells = new Map<string, DeadlineResult>();
const READ_CELLS_MAX = 1024;

export function parseDeadlineCell(cell: string, ctx: DeadlineContext): DeadlineResult {
  const key = `${ctx.year ?? ""}|${cell}`;
  let result = readCells.get(key);
  if (!result) {
    result = readDeadlineCell(cell, ctx);
    if (readCells.size >= READ_CELLS_MAX) readCells.clear();
    readCells.set(key, result);
  }
  // Callers own what they get: the ledger's deadline objects are theirs to keep.
  const d = result.deadline;
  return {
    deadline: d && { ...d, ...(d.milestones ? { milestones: d.milestones.map((m) => ({ ...m })) } : {}) },
    diagnostics: result.diagnostics.map((x) => ({ ...x })),
  };
}

const EMPTY_CELL = /^[-—–/／\\无]+$/u;
const SPACES = /\s+/gu;

function readDeadlineCell(cell: string, ctx: DeadlineContext): DeadlineResult {
  const text = closeDateGaps(cell.replace(SPACES, " ").trim());
  if (text === "" || EMPTY_CELL.test(text)) return { deadline: null, diagnostics: [] };
  if (text.length > LONG_CELL) return findDeadlineInText(text, ctx);
  return read(text, normalise(text), ctx, CELL) ?? { deadline: null, diagnostics: [diagnostic("deadline-unrecognised", { text }, null)] };
}

export function findDeadlineInText(raw: string, ctx: DeadlineContext): DeadlineResult {
  const found = holds(raw);
  // Most paragraphs hold none of the characters a deadline needs.
  if (!(found & Holds.Anchor)) return { deadline: null, diagnostics: [] };
  const text = closeDateGaps(raw, found);
  const normalised = normalise(text, found);
  return stagePeriod(text, normalised, found, ctx) ?? read(text, normalised, ctx, TEXT) ?? { deadline: null, diagnostics: [] };
}

/** A stage heading's period governs the stage: due at the end of its last date (排查整治阶段（9月1日至11月30日）). */
function stagePeriod(text: string, normalised: string, found: number, ctx: DeadlineContext): DeadlineResult | null {
  const span = found & Holds.Bracket ? findStagePeriod(normalised) : null;
  if (!span) return null;
  const tokens = scanDates(normalised.slice(span.start, span.end), ctx.year);
  const last = tokens[tokens.length - 1];
  if (!last || last.yearOnly || tokens.some((t) => t.within)) return null;
  let year = ctx.year;
  for (const t of tokens) if (t.yearWritten && t.year !== null) year = t.year;
  const phrase = text.slice(span.start, span.end).trim();
  return { deadline: { text: phrase, due: resolveDue(last, year), kind: "date" }, diagnostics: year === null ? [yearUnknown(phrase)] : [] };
}
