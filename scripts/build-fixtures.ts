/**
 * Writes the .docx fixtures from the .txt seeds with the `docx` package, as real Word files:
 * merged table cells are Word vertical merges and 一、/（一）/1. lists are Word automatic
 * numbering where the brief asks for it. Run: npm run fixtures. No network; same bytes every run.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "fixtures");
/** Where the seeds come from before they are copied into fixtures/ (fixtures/seeds.json names them). */
const SEEDS_FALLBACK = join(root, "..", "shared", "seeds");
/** Every file in the written zips, and the document's own dates, carry this moment. */
const FIXED_TIME = new Date("2024-01-01T00:00:00Z");

const DEBRIS = /\[bookmark: _GoBack\]/g;

async function readSeed(name: string): Promise<string[]> {
  const copy = join(fixtures, `${name}.txt`);
  const seedOf = async (): Promise<string> => JSON.parse(await readFile(join(fixtures, "seeds.json"), "utf8"))[name];
  const path = existsSync(copy) ? copy : join(SEEDS_FALLBACK, `${await seedOf()}.txt`);
  const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  // Trailing spaces go; a trailing TAB stays, since in Tika text it is an empty cell.
  const lines = text.split("\n").map((line) => line.replace(DEBRIS, "").replace(/[^\S\t]+$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

// ---------------------------------------------------------------- building blocks

const BODY_FONT = { ascii: "Times New Roman", eastAsia: "仿宋_GB2312", hAnsi: "Times New Roman" };

function paragraph(text: string, options: { bold?: boolean; center?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : undefined,
    children: text === "" ? [] : [new TextRun({ text, bold: options.bold })],
  });
}

function cell(paragraphs: string[], span: { rowSpan?: number; columnSpan?: number } = {}): TableCell {
  return new TableCell({ ...span, children: (paragraphs.length > 0 ? paragraphs : [""]).map((text) => paragraph(text)) });
}

function table(rows: TableRow[], columnWidths: number[]): Table {
  return new Table({ rows, columnWidths, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function document(children: (Paragraph | Table)[], numbering: NumberingPlan | null = null): Document {
  return new Document({
    creator: "ledger fixtures",
    styles: { default: { document: { run: { font: BODY_FONT, size: 24 } } } },
    numbering: numbering === null ? undefined : { config: numbering.definitions() },
    sections: [{ children }],
  });
}

/** Packs, then re-zips with fixed dates: docx stamps the current time into core.xml and the zip. */
async function writeDocx(name: string, built: Document): Promise<void> {
  const parts = unzipSync(await Packer.toBuffer(built));
  const stamp = FIXED_TIME.toISOString().replace(/\.\d+Z$/, "Z");
  const core = strFromU8(parts["docProps/core.xml"]).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, `$1${stamp}`);
  parts["docProps/core.xml"] = strToU8(core);
  await writeFile(join(fixtures, `${name}.docx`), zipSync(parts, { level: 9, mtime: FIXED_TIME }));
  console.log(`wrote fixtures/${name}.docx`);
}

// ---------------------------------------------------------------- automatic numbering

const CHINESE_NUMERALS = "一二三四五六七八九";

/** 一 … 九十九 as a number. */
function chineseNumber(text: string): number {
  const digit = (character: string | undefined): number => (character === undefined ? 0 : CHINESE_NUMERALS.indexOf(character) + 1);
  const ten = text.indexOf("十");
  if (ten < 0) return digit(text);
  return (ten === 0 ? 1 : digit(text[ten - 1])) * 10 + digit(text[ten + 1]);
}

interface TypedLabel {
  level: number;
  value: number;
  /** The paragraph text after the label. */
  text: string;
}

type LabelPattern = { level: number; pattern: RegExp; value: (captured: string) => number };

function readLabel(line: string, patterns: LabelPattern[]): TypedLabel | null {
  for (const { level, pattern, value } of patterns) {
    const match = pattern.exec(line);
    if (match !== null) return { level, value: value(match[1]), text: line.slice(match[0].length).trim() };
  }
  return null;
}

/**
 * Chooses Word numbering for typed labels so that Word displays exactly those labels,
 * mistakes included: each list (w:num) counts on from its levels' starts, and where the typed
 * value is not the next one, a new list starts whose level begins at that value
 * (docx writes one w:num per instance, with a w:startOverride for each level).
 */
class NumberingPlan {
  private readonly starts = new Map<string, number[]>();
  private readonly instances = new Map<string, number>();
  private current: { reference: string; instance: number; counters: (number | undefined)[]; starts: number[] } | null = null;

  constructor(
    private readonly name: string,
    private readonly levels: Omit<ILevelsOptions, "start">[],
  ) {}

  numberingFor(label: TypedLabel): { reference: string; level: number; instance: number } {
    const expected = this.current === null ? undefined : (this.current.counters[label.level] ?? this.current.starts[label.level] - 1) + 1;
    if (this.current === null || expected !== label.value) {
      const starts = this.levels.map((_level, index) => (index === label.level ? label.value : 1));
      const reference = `${this.name}-from-${starts.join("-")}`;
      this.starts.set(reference, starts);
      const instance = (this.instances.get(reference) ?? -1) + 1;
      this.instances.set(reference, instance);
      this.current = { reference, instance, counters: [], starts };
    }
    const list = this.current;
    list.counters[label.level] = label.value;
    list.counters.length = label.level + 1;
    return { reference: list.reference, level: label.level, instance: list.instance };
  }

  definitions(): { reference: string; levels: ILevelsOptions[] }[] {
    return [...this.starts].map(([reference, starts]) => ({
      reference,
      levels: this.levels.map((level, index) => ({ ...level, start: starts[index] })),
    }));
  }
}

function indent(level: number): ILevelsOptions["style"] {
  return { paragraph: { indent: { left: 480 * (level + 1), hanging: 480 } } };
}

/** Paragraphs for list-shaped text: typed labels become automatic numbering, other lines stay plain. */
function numberedParagraphs(lines: string[], patterns: LabelPattern[], plan: NumberingPlan): Paragraph[] {
  return lines.map((line) => {
    const label = readLabel(line, patterns);
    if (label === null) return paragraph(line);
    return new Paragraph({ numbering: plan.numberingFor(label), children: [new TextRun(label.text)] });
  });
}

// ---------------------------------------------------------------- the fixtures

/** 朝阳区 台账: Tika text, one TAB-prefixed line per cell, blank lines between rows. */
async function buildChaoyang(): Promise<void> {
  const rows = tikaRows(await readSeed("chaoyang-2021-ledger"));
  const [[title], header, ...body] = rows;
  const merges = verticalMerges(body, [0, 1, 2]);
  const tableRows = [
    new TableRow({
      tableHeader: true,
      children: [cell(header[0]), cell(header[1], { columnSpan: 3 }), cell(header[2]), cell(header[3])],
    }),
    ...body.map(
      (row, rowIndex) =>
        new TableRow({
          children: row.flatMap((paragraphs, col) => {
            const rowSpan = merges.get(`${rowIndex}:${col}`);
            if (rowSpan === 0) return [];
            return [cell(paragraphs.every((text) => text.trim() === "") ? [""] : paragraphs, rowSpan === undefined ? {} : { rowSpan })];
          }),
        }),
    ),
  ];
  await writeDocx(
    "chaoyang-2021-ledger",
    document([paragraph(title.join(""), { bold: true, center: true }), table(tableRows, [600, 1500, 1800, 4200, 1900, 1200])]),
  );
}

/** Rows of cells of paragraphs; a line without the TAB continues the cell before it. */
function tikaRows(lines: string[]): string[][][] {
  const rows: string[][][] = [];
  let row: string[][] | null = null;
  for (const line of lines) {
    if (line === "") {
      row = null;
      continue;
    }
    if (row === null) {
      row = [];
      rows.push(row);
    }
    if (line.startsWith("\t") || row.length === 0) row.push([line.replace(/^\t/, "")]);
    else row[row.length - 1].push(line);
  }
  return rows;
}

/**
 * The vertical merges of `columns`: a row with text in column 1 (the category) starts a
 * group, and inside a group an empty cell under a filled one continues its merge. Returns
 * rowSpan by "row:col" for origins, 0 for covered cells. An all-blank row is no group's.
 */
function verticalMerges(body: string[][][], columns: number[]): Map<string, number> {
  const blank = (paragraphs: string[] | undefined): boolean => (paragraphs ?? []).every((text) => text.trim() === "");
  const merges = new Map<string, number>();
  const groups: number[][] = [];
  body.forEach((row, rowIndex) => {
    if (row.every((paragraphs) => blank(paragraphs))) return;
    if (!blank(row[1]) || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(rowIndex);
  });
  for (const group of groups) {
    for (const col of columns) {
      let origin: number | null = null;
      for (const rowIndex of group) {
        if (!blank(body[rowIndex][col])) {
          origin = rowIndex;
          merges.set(`${rowIndex}:${col}`, 1);
        } else if (origin !== null) {
          merges.set(`${origin}:${col}`, merges.get(`${origin}:${col}`)! + 1);
          merges.set(`${rowIndex}:${col}`, 0);
        }
      }
    }
  }
  for (const [key, rowSpan] of merges) if (rowSpan === 1) merges.delete(key);
  return merges;
}

interface ZhonglouTable {
  before: string[];
  header: string[];
  rows: { goal?: string[]; task?: string; content: string; lead: string; responsible: string }[];
}

/** 钟楼区: the row structure is written out in fixtures/src (the flattened text cannot be split mechanically). */
async function buildZhonglou(): Promise<void> {
  const source: ZhonglouTable = JSON.parse(await readFile(join(fixtures, "src", "zhonglou-2018-plan.table.json"), "utf8"));
  // A 目标 cell reaches down to the next 目标; a 任务 cell to the next 任务 or 目标.
  const spanOf = (key: "goal" | "task", start: number): number => {
    let end = start + 1;
    const continues = (row: ZhonglouTable["rows"][number]): boolean =>
      row.goal === undefined && (key === "goal" || row.task === undefined);
    while (end < source.rows.length && continues(source.rows[end])) end++;
    return end - start;
  };
  const rows = source.rows.map((row, index) => {
    const cells: TableCell[] = [];
    if (row.goal !== undefined) cells.push(cell(row.goal, { rowSpan: spanOf("goal", index) }));
    if (row.task !== undefined) cells.push(cell([row.task], { rowSpan: spanOf("task", index) }));
    cells.push(cell([row.content]), cell([row.lead]), cell([row.responsible]));
    return new TableRow({ children: cells });
  });
  const header = new TableRow({ tableHeader: true, children: source.header.map((text) => cell([text])) });
  const [notice, signature, publication, title] = source.before;
  await writeDocx(
    "zhonglou-2018-plan",
    document([
      paragraph(notice),
      paragraph(signature),
      paragraph(publication),
      paragraph(title, { bold: true, center: true }),
      table([header, ...rows], [1300, 1700, 4000, 1500, 1500]),
    ]),
  );
}

const chineseLevel = (level: number, text: string): Omit<ILevelsOptions, "start"> => ({
  level,
  format: LevelFormat.CHINESE_COUNTING,
  text,
  alignment: AlignmentType.LEFT,
  style: indent(level),
});

/** 前进区: 一、 / （一） / 1. as automatic numbering, reproducing the source's skipped and repeated numbers. */
async function buildQianjin(): Promise<void> {
  const lines = await readSeed("qianjin-2017-plan");
  const patterns: LabelPattern[] = [
    { level: 0, pattern: /^\s*([一二三四五六七八九十]+)、/, value: chineseNumber },
    { level: 1, pattern: /^\s*（([一二三四五六七八九十]+)）/, value: chineseNumber },
    { level: 2, pattern: /^\s*(\d+)\.\s*/, value: Number },
  ];
  const plan = new NumberingPlan("qianjin", [
    chineseLevel(0, "%1、"),
    chineseLevel(1, "（%2）"),
    { level: 2, format: LevelFormat.DECIMAL, text: "%3.", alignment: AlignmentType.LEFT, style: indent(2) },
  ]);
  const children = numberedParagraphs(lines, patterns, plan);
  await writeDocx("qianjin-2017-plan", document(children, plan));
}

/** 山西省: 一、 and (一) (half-width parentheses, as the source has them) as automatic numbering. */
async function buildShanxi(): Promise<void> {
  const lines = await readSeed("shanxi-2019-plan");
  const patterns: LabelPattern[] = [
    { level: 0, pattern: /^\s*([一二三四五六七八九十]+)、/, value: chineseNumber },
    { level: 1, pattern: /^\s*\(([一二三四五六七八九十]+)\)/, value: chineseNumber },
  ];
  const plan = new NumberingPlan("shanxi", [chineseLevel(0, "%1、"), chineseLevel(1, "(%2)")]);
  const children = numberedParagraphs(lines, patterns, plan);
  await writeDocx("shanxi-2019-plan", document(children, plan));
}

/** 莲花山: every line a plain paragraph with its typed label, header and cover notice included. */
async function buildLianhuashan(): Promise<void> {
  const lines = await readSeed("lianhuashan-2019-plan");
  await writeDocx("lianhuashan-2019-plan", document(lines.map((line) => paragraph(line.trim() === "" ? "" : line))));
}

await buildChaoyang();
await buildZhonglou();
await buildQianjin();
await buildShanxi();
await buildLianhuashan();
