import { formatNumber, isSupportedNumberFormat } from "./docx-number-format.js";
import { integer, MAX_CHAIN, styleNumbering, type StyleSheet } from "./docx-styles.js";
import { walkXml, type XmlElement } from "./docx-xml.js";

/**
 * Word automatic numbering (ECMA-376 Part 1, 17.9): the definitions in numbering.xml and the
 * counters Word keeps while it lays the document out, so each numbered paragraph gets the
 * label Word (and LibreOffice) shows.
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
  /** Start values outside what Word accepts, as written (each was clamped). */
  absurdValues: string[];
}

/** What a paragraph says about its numbering directly (w:pPr/w:numPr) and its style. */
export interface ParagraphNumberingProperties {
  styleId: string | null;
  numId: string | null;
  ilvl: number | null;
}

/** Word's own bounds: levels 0–8, start values 0–32767. */
const MAX_LEVEL = 8;
const MAX_START = 32_767;
/** A label longer than this is no label a person typed or Word shows (a hostile lvlText). */
const MAX_LABEL_CHARS = 64;

function emptyLevel(): LevelDefinition {
  return { start: 0, numFmt: "decimal", lvlText: null, lvlRestart: null, isLgl: false, pStyle: null };
}

export function parseNumbering(xml: string | null, partName: string): NumberingDefinitions {
  const definitions: NumberingDefinitions = { abstracts: new Map(), instances: new Map(), absurdValues: [] };
  if (xml === null) return definitions;
  const path: string[] = [];
  let abstract: AbstractNumbering | null = null;
  let instance: NumberingInstance | null = null;
  let override: LevelOverride | null = null;
  let level: LevelDefinition | null = null;
  const startValue = (value: string | undefined): number => {
    const parsed = integer(value);
    if (parsed === null) return 0;
    if (parsed >= 0 && parsed <= MAX_START) return parsed;
    definitions.absurdValues.push(value!.trim().slice(0, 24));
    return Math.min(Math.max(parsed, 0), MAX_START);
  };
  walkXml(xml, partName, {
    open(element) {
      const parent = path[path.length - 1];
      path.push(element.name);
      switch (element.name) {
        case "w:abstractNum": {
          abstract = { levels: new Map(), numStyleLink: null };
          const id = element.attribute("abstractNumId");
          if (id !== undefined && !definitions.abstracts.has(id)) definitions.abstracts.set(id, abstract);
          return;
        }
        case "w:num": {
          instance = { abstractNumId: "", overrides: new Map() };
          const id = element.attribute("numId");
          if (id !== undefined && !definitions.instances.has(id)) definitions.instances.set(id, instance);
          return;
        }
        case "w:abstractNumId":
          if (instance !== null && parent === "w:num") instance.abstractNumId = element.attribute("val") ?? "";
          return;
        case "w:lvlOverride": {
          override = { startOverride: null, level: null };
          const ilvl = integer(element.attribute("ilvl")) ?? 0;
          if (ilvl >= 0 && ilvl <= MAX_LEVEL) instance?.overrides.set(ilvl, override);
          return;
        }
        case "w:startOverride":
          if (override !== null && parent === "w:lvlOverride") override.startOverride = startValue(element.attribute("val"));
          return;
        case "w:numStyleLink":
          if (abstract !== null && parent === "w:abstractNum") abstract.numStyleLink = element.attribute("val") ?? null;
          return;
        case "w:lvl": {
          level = emptyLevel();
          const ilvl = integer(element.attribute("ilvl")) ?? 0;
          if (ilvl < 0 || ilvl > MAX_LEVEL) return;
          if (parent === "w:lvlOverride" && override !== null) override.level = level;
          else if (parent === "w:abstractNum" && abstract !== null && !abstract.levels.has(ilvl)) abstract.levels.set(ilvl, level);
          return;
        }
      }
      if (level !== null && parent === "w:lvl") readLevelProperty(level, element, startValue);
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

function readLevelProperty(level: LevelDefinition, element: XmlElement, startValue: (value: string | undefined) => number): void {
  const value = element.attribute("val");
  switch (element.name) {
    case "w:start":
      level.start = startValue(value);
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
      level.isLgl = value === undefined || !["0", "false", "off"].includes(value);
      break;
    case "w:pStyle":
      level.pStyle = value ?? null;
      break;
  }
}

/** The counters of one abstract list: shared by every w:num that points at it. */
interface ListState {
  /** The current value of each level; undefined until used or after a restart. */
  counters: (number | undefined)[];
  /** Values a w:startOverride set for a level's next use. */
  pendingStarts: (number | undefined)[];
}

interface ResolvedNumbering {
  numId: string;
  instance: NumberingInstance;
  /** The abstract list that holds the levels (after following w:numStyleLink). */
  abstractNumId: string;
  abstract: AbstractNumbering;
  ilvl: number;
}

/** Why a paragraph that asks for numbering gets none. */
export type NumberingProblem = { kind: "missing-num"; numId: string } | { kind: "label-too-long"; numId: string };

/**
 * Computes the label of each numbered paragraph in document order, keeping Word's counters:
 * every w:num of one abstract list shares its counters; a w:num's w:startOverride restarts
 * the level the first time a paragraph uses that w:num (so LibreOffice's "first paragraph
 * gets its own w:num" and Word's "restart numbering" both read right).
 */
export class NumberingCounter {
  private readonly lists = new Map<string, ListState>();
  private readonly overridesApplied = new Set<string>();
  private readonly firstInstanceByAbstract = new Map<string, string>();
  readonly unsupportedFormats = new Set<string>();
  /** Whether a paragraph can be numbered through its style alone, without a w:numPr of its own. */
  readonly stylesCarryNumbering: boolean;

  constructor(
    private readonly definitions: NumberingDefinitions,
    private readonly styleSheet: StyleSheet,
  ) {
    for (const [numId, instance] of definitions.instances) {
      if (!this.firstInstanceByAbstract.has(instance.abstractNumId)) this.firstInstanceByAbstract.set(instance.abstractNumId, numId);
    }
    this.stylesCarryNumbering =
      definitions.instances.size > 0 &&
      ([...styleSheet.styles.values()].some((style) => style.numId !== null) ||
        [...definitions.abstracts.values()].some((abstract) => [...abstract.levels.values()].some((level) => level.pStyle !== null)));
  }

  /** Advances the counters for one paragraph; returns the label Word shows (or null) and what went wrong. */
  next(paragraph: ParagraphNumberingProperties): { label: string | null; problem: NumberingProblem | null } {
    const resolved = this.resolve(paragraph);
    if (resolved === null) return { label: null, problem: null };
    if ("missing" in resolved) return { label: null, problem: { kind: "missing-num", numId: resolved.missing } };
    const definition = this.level(resolved, resolved.ilvl);
    if (definition === null) return { label: null, problem: null };
    const list = this.listOf(resolved);
    const { ilvl } = resolved;
    // A level numbered before any paragraph of a shallower level counts that level as used, as Word
    // and LibreOffice do: a list that begins at （一） numbers its first 一、 as 二、.
    for (let shallower = 0; shallower < ilvl; shallower++) {
      if (list.counters[shallower] !== undefined || this.level(resolved, shallower) === null) continue;
      list.counters[shallower] = list.pendingStarts[shallower] ?? this.start(resolved, shallower);
      list.pendingStarts[shallower] = undefined;
    }
    const current = list.counters[ilvl];
    list.counters[ilvl] = current === undefined ? (list.pendingStarts[ilvl] ?? this.start(resolved, ilvl)) : current + 1;
    list.pendingStarts[ilvl] = undefined;
    for (let deeper = ilvl + 1; deeper <= MAX_LEVEL; deeper++) {
      const restart = this.level(resolved, deeper)?.lvlRestart ?? null;
      // By default a level restarts after any shallower level; lvlRestart=n only after levels 1..n.
      if (restart === null || ilvl < restart) list.counters[deeper] = undefined;
    }
    const label = this.render(resolved, definition, list);
    if (label === undefined) return { label: null, problem: { kind: "label-too-long", numId: resolved.numId } };
    return { label, problem: null };
  }

  private listOf(resolved: ResolvedNumbering): ListState {
    let list = this.lists.get(resolved.abstractNumId);
    if (list === undefined) {
      list = { counters: [], pendingStarts: [] };
      this.lists.set(resolved.abstractNumId, list);
    }
    if (!this.overridesApplied.has(resolved.numId)) {
      this.overridesApplied.add(resolved.numId);
      for (const [ilvl, override] of resolved.instance.overrides) {
        if (override.startOverride === null) continue;
        list.counters[ilvl] = undefined;
        list.pendingStarts[ilvl] = override.startOverride;
      }
    }
    return list;
  }

  /** The label, null when Word shows none, undefined when it would pass MAX_LABEL_CHARS. */
  private render(resolved: ResolvedNumbering, definition: LevelDefinition, list: ListState): string | null | undefined {
    if (definition.numFmt === "bullet" || definition.lvlText === null) return null;
    let label = "";
    const template = definition.lvlText;
    for (let at = 0; at < template.length; at++) {
      const digit = template.charCodeAt(at + 1) - 0x30;
      if (template[at] === "%" && digit >= 1 && digit <= 9) {
        at++;
        label += this.component(resolved, definition, list, digit - 1);
      } else {
        label += template[at];
      }
      if (label.length > MAX_LABEL_CHARS) return undefined;
    }
    return label.trim() === "" ? null : label;
  }

  /** One level's number as the template `definition` shows it (w:isLgl: all in decimal). */
  private component(resolved: ResolvedNumbering, definition: LevelDefinition, list: ListState, ilvl: number): string {
    const level = this.level(resolved, ilvl);
    if (level === null) return "";
    const value = list.counters[ilvl] ?? list.pendingStarts[ilvl] ?? this.start(resolved, ilvl);
    const numFmt = definition.isLgl && level.numFmt !== "bullet" && level.numFmt !== "none" ? "decimal" : level.numFmt;
    if (!isSupportedNumberFormat(numFmt)) this.unsupportedFormats.add(numFmt);
    return formatNumber(value, numFmt);
  }

  private level(resolved: ResolvedNumbering, ilvl: number): LevelDefinition | null {
    return resolved.instance.overrides.get(ilvl)?.level ?? resolved.abstract.levels.get(ilvl) ?? null;
  }

  private start(resolved: ResolvedNumbering, ilvl: number): number {
    return this.level(resolved, ilvl)?.start ?? 0;
  }

  private resolve(paragraph: ParagraphNumberingProperties): ResolvedNumbering | { missing: string } | null {
    const styleId = paragraph.styleId ?? this.styleSheet.defaultParagraphStyle;
    const fromStyle = styleNumbering(this.styleSheet, styleId);
    const numId = paragraph.numId ?? fromStyle.numId ?? this.instanceAttachedToStyle(styleId);
    if (numId === null || numId === "0") return null;
    const instance = this.definitions.instances.get(numId);
    if (instance === undefined) return { missing: numId };
    const abstractNumId = this.abstractIdOf(instance);
    const abstract = abstractNumId === null ? undefined : this.definitions.abstracts.get(abstractNumId);
    if (abstractNumId === null || abstract === undefined) return { missing: numId };
    const ilvl = paragraph.ilvl ?? fromStyle.ilvl ?? this.levelAttachedToStyle(abstract, styleId) ?? 0;
    if (ilvl < 0 || ilvl > MAX_LEVEL) return null;
    return { numId, instance, abstractNumId, abstract, ilvl };
  }

  /** A list level may name the paragraph style it numbers (w:lvl/w:pStyle). */
  private instanceAttachedToStyle(styleId: string | null): string | null {
    if (styleId === null || !this.stylesCarryNumbering) return null;
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
