import { createHash } from "node:crypto";
import ical from "ical-generator";
import type { Deadline, Ledger } from "../model/ledger.js";
import { flattenTasks, type TaskVisit } from "./flatten.js";

/**
 * The deadline calendar: one all-day event per leaf task whose deadline (own or inherited) is a
 * date, and one repeating event per recurring deadline the notice makes exact (每月25日前, 每季度末,
 * 每年6月底前). Each event's UID is derived from the notice's bytes and the task's id, so importing
 * the same notice again updates the events instead of duplicating them.
 */

interface Recurrence {
  /** The RRULE value. */
  rule: string;
  /** The first occurrence in the plan's year, ISO. */
  start: string;
}

type RecurrenceRule = { pattern: RegExp; recurrence: (match: RegExpExecArray, year: number) => Recurrence | null };

/**
 * Recurring phrases that name an exact day. "每季度" or "每年至少一次" alone name no day and make
 * no event. Monthly and quarterly rules run until the end of the plan's year (a 工作要点 is
 * annual); yearly rules have no end.
 */
const RECURRENCES: readonly RecurrenceRule[] = [
  {
    pattern: /每(?:个)?月(?:的)?(\d{1,2})(?:日|号)/u,
    recurrence: ([, day], year) => {
      const d = Number(day);
      // The first month that has this day (每月31日 starts in January, 每月30日 too).
      const month = d >= 1 && d <= 31 ? MONTHS.find((m) => d <= daysIn(year, m)) : undefined;
      return month === undefined ? null : { rule: `FREQ=MONTHLY;BYMONTHDAY=${d};UNTIL=${year}1231`, start: iso(year, month, d) };
    },
  },
  {
    pattern: /每(?:个)?月(?:底|末)/u,
    recurrence: (_, year) => ({ rule: `FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=${year}1231`, start: lastDay(year, 1) }),
  },
  {
    pattern: /每(?:个)?季度(?:末|底|最后一个月底)/u,
    recurrence: (_, year) => ({ rule: `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;UNTIL=${year}1231`, start: lastDay(year, 3) }),
  },
  {
    pattern: /每年(\d{1,2})月(\d{1,2})(?:日|号)/u,
    recurrence: ([, month, day], year) => {
      const [m, d] = [Number(month), Number(day)];
      if (m < 1 || m > 12 || d < 1 || d > daysIn(year, m)) return null;
      return { rule: `FREQ=YEARLY;BYMONTH=${m};BYMONTHDAY=${d}`, start: iso(year, m, d) };
    },
  },
  {
    pattern: /每年(\d{1,2})月(?:底|末)/u,
    recurrence: ([, month], year) => {
      const m = Number(month);
      return m >= 1 && m <= 12 ? { rule: `FREQ=YEARLY;BYMONTH=${m};BYMONTHDAY=-1`, start: lastDay(year, m) } : null;
    },
  },
  {
    pattern: /每年(?:年)?(?:底|末)/u,
    recurrence: (_, year) => ({ rule: "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", start: `${year}-12-31` }),
  },
];

export function toIcs(ledger: Ledger): string {
  const notice = [ledger.document.title, ledger.document.noticeTitle, ledger.source.path].map((t) => oneLine(t ?? "").trim()).find((t) => t !== "") ?? "任务台账";
  const year = ledger.document.year ?? (ledger.document.issuedDate ? Number(ledger.document.issuedDate.slice(0, 4)) : null);
  const calendar = ical({ name: notice, prodId: { company: "ledger", product: "ledger", language: "ZH" } });
  for (const visit of flattenTasks(ledger)) {
    const deadline = visit.task.effective.deadline.deadline;
    if (deadline === null) continue;
    const when = deadline.kind === "date" && deadline.due !== null ? { start: deadline.due, rule: null } : recurrence(deadline, year);
    if (when === null) continue;
    calendar.createEvent({
      id: `${createHash("sha256").update(`${ledger.source.sha256}\u0000${visit.task.id}`).digest("hex").slice(0, 32)}@ledger`,
      start: when.start,
      allDay: true,
      // The calendar is a function of the notice: the stamp is the notice's date, so that re-exports are identical.
      stamp: ledger.document.issuedDate ?? `${year ?? when.start.slice(0, 4)}-01-01`,
      summary: oneLine(visit.task.title),
      description: description(visit, deadline),
      categories: [{ name: notice }],
      ...(when.rule ? { repeating: when.rule } : {}),
    });
  }
  return calendar.toString();
}

function recurrence(deadline: Deadline, year: number | null): { start: string; rule: string } | null {
  if (deadline.kind !== "recurring" || year === null) return null;
  for (const { pattern, recurrence: make } of RECURRENCES) {
    const match = pattern.exec(deadline.text);
    if (match) return make(match, year);
  }
  return null;
}

function description({ task, ancestors }: TaskVisit, deadline: Deadline): string {
  const { owners } = task.effective;
  const names = (role: "lead" | "responsible") => [...new Set(owners.owners.filter((o) => o.role === role).map((o) => o.canonical ?? o.name))].join("、");
  const lines = [
    names("lead") && `牵头单位：${names("lead")}`,
    names("responsible") && `责任单位：${names("responsible")}`,
    `完成时限：${deadline.text}${task.effective.deadline.inherited ? `（上级任务 ${task.effective.deadline.from} 的时限）` : ""}`,
    ancestors.length > 0 && `所属任务：${ancestors.map((a) => a.title).join(" › ")}`,
    `任务编号：${task.id}`,
    task.text.trim() !== task.title && task.text.trim(),
  ];
  return lines.filter((line): line is string => typeof line === "string" && line !== "").join("\n");
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/**
 * A title as one line: ical-generator escapes line breaks in descriptions but writes them raw in a
 * summary or category, which ends the property there. Control characters are not allowed in iCalendar text.
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/gu, " ");
}

function lastDay(year: number, month: number): string {
  return iso(year, month, daysIn(year, month));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
