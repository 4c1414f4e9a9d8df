import { formatNumber, isSupportedNumberFormat } from "./docx-number-format.js";
import { walkXml, type XmlElement } from "./docx-xml.js";

/**
 * Word automatic numbering: the definitions in numbering.xml, the paragraph styles that carry
 * numbering in styles.xml, and the counters Word keeps while it lays the document out.
 * mammoth drops the labels, so they are rendered here (ECMA-376 Part 1, 17.9).
 */

interface LevelDefinition {
  start: number;
  numFmt: string;
  /** null when the level has no w:lvlText (Word then shows nothing). */
  lvlText: string | null;
  /** w:lvlRestart: restart after a paragraph at a level (1-based) up to this one; 0 = never; null = default. */
  lvlRestart: number | null;
  isLgl: boolean;
  /** The paragraph style this level is attached to (w:pStyle). */
  pStyle: string | null;
}

interface AbstractNumbering {
  levels: Map<number, LevelDefinition>;
  /** w:numStyleLink: the definitions live in the list of this numbering style. */
  numStyleLink: string | null;
}

interface LevelOverride {
  startOverride: number | null;
  level: LevelDefinition | null;
}

interface NumberingInstance {
  abstractNumId: string;
  overrides: Map<number, LevelOverride>;
}

export interface NumberingDefinitions {
  abstracts: Map<string, AbstractNumbering>;
  /** Keyed by numId, in document order. */
  instances: Map<string, NumberingInstance>;
}

interface StyleNumbering {
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
}

export interface StyleSheet {
  /** Paragraph and numbering styles by styleId (only what numbering needs). */
  styles: Map<string, StyleNumbering>;
  defaultParagraphStyle: string | null;
}

/** What a paragraph says about its numbering directly (w:pPr/w:numPr) and its style. */
export interface ParagraphNumberingProperties {
  styleId: string | null;
  numId: string | null;
  ilvl: number | null;
}

function integer(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return null;
  return Number.parseInt(value, 10);
}

function isOn(element: XmlElement): boolean {
  const value = element.attribute("val");
  return value === undefined || !["0", "false", "off"].includes(value);
}

function emptyLevel(): LevelDefinition {
  return { start: 0, numFmt: "decimal", lvlText: null, lvlRestart: null, isLgl: false, pStyle: null };
}

export function parseNumbering(xml: string | null, partName: string): NumberingDefinitions {
  const definitions: NumberingDefinitions = { abstracts: new Map(), instances: new Map() };
  if (xml === null) return definitions;
  const path: string[] = [];
  let abstract: AbstractNumbering | null = null;
  let instance: NumberingInstance | null = null;
  let override: LevelOverride | null = null;
  let level: LevelDefinition | null = null;
  walkXml(xml, partName, {
    open(element) {
      const parent = path[path.length - 1];
      path.push(element.name);
      switch (element.name) {
        case "w:abstractNum": {
          abstract = { levels: new Map(), numStyleLink: null };
          const id = element.attribute("abstractNumId");
          if (id !== undefined) definitions.abstracts.set(id, abstract);
          return;
        }
        case "w:num": {
          instance = { abstractNumId: "", overrides: new Map() };
          const id = element.attribute("numId");
          if (id !== undefined) definitions.instances.set(id, instance);
          return;
        }
        case "w:abstractNumId":
          if (instance !== null && parent === "w:num") instance.abstractNumId = element.attribute("val") ?? "";
          return;
        case "w:lvlOverride":
          override = { startOverride: null, level: null };
          instance?.overrides.set(integer(element.attribute("ilvl")) ?? 0, override);
          return;
        case "w:startOverride":
          if (override !== null) override.startOverride = integer(element.attribute("val"));
          return;
        case "w:numStyleLink":
          if (abstract !== null && parent === "w:abstractNum") abstract.numStyleLink = element.attribute("val") ?? null;
          return;
        case "w:lvl": {
          level = emptyLevel();
          const ilvl = integer(element.attribute("ilvl")) ?? 0;
          if (parent === "w:lvlOverride" && override !== null) override.level = level;
          else if (parent === "w:abstractNum" && abstract !== null && !abstract.levels.has(ilvl)) abstract.levels.set(ilvl, level);
          return;
        }
      }
      if (level === null || parent !== "w:lvl") return;
      readLevelProperty(level, element);
    },
    close(name) {
      path.pop();
      if (name === "w:abstractNum") abstract = null;
      else if (name === "w:num") instance = null;
      else if (name === "w:lvlOverride") override = null;
      else if (name === "w:lvl") level = null;
    },
    text() {},
  });
  return definitions;
}

function readLevelProperty(level: LevelDefinition, element: XmlElement): void {
  const value = element.attribute("val");
  switch (element.name) {
    case "w:start":
      level.start = integer(value) ?? 0;
      break;
    case "w:numFmt":
      level.numFmt = value ?? "decimal";
      break;
    case "w:lvlText":
      level.lvlText = value ?? null;
      break;
    case "w:lvlRestart":
      level.lvlRestart = integer(value);
      break;
    case "w:isLgl":
      level.isLgl = isOn(element);
      break;
    case "w:pStyle":
      level.pStyle = value ?? null;
      break;
  }
}

export function parseStyleSheet(xml: string | null, partName: string): StyleSheet {
  const sheet: StyleSheet = { styles: new Map(), defaultParagraphStyle: null };
  if (xml === null) return sheet;
  const path: string[] = [];
  let style: StyleNumbering | null = null;
  walkXml(xml, partName, {
    open(element) {
      path.push(element.name);
      const depth = path.length;
      if (element.name === "w:style" && depth === 2) {
        const type = element.attribute("type") ?? "paragraph";
        const id = element.attribute("styleId");
        style = null;
        if (id === undefined || (type !== "paragraph" && type !== "numbering")) return;
        style = { basedOn: null, numId: null, ilvl: null };
        sheet.styles.set(id, style);
        if (type === "paragraph" && isDefault(element.attribute("default"))) sheet.defaultParagraphStyle ??= id;
        return;
      }
      if (style === null) return;
      const where = path.slice(2).join("/");
      if (where === "w:basedOn") style.basedOn = element.attribute("val") ?? null;
      else if (where === "w:pPr/w:numPr/w:numId") style.numId = element.attribute("val") ?? null;
      else if (where === "w:pPr/w:numPr/w:ilvl") style.ilvl = integer(element.attribute("val"));
    },
    close(name) {
      path.pop();
      if (name === "w:style") style = null;
    },
    text() {},
  });
  return sheet;
}

function isDefault(value: string | undefined): boolean {
  return value === "1" || value === "true" || value === "on";
}

/** Guards the style and numbering-link chains against cycles in hostile files. */
const MAX_CHAIN = 32;
const MAX_LEVEL = 8;

interface ListState {
  counters: (number | undefined)[];
}

interface ResolvedNumbering {
  numId: string;
  instance: NumberingInstance;
  /** The abstract list that holds the levels (after following w:numStyleLink). */
  abstractNumId: string;
  abstract: AbstractNumbering;
  ilvl: number;
}

/**
 * Computes the label of each numbered paragraph in document order, keeping Word's counters:
 * all w:num instances of one abstract list share counters, except an instance with a
 * w:startOverride, which is a list of its own that starts at the override.
 */
export class NumberingCounter {
  private readonly lists = new Map<string, ListState>();
  private readonly firstInstanceByAbstract = new Map<string, string>();
  readonly unsupportedFormats = new Set<string>();
  /** Whether a paragraph can be numbered through its style alone, without a w:numPr of its own. */
  readonly stylesCarryNumbering: boolean;

  constructor(
    private readonly definitions: NumberingDefinitions,
    private readonly styleSheet: StyleSheet,
  ) {
    for (const [numId, instance] of definitions.instances) {
      if (!this.firstInstanceByAbstract.has(instance.abstractNumId)) {
        this.firstInstanceByAbstract.set(instance.abstractNumId, numId);
      }
    }
    this.stylesCarryNumbering =
      definitions.instances.size > 0 &&
      ([...styleSheet.styles.values()].some((style) => style.numId !== null) ||
        [...definitions.abstracts.values()].some((abstract) => [...abstract.levels.values()].some((level) => level.pStyle !== null)));
  }

  /** Advances the counters for one paragraph and returns the label Word shows, or null. */
  next(paragraph: ParagraphNumberingProperties): string | null {
    const resolved = this.resolve(paragraph);
    if (resolved === null) return null;
    const definition = this.level(resolved, resolved.ilvl);
    if (definition === null) return null;
    const hasStartOverride = [...resolved.instance.overrides.values()].some((override) => override.startOverride !== null);
    const key = hasStartOverride ? `num:${resolved.numId}` : `abstract:${resolved.abstractNumId}`;
    let list = this.lists.get(key);
    if (list === undefined) {
      list = { counters: [] };
      this.lists.set(key, list);
    }
    const current = list.counters[resolved.ilvl];
    list.counters[resolved.ilvl] = current === undefined ? this.start(resolved, resolved.ilvl) : current + 1;
    for (let deeper = resolved.ilvl + 1; deeper <= MAX_LEVEL; deeper++) {
      const restart = this.level(resolved, deeper)?.lvlRestart ?? null;
      // By default a level restarts after any shallower level; lvlRestart=n only after levels 1..n.
      if (restart === null || resolved.ilvl < restart) list.counters[deeper] = undefined;
    }
    return this.render(resolved, definition, list);
  }

  private render(resolved: ResolvedNumbering, definition: LevelDefinition, list: ListState): string | null {
    if (definition.numFmt === "bullet" || definition.lvlText === null) return null;
    const label = definition.lvlText.replace(/%([1-9])/g, (_match, digit: string) => {
      const ilvl = Number(digit) - 1;
      const level = this.level(resolved, ilvl);
      if (level === null) return "";
      const value = list.counters[ilvl] ?? this.start(resolved, ilvl);
      const numFmt = definition.isLgl ? "decimal" : level.numFmt;
      if (!isSupportedNumberFormat(numFmt)) this.unsupportedFormats.add(numFmt);
      return numFmt === "bullet" ? "" : formatNumber(value, numFmt);
    });
    return label.trim() === "" ? null : label;
  }

  private level(resolved: ResolvedNumbering, ilvl: number): LevelDefinition | null {
    return resolved.instance.overrides.get(ilvl)?.level ?? resolved.abstract.levels.get(ilvl) ?? null;
  }

  private start(resolved: ResolvedNumbering, ilvl: number): number {
    return resolved.instance.overrides.get(ilvl)?.startOverride ?? this.level(resolved, ilvl)?.start ?? 0;
  }

  private resolve(paragraph: ParagraphNumberingProperties): ResolvedNumbering | null {
    const styleId = paragraph.styleId ?? this.styleSheet.defaultParagraphStyle;
    const fromStyle = this.numberingOfStyle(styleId);
    const numId = paragraph.numId ?? fromStyle.numId ?? this.instanceAttachedToStyle(styleId);
    if (numId === null || numId === "0") return null;
    const instance = this.definitions.instances.get(numId);
    if (instance === undefined) return null;
    const abstractNumId = this.abstractIdOf(instance);
    const abstract = abstractNumId === null ? undefined : this.definitions.abstracts.get(abstractNumId);
    if (abstractNumId === null || abstract === undefined) return null;
    const ilvl = paragraph.ilvl ?? fromStyle.ilvl ?? this.levelAttachedToStyle(abstract, styleId) ?? 0;
    if (ilvl < 0 || ilvl > MAX_LEVEL) return null;
    return { numId, instance, abstractNumId, abstract, ilvl };
  }

  /** The first numId and ilvl found walking up the paragraph's style chain. */
  private numberingOfStyle(styleId: string | null): { numId: string | null; ilvl: number | null } {
    let numId: string | null = null;
    let ilvl: number | null = null;
    let current = styleId;
    for (let depth = 0; current !== null && depth < MAX_CHAIN; depth++) {
      const style = this.styleSheet.styles.get(current);
      if (style === undefined) break;
      numId ??= style.numId;
      ilvl ??= style.ilvl;
      if (numId !== null && ilvl !== null) break;
      current = style.basedOn;
    }
    return { numId, ilvl };
  }

  /** A list level may name the paragraph style it numbers (w:lvl/w:pStyle). */
  private instanceAttachedToStyle(styleId: string | null): string | null {
    if (styleId === null) return null;
    for (const [abstractNumId, abstract] of this.definitions.abstracts) {
      if (this.levelAttachedToStyle(abstract, styleId) !== null) return this.firstInstanceByAbstract.get(abstractNumId) ?? null;
    }
    return null;
  }

  private levelAttachedToStyle(abstract: AbstractNumbering, styleId: string | null): number | null {
    if (styleId === null) return null;
    for (const [ilvl, level] of abstract.levels) if (level.pStyle === styleId) return ilvl;
    return null;
  }

  /** Follows w:numStyleLink through the numbering style to the abstract list that holds the levels. */
  private abstractIdOf(instance: NumberingInstance): string | null {
    let abstractNumId = instance.abstractNumId;
    for (let depth = 0; depth < MAX_CHAIN; depth++) {
      const link = this.definitions.abstracts.get(abstractNumId)?.numStyleLink;
      if (link == null) return this.definitions.abstracts.has(abstractNumId) ? abstractNumId : null;
      const linkedNumId = this.styleSheet.styles.get(link)?.numId;
      const linked = linkedNumId == null ? undefined : this.definitions.instances.get(linkedNumId);
      if (linked === undefined) return null;
      abstractNumId = linked.abstractNumId;
    }
    return null;
  }
}
