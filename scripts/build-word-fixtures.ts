/**
 * Writes the Word fixtures of fixtures/word/ as their producers write them (WordprocessingML
 * by hand, zipped with fflate): lists whose labels only Word's numbering engine gives, so the
 * label oracle (LibreOffice) and the ledger goldens test the reader on them. Run:
 * npx tsx scripts/build-word-fixtures.ts (same bytes every run).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";

const OUT = join(import.meta.dirname, "..", "fixtures", "word");
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const FIXED_TIME = new Date(2024, 0, 1);

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`;

const part = (root: string, content: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:${root} xmlns:w="${W}">${content}</w:${root}>`;

function write(name: string, parts: { body: string; styles: string; numbering: string }): void {
  const files: Zippable = {
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(RELS),
    "word/_rels/document.xml.rels": strToU8(DOCUMENT_RELS),
    "word/document.xml": strToU8(part("document", `<w:body>${parts.body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body>`)),
    "word/styles.xml": strToU8(part("styles", parts.styles)),
    "word/numbering.xml": strToU8(part("numbering", parts.numbering)),
  };
  writeFileSync(join(OUT, name), zipSync(files, { mtime: FIXED_TIME }));
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const run = (text: string) => `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;

interface ParagraphSpec {
  style?: string;
  numId?: number;
  ilvl?: number;
}
function p(text: string, spec: ParagraphSpec = {}): string {
  const style = spec.style === undefined ? "" : `<w:pStyle w:val="${spec.style}"/>`;
  const numPr = spec.numId === undefined ? "" : `<w:numPr>${spec.ilvl === undefined ? "" : `<w:ilvl w:val="${spec.ilvl}"/>`}<w:numId w:val="${spec.numId}"/></w:numPr>`;
  return `<w:p>${style + numPr === "" ? "" : `<w:pPr>${style}${numPr}</w:pPr>`}${text === "" ? "" : run(text)}</w:p>`;
}

interface Level {
  numFmt: string;
  lvlText: string;
  start?: number;
  pStyle?: string;
  suff?: string;
  isLgl?: boolean;
}
function abstractNum(id: number, levels: Level[], extra = ""): string {
  const lvl = (level: Level, ilvl: number) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${level.start ?? 1}"/><w:numFmt w:val="${level.numFmt}"/>` +
    (level.pStyle === undefined ? "" : `<w:pStyle w:val="${level.pStyle}"/>`) +
    (level.isLgl ? "<w:isLgl/>" : "") +
    (level.suff === undefined ? "" : `<w:suff w:val="${level.suff}"/>`) +
    `<w:lvlText w:val="${level.lvlText}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${420 * (ilvl + 1)}" w:hanging="420"/></w:pPr></w:lvl>`;
  return `<w:abstractNum w:abstractNumId="${id}">${extra}${levels.map(lvl).join("")}</w:abstractNum>`;
}
const num = (numId: number, abstractNumId: number, overrides: Record<number, number> = {}) =>
  `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractNumId}"/>${Object.entries(overrides)
    .map(([ilvl, start]) => `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`)
    .join("")}</w:num>`;

const style = (id: string, name: string, extra = "") =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${extra}</w:style>`;
const BASE_STYLES = `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr></w:rPrDefault></w:docDefaults>${style("Normal", "Normal").replace("<w:style ", '<w:style w:default="1" ')}${style("ListParagraph", "List Paragraph", '<w:basedOn w:val="Normal"/>')}`;
const TITLE = (text: string) => `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${run(text)}</w:p>`;

/** Word's own multi-level list (1. / 1.1 / 1.1.1) used as one list for the whole plan. */
function multilevelDecimal(): void {
  const numbering =
    abstractNum(0, [
      { numFmt: "decimal", lvlText: "%1." },
      { numFmt: "decimal", lvlText: "%1.%2" },
      { numFmt: "decimal", lvlText: "%1.%2.%3" },
    ], '<w:nsid w:val="5A1B2C3D"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0409001F"/>') + num(1, 0);
  const item = (text: string, ilvl: number) => p(text, { style: "ListParagraph", numId: 1, ilvl });
  const body = [
    TITLE("某区2024年政务公开工作要点"),
    p("为深入贯彻落实国务院办公厅关于政务公开工作的部署，现提出如下工作要点。"),
    item("持续深化重点领域信息公开", 0),
    item("做好财政信息公开", 1),
    item("区财政局于2024年6月底前公开区级部门预决算。", 2),
    item("各镇街于2024年9月底前公开本级预决算。", 2),
    item("做好重大建设项目信息公开", 1),
    item("区发展改革委牵头，按季度公开重大建设项目批准和实施信息。", 2),
    item("强化政策解读和回应关切", 0),
    item("提升政策解读质量", 1),
    item("区政府办公室于2024年12月底前建立政策解读台账。", 2),
    item("加强政务舆情回应", 1),
    item("区委网信办持续做好舆情监测，及时回应社会关切。", 2),
  ].join("");
  write("multilevel-decimal.docx", { body, styles: BASE_STYLES, numbering });
}

/** Headings numbered through heading styles: the paragraphs carry only w:pStyle. */
function headingStyles(): void {
  const numbering =
    abstractNum(3, [
      { numFmt: "chineseCounting", lvlText: "%1、", pStyle: "Heading1", suff: "nothing" },
      { numFmt: "chineseCounting", lvlText: "（%2）", pStyle: "Heading2", suff: "nothing" },
      { numFmt: "decimal", lvlText: "%3.", pStyle: "Heading3", suff: "nothing" },
    ], '<w:multiLevelType w:val="multilevel"/>') + num(4, 3);
  const headingStyle = (level: number) =>
    style(`Heading${level}`, `heading ${level}`, `<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:numPr>${level === 1 ? "" : `<w:ilvl w:val="${level - 1}"/>`}<w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="${level - 1}"/></w:pPr>`);
  const styles = BASE_STYLES + headingStyle(1) + headingStyle(2) + headingStyle(3);
  const h = (level: number, text: string) => p(text, { style: `Heading${level}` });
  const body = [
    TITLE("某市2024年政务公开重点工作分工方案"),
    h(1, "加强政策发布解读"),
    h(2, "规范政策文件发布"),
    h(3, "市政府办公室牵头，2024年底前完成规范性文件集中公开。"),
    h(3, "市司法局负责规章的统一公开，长期坚持。"),
    h(2, "做好政策解读"),
    h(3, "各政策起草部门于文件印发后3个工作日内发布解读材料。"),
    h(1, "深化重点领域公开"),
    h(2, "推进财政资金信息公开"),
    h(3, "市财政局牵头，2024年9月底前公开财政资金直达基层情况。"),
  ].join("");
  write("heading-styles.docx", { body, styles, numbering });
}

/** WPS Office: an automatic 一、 written as japaneseCounting, in a list that mixes automatic and typed labels. */
function wpsJapaneseCounting(): void {
  const numbering =
    abstractNum(0, [{ numFmt: "japaneseCounting", lvlText: "%1、", suff: "nothing" }], '<w:nsid w:val="1F2E3D4C"/><w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="5A1B2C3D"/>') +
    abstractNum(1, [{ numFmt: "decimal", lvlText: "%1.", suff: "nothing" }], '<w:nsid w:val="2F3E4D5C"/><w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="6A1B2C3D"/>') +
    num(1, 0) +
    num(2, 1) +
    num(3, 1, { 0: 1 }) +
    num(4, 1, { 0: 1 });
  const body = [
    TITLE("某县2024年政务公开工作任务分解"),
    p("推进政务公开标准化规范化", { numId: 1 }),
    p("（一）完善政务公开事项目录", {}),
    p("县政务公开办于2024年6月底前更新目录。", { numId: 2 }),
    p("各乡镇于2024年8月底前完成目录编制。", { numId: 2 }),
    p("（二）规范依申请公开办理", {}),
    p("县司法局负责复议纠错案件分析，长期坚持。", { numId: 3 }),
    p("加强政府信息管理", { numId: 1 }),
    p("（一）动态调整主动公开基本目录", {}),
    p("县政府办公室牵头，2024年底前完成。", { numId: 4 }),
    p("三、强化监督保障", {}),
    p("（一）纳入绩效考核", {}),
    p("县政务公开办每季度通报进展情况。", {}),
  ].join("");
  write("wps-japanese-counting.docx", { body, styles: BASE_STYLES.replace("宋体", "仿宋_GB2312"), numbering });
}

/** A list that continues after a table: the same w:num before and after it. */
function listAfterTable(): void {
  const numbering = abstractNum(0, [{ numFmt: "chineseCounting", lvlText: "%1、" }, { numFmt: "chineseCounting", lvlText: "（%2）" }]) + num(1, 0);
  const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${p(text)}</w:tc>`;
  const table = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid><w:tr>${cell("指标")}${cell("目标值")}</w:tr><w:tr>${cell("主动公开信息条数")}${cell("不少于2000条")}</w:tr></w:tbl>`;
  const body = [
    TITLE("某区2024年政务公开工作方案"),
    p("加强政务公开平台建设", { numId: 1, ilvl: 0 }),
    p("优化政府网站集约化平台", { numId: 1, ilvl: 1 }),
    p("区政数局于2024年10月底前完成平台升级。"),
    p("提升主动公开质量", { numId: 1, ilvl: 0 }),
    p("主要指标如下表："),
    table,
    p("做好政府信息主动公开", { numId: 1, ilvl: 1 }),
    p("各部门按季度报送公开情况，区政府办公室汇总。"),
    p("强化组织保障", { numId: 1, ilvl: 0 }),
    p("加强考核评估", { numId: 1, ilvl: 1 }),
    p("区政务公开办于每年1月底前组织考核。"),
  ].join("");
  write("list-after-table.docx", { body, styles: BASE_STYLES, numbering });
}

/** Every number format Chinese documents use, at the values where their rules change; each item restarts its list. */
function numberFormats(): void {
  const formats = [
    "decimal", "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional", "ideographZodiac",
    "ideographDigital", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "decimalFullWidth", "decimalEnclosedCircle",
    "decimalEnclosedCircleChinese", "decimalEnclosedParen", "decimalEnclosedFullstop", "decimalZero", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter",
  ];
  const values = [1, 2, 9, 10, 11, 12, 19, 20, 21, 25, 30, 50, 51, 99, 100, 101, 110, 111, 120, 999, 1000, 1001, 1010, 2024, 10000, 10001, 20000];
  let numbering = "";
  let body = TITLE("编号格式");
  let numId = 1;
  formats.forEach((numFmt, index) => {
    numbering += abstractNum(index, [{ numFmt, lvlText: "%1|" }]);
    for (const value of values) {
      numbering += num(numId, index, { 0: value });
      body += p(`${numFmt} ${value}`, { numId });
      numId++;
    }
  });
  write("number-formats.docx", { body, styles: BASE_STYLES, numbering: reorderNums(numbering) });
}

/** numbering.xml lists every w:abstractNum before the first w:num (CT_Numbering's order). */
function reorderNums(numbering: string): string {
  const abstracts = numbering.match(/<w:abstractNum [\s\S]*?<\/w:abstractNum>/g) ?? [];
  const nums = numbering.match(/<w:num [\s\S]*?<\/w:num>/g) ?? [];
  return abstracts.join("") + nums.join("");
}

/** How w:num instances of one abstract list count together, and what a startOverride restarts. */
function sharedCounters(): void {
  const levels: Level[] = [{ numFmt: "chineseCounting", lvlText: "%1、" }, { numFmt: "decimal", lvlText: "%2." }];
  const numbering = abstractNum(0, levels) + abstractNum(1, levels) + num(1, 0) + num(2, 0) + num(3, 0, { 0: 7 }) + num(4, 1, { 0: 1 }) + num(5, 1) + num(6, 1, { 1: 5 });
  const body = [
    TITLE("计数"),
    ...[1, 1, 2, 3, 3, 1, 2].map((numId, index) => p(`列表甲 第${index + 1}段`, { numId })),
    p("正文"),
    ...[
      [4, 0], [5, 0], [5, 1], [5, 1], [5, 0], [6, 1], [6, 1], [5, 1], [4, 1], [5, 0], [5, 1],
    ].map(([numId, ilvl], index) => p(`列表乙 第${index + 1}段`, { numId, ilvl })),
  ].join("");
  write("shared-counters.docx", { body, styles: BASE_STYLES, numbering });
}

multilevelDecimal();
headingStyles();
wpsJapaneseCounting();
listAfterTable();
numberFormats();
sharedCounters();
