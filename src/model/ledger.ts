import { z } from "zod";
import { InputFormat } from "./blocks.js";
import { Diagnostic } from "./diagnostics.js";
import { SourcePosition } from "./position.js";

/**
 * The ledger contract: what `ledger parse` prints as JSON. The JSON Schema in
 * `schemas/ledger.schema.json` is generated from these schemas (npm run schema).
 */

export const DeadlineKind = z
  .enum(["date", "ongoing", "recurring", "relative"])
  .meta({
    id: "DeadlineKind",
    description:
      "date: due is the last day of the period; ongoing: 长期, 常态化, 持续推进; recurring: 每年, 每季度, 每月25日前; relative: counted from an event (文件公布后3个工作日内, 3年内).",
  });
export type DeadlineKind = z.infer<typeof DeadlineKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Milestone = z
  .object({
    text: z.string().describe("The phrase as written (\"2021年12月底前\", \"长期常态化\", \"文件公布后3个工作日内\")."),
    due: isoDate.nullable().describe("ISO date of the last day of the period for kind \"date\", else null."),
    kind: DeadlineKind.describe("What kind of time limit the phrase is."),
  })
  .strict()
  .meta({ id: "Milestone", description: "One point of a deadline: the phrase as written and what it means." });
export type Milestone = z.infer<typeof Milestone>;

export const Deadline = Milestone.extend({
  milestones: z.array(Milestone).optional().describe("Every dated point the item names when there are several; the deadline is the latest."),
}).strict()
  .meta({ id: "Deadline", description: "A task's time limit (完成时限), normalised; when the item names several points, the latest, with all of them in milestones." });
export type Deadline = z.infer<typeof Deadline>;

export const OwnerRole = z.enum(["lead", "responsible"]).meta({ id: "OwnerRole", description: "lead: 牵头; responsible: every other role (责任, 落实, 负责, 配合…)." });
export type OwnerRole = z.infer<typeof OwnerRole>;

export const Owner = z
  .object({
    name: z.string().describe("The unit as written in the notice."),
    role: OwnerRole.describe("牵头 (lead) or any other role (responsible)."),
    canonical: z.string().nullable().describe("The canonical name from a units file (`--units`), when one applies."),
    collective: z.boolean().describe("True for addressees that are everyone of a kind (各单位, 各相关单位, 区政府各部门), not one office."),
  })
  .strict()
  .meta({ id: "Owner", description: "A unit named as responsible for a task." });
export type Owner = z.infer<typeof Owner>;

/**
 * Who is responsible for a task in effect: its own owners when it names any, else those carried over by a
 * convention ("下同") or inherited from the nearest ancestor that names some. Decided once, in the parser;
 * exporters only display it.
 */
export const EffectiveOwners = z
  .object({
    owners: z.array(Owner).describe("Empty when neither the task nor any task above it names an owner."),
    inherited: z.boolean().describe("False when these are the task's own owners."),
    from: z.string().nullable().describe("Where inherited owners come from: the id of the ancestor or earlier item that names them."),
  })
  .strict()
  .meta({ id: "EffectiveOwners", description: "Who is responsible for a task in effect: its own owners when it names any, else those carried over by a convention (\"下同\") or inherited from the nearest ancestor that names some. Decided once, in the parser; exporters only display it." });
export type EffectiveOwners = z.infer<typeof EffectiveOwners>;

export const EffectiveDeadline = z
  .object({
    deadline: Deadline.nullable().describe("Null when neither the task nor any task above it has a deadline."),
    inherited: z.boolean().describe("False when this is the task's own deadline (or there is none anywhere above it)."),
    from: z.string().nullable().describe("The id of the ancestor whose deadline governs this task, when inherited."),
  })
  .strict()
  .meta({ id: "EffectiveDeadline", description: "The deadline that governs a task in effect: its own, else the nearest ancestor's." });
export type EffectiveDeadline = z.infer<typeof EffectiveDeadline>;

export const Effective = z
  .object({
    owners: EffectiveOwners,
    deadline: EffectiveDeadline,
  })
  .strict()
  .meta({ id: "Effective", description: "The owners and deadline that apply to a task in effect, own or inherited." });
export type Effective = z.infer<typeof Effective>;

export interface Task {
  id: string;
  level: number;
  label: string | null;
  ordinal: number | null;
  title: string;
  text: string;
  lead: string[];
  responsible: string[];
  owners: Owner[];
  ownersText: string | null;
  ownersInherited: boolean;
  deadline: Deadline | null;
  effective: Effective;
  progress?: string;
  remarks?: string;
  source: SourcePosition;
  children: Task[];
}

export const Task: z.ZodType<Task> = z
  .object({
    id: z.string().regex(/^\d+(\.\d+)*$/).describe("Position in the tree (\"1\", \"1.2\", \"1.2.3\"), unique within the ledger."),
    level: z.number().int().min(1).describe("Depth in the tree, 1 = top."),
    label: z.string().nullable().describe("The numbering as written (\"一、\", \"（一）\", \"1.\"), or the Word numbering label; null when unnumbered."),
    ordinal: z.number().int().nullable().describe("The number the label means (（三） → 3), null when unnumbered."),
    title: z.string().describe("Heading text without label, trailing owner parenthetical and final punctuation."),
    text: z.string().describe("The whole item text without its label."),
    lead: z.array(z.string()).describe("牵头 units, as written."),
    responsible: z.array(z.string()).describe("Every other named unit (责任 / 落实 / 负责 / 配合 …), as written."),
    owners: z.array(Owner).describe("lead and responsible with their canonical names (from --units) when known."),
    ownersText: z.string().nullable().describe("The owner clause the units were read from, as written, or null."),
    ownersInherited: z.boolean().describe("True when the owners were carried over from an earlier item by a \"下同\" convention."),
    deadline: Deadline.nullable().describe("The task's own deadline, as its text or row states it."),
    effective: Effective.describe("The owners and deadline that apply in effect, own or inherited (see EffectiveOwners)."),
    progress: z.string().optional().describe("进展情况 / 完成情况 as a unit wrote it, when the ledger was read back from a filled 台账."),
    remarks: z.string().optional().describe("备注 as a unit wrote it, when read back from a filled 台账."),
    source: SourcePosition.describe("Where the task's item starts in the input."),
    get children() {
      return z.array(Task).describe("The tasks below it, in document order.");
    },
  })
  .strict()
  .meta({ id: "Task", description: "One task of the notice, with the tasks below it." });

export const DocumentMeta = z
  .object({
    title: z.string().nullable().describe("The plan's own title (not the cover notice's)."),
    noticeTitle: z.string().nullable().describe("The cover notice's title (\"关于印发…的通知\")."),
    docNumber: z.string().nullable().describe("发文字号 such as \"长莲政公办〔2019〕2号\", spaces removed."),
    issuer: z.string().nullable().describe("发文机关 / 发布机构 as written."),
    issuedDate: isoDate.nullable().describe("成文日期 as an ISO date."),
    year: z.number().int().nullable().describe("The plan's working year."),
    recipients: z.array(z.string()).describe("主送机关: the salutation line, split into units."),
    signer: z.string().nullable().describe("签发人."),
  })
  .strict()
  .meta({ id: "DocumentMeta", description: "The notice's metadata: titles, 发文字号, issuer, date, year, recipients." });
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const LedgerSource = z
  .object({
    path: z.string().nullable().describe("The input path as given, or null for stdin / in-memory input."),
    format: InputFormat.describe("What the input file is, sniffed from its content."),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe("SHA-256 of the input bytes, to tell which version of a file a ledger was read from."),
    encoding: z.string().nullable().optional().describe("Text inputs: the encoding the bytes were decoded from (utf-8, utf-16le, utf-16be, gb18030)."),
    via: z.enum(["builtin", "libreoffice"]).optional().describe("Which reader read the file: \"builtin\" or \"libreoffice\" (converted to .docx first)."),
  })
  .strict()
  .meta({ id: "LedgerSource", description: "The input the ledger was read from." });
export type LedgerSource = z.infer<typeof LedgerSource>;

export const Ledger = z
  .object({
    schemaVersion: z.literal(1).describe("The version of this contract; a change that breaks readers raises it."),
    source: LedgerSource,
    document: DocumentMeta,
    tasks: z.array(Task).describe("The top-level tasks; each holds the tasks below it in children."),
    diagnostics: z.array(Diagnostic).describe("What the importer and the parser noticed, in document order."),
  })
  .strict()
  .meta({ description: "The task ledger of one policy notice: what `ledger parse` prints as JSON." });
export type Ledger = z.infer<typeof Ledger>;
