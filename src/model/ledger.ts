import { z } from "zod";
import { InputFormat } from "./blocks.js";
import { Diagnostic } from "./diagnostics.js";
import { SourcePosition } from "./position.js";

/**
 * The ledger contract: what `ledger parse` prints as JSON. The JSON Schema in
 * `schemas/ledger.schema.json` is generated from these schemas (npm run schema).
 */

export const DeadlineKind = z.enum(["date", "ongoing", "recurring", "relative"]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Milestone = z
  .object({
    /** The phrase as written ("2021年12月底前", "长期常态化", "文件公布后3个工作日内"). */
    text: z.string(),
    /** ISO date of the last day of the period for kind "date", else null. */
    due: isoDate.nullable(),
    kind: DeadlineKind,
  })
  .strict();
export type Milestone = z.infer<typeof Milestone>;

export const Deadline = Milestone.extend({
  /** Every dated point the item names when there are several; the deadline is the latest. */
  milestones: z.array(Milestone).optional(),
}).strict();
export type Deadline = z.infer<typeof Deadline>;

export const OwnerRole = z.enum(["lead", "responsible"]);
export type OwnerRole = z.infer<typeof OwnerRole>;

export const Owner = z
  .object({
    /** The unit as written in the notice. */
    name: z.string(),
    role: OwnerRole,
    /** The canonical name from a units file (`--units`), when one applies. */
    canonical: z.string().nullable(),
    /** True for addressees that are everyone of a kind (各单位, 各相关单位, 区政府各部门), not one office. */
    collective: z.boolean(),
  })
  .strict();
export type Owner = z.infer<typeof Owner>;

/**
 * Who is responsible for a task in effect: its own owners when it names any, else those carried over by a
 * convention ("下同") or inherited from the nearest ancestor that names some. Decided once, in the parser;
 * exporters only display it.
 */
export const EffectiveOwners = z
  .object({
    owners: z.array(Owner),
    /** False when these are the task's own owners. */
    inherited: z.boolean(),
    /** Where inherited owners come from: the id of the ancestor or earlier item that names them. */
    from: z.string().nullable(),
  })
  .strict();
export type EffectiveOwners = z.infer<typeof EffectiveOwners>;

export const EffectiveDeadline = z
  .object({
    deadline: Deadline.nullable(),
    /** False when this is the task's own deadline (or there is none anywhere above it). */
    inherited: z.boolean(),
    /** The id of the ancestor whose deadline governs this task, when inherited. */
    from: z.string().nullable(),
  })
  .strict();
export type EffectiveDeadline = z.infer<typeof EffectiveDeadline>;

export const Effective = z
  .object({
    owners: EffectiveOwners,
    deadline: EffectiveDeadline,
  })
  .strict();
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
  source: SourcePosition;
  children: Task[];
}

export const Task: z.ZodType<Task> = z
  .object({
    /** Position in the tree ("1", "1.2", "1.2.3"), unique within the ledger. */
    id: z.string().regex(/^\d+(\.\d+)*$/),
    /** Depth in the tree, 1 = top. */
    level: z.number().int().min(1),
    /** The numbering as written ("一、", "（一）", "1."), or the Word numbering label; null when unnumbered. */
    label: z.string().nullable(),
    /** The number the label means (（三） → 3), null when unnumbered. */
    ordinal: z.number().int().nullable(),
    /** Heading text without label, trailing owner parenthetical and final punctuation. */
    title: z.string(),
    /** The whole item text without its label. */
    text: z.string(),
    /** 牵头 units, as written. */
    lead: z.array(z.string()),
    /** Every other named unit (责任 / 落实 / 负责 / 配合 …), as written. */
    responsible: z.array(z.string()),
    /** lead and responsible with their canonical names (from --units) when known. */
    owners: z.array(Owner),
    /** The owner clause the units were read from, as written, or null. */
    ownersText: z.string().nullable(),
    /** True when the owners were carried over from an earlier item by a "下同" convention. */
    ownersInherited: z.boolean(),
    /** The task's own deadline, as its text or row states it. */
    deadline: Deadline.nullable(),
    /** The owners and deadline that apply in effect, own or inherited (see EffectiveOwners). */
    effective: Effective,
    source: SourcePosition,
    get children() {
      return z.array(Task);
    },
  })
  .strict();

export const DocumentMeta = z
  .object({
    /** The plan's own title (not the cover notice's). */
    title: z.string().nullable(),
    /** The cover notice's title ("关于印发…的通知"). */
    noticeTitle: z.string().nullable(),
    /** 发文字号 such as "长莲政公办〔2019〕2号", spaces removed. */
    docNumber: z.string().nullable(),
    /** 发文机关 / 发布机构 as written. */
    issuer: z.string().nullable(),
    /** 成文日期 as an ISO date. */
    issuedDate: isoDate.nullable(),
    /** The plan's working year. */
    year: z.number().int().nullable(),
    /** 主送机关: the salutation line, split into units. */
    recipients: z.array(z.string()),
    /** 签发人. */
    signer: z.string().nullable(),
  })
  .strict();
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const LedgerSource = z
  .object({
    /** The input path as given, or null for stdin / in-memory input. */
    path: z.string().nullable(),
    format: InputFormat,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    encoding: z.string().nullable().optional(),
    /** Which reader read the file: "builtin" or "libreoffice" (converted to .docx first). */
    via: z.enum(["builtin", "libreoffice"]).optional(),
  })
  .strict();
export type LedgerSource = z.infer<typeof LedgerSource>;

export const Ledger = z
  .object({
    schemaVersion: z.literal(1),
    source: LedgerSource,
    document: DocumentMeta,
    tasks: z.array(Task),
    diagnostics: z.array(Diagnostic),
  })
  .strict();
export type Ledger = z.infer<typeof Ledger>;
