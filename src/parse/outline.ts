import { diagnostic } from "../model/diagnostic.js";
import type { DiagnosticCode, ParamsOf } from "../model/catalogue.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { SourcePosition } from "../model/position.js";
import { styleFamily, type Label, type LabelStyle } from "./labels.js";

/** A task before its title, owners and deadline are read: the raw material of the tree. */
export interface OutlineNode {
  label: Label | null;
  /** The item's own paragraphs: the labelled one first, then its body paragraphs. */
  paragraphs: Array<{ text: string; source: SourcePosition }>;
  children: OutlineNode[];
  source: SourcePosition;
  /** Owner cells of a table row, with the role their column header gives them; null outside tables. */
  ownerCells: Array<{ text: string; column: "lead" | "responsible" | "mixed" }> | null;
  /** The row's deadline cell (完成时限) when the task comes from a table. */
  deadlineCell: string | null;
  /** Unnumbered table-row tasks take the first sentence (≤ 60 characters) as title. */
  fromTableRow: boolean;
}

/**
 * A node of one paragraph. Every node is made here, with every field, so that all nodes share one shape: the
 * task builder reads them all, and V8 optimises it for one shape instead of falling back to a slow generic read.
 */
export function outlineNode(label: Label | null, text: string, source: SourcePosition): OutlineNode {
  return { label, paragraphs: [{ text, source }], children: [], source, ownerCells: null, deadlineCell: null, fromTableRow: false };
}

interface OpenLevel {
  node: OutlineNode;
  primary: LabelStyle;
  families: Set<LabelStyle>;
  last: number;
}

/**
 * Builds the task tree from labelled paragraphs in document order.
 *
 * Levels come from the order in which the document introduces its label styles (the first
 * style seen is the top), checked against sequence continuity, so the mistakes real notices
 * contain still give the intended tree: "（一）" then "（2）" are siblings (the ordinal
 * continues the open level), a repeated "三、" is a sibling, items 1, 2, 5 are siblings, and
 * numbering that runs on across sections is accepted. Each anomaly becomes a warning.
 */
export class OutlineBuilder {
  readonly roots: OutlineNode[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private stack: OpenLevel[] = [];
  private levelOfStyle = new Map<LabelStyle, number>();
  private lastOfStyle = new Map<LabelStyle, number>();

  /** The deepest open item, which unlabelled body paragraphs belong to. */
  get current(): OutlineNode | null {
    return this.stack.at(-1)?.node ?? null;
  }

  get depth(): number {
    return this.stack.length;
  }

  addLabelled(label: Label, text: string, source: SourcePosition): OutlineNode {
    const node = outlineNode(label, text, source);
    const family = styleFamily(label.style);
    const n = label.ordinal;
    const openAt = this.stack.findLastIndex((l) => l.families.has(family));

    if (openAt >= 0 && !(n === 1 && this.startsNestedList(openAt, family))) {
      this.placeAsSibling(openAt, node, family, n);
    } else if (this.levelOfStyle.has(family) && !(n === 1 && this.deepestHasOtherStyle(family))) {
      this.placeKnownStyle(this.levelOfStyle.get(family)!, node, family, n);
    } else {
      this.placeNewStyle(node, family, n);
    }
    this.lastOfStyle.set(family, n);
    return node;
  }

  /** A non-labelled task (a table row) under the deepest open item. */
  addChild(node: OutlineNode): void {
    (this.current?.children ?? this.roots).push(node);
  }

  /** "（1）" right after an aliased "（2）"-style level starts a child list rather than restarting it. */
  private startsNestedList(at: number, family: LabelStyle): boolean {
    const level = this.stack[at];
    return at === this.stack.length - 1 && level.primary !== family && level.last >= 1;
  }

  private deepestHasOtherStyle(family: LabelStyle): boolean {
    const deepest = this.stack.at(-1);
    return deepest !== undefined && deepest.primary !== family && this.levelOfStyle.get(family) === this.stack.length;
  }

  private placeAsSibling(at: number, node: OutlineNode, family: LabelStyle, n: number): void {
    const level = this.stack[at];
    this.checkSequence(node, level.last, n, this.lastOfStyle.get(family));
    this.attach(at, node);
    this.stack[at] = reopened(level, node, n);
  }

  private placeKnownStyle(levelNo: number, node: OutlineNode, family: LabelStyle, n: number): void {
    const depth = this.stack.length;
    if (levelNo <= depth) {
      const replaced = this.stack[levelNo - 1];
      if (n === replaced.last + 1 && replaced.primary !== family) {
        // Continues the open level in another style: "（一）" … "（2）".
        this.warnMixed(node, replaced.primary, family);
        this.attach(levelNo - 1, node);
        replaced.families.add(family);
        this.stack[levelNo - 1] = reopened(replaced, node, n);
        return;
      }
      this.checkSequence(node, 0, n, this.lastOfStyle.get(family));
      this.attach(levelNo - 1, node);
      this.stack[levelNo - 1] = { node, primary: family, families: new Set([family]), last: n };
      return;
    }
    if (levelNo > depth + 1) {
      this.warn(node, "level-skipped", { label: node.label!.text, level: levelNo, depth });
    }
    this.checkSequence(node, 0, n, this.lastOfStyle.get(family));
    this.push(node, family, n);
  }

  private placeNewStyle(node: OutlineNode, family: LabelStyle, n: number): void {
    if (n !== 1 && this.stack.length > 0) {
      // A style not seen before whose number continues an open level belongs to that level.
      for (let at = this.stack.length - 1; at >= 0; at--) {
        const level = this.stack[at];
        if (level.last + 1 === n) {
          this.warnMixed(node, level.primary, family);
          this.levelOfStyle.set(family, at + 1);
          this.attach(at, node);
          level.families.add(family);
          this.stack[at] = reopened(level, node, n);
          return;
        }
      }
      this.warn(node, "numbering-gap", { label: node.label!.text, number: n, expected: 1 });
    }
    if (!this.levelOfStyle.has(family)) this.levelOfStyle.set(family, this.stack.length + 1);
    this.push(node, family, n);
  }

  private push(node: OutlineNode, family: LabelStyle, n: number): void {
    (this.current?.children ?? this.roots).push(node);
    this.stack.push({ node, primary: family, families: new Set([family]), last: n });
  }

  /** Make `node` the item at stack index `at`, closing everything deeper. */
  private attach(at: number, node: OutlineNode): void {
    this.stack.length = at + 1;
    const parent = at > 0 ? this.stack[at - 1].node : null;
    (parent?.children ?? this.roots).push(node);
  }

  private checkSequence(node: OutlineNode, last: number, n: number, lastOfStyle: number | undefined): void {
    if (last === 0) {
      // First item of a level: 1, or running on from the same style in an earlier section.
      if (n === 1 || (lastOfStyle !== undefined && n === lastOfStyle + 1)) return;
      this.warn(node, "numbering-gap", { label: node.label!.text, number: n, expected: 1 });
      return;
    }
    if (n === last + 1) return;
    if (n === last) {
      this.warn(node, "numbering-duplicate", { label: node.label!.text });
    } else {
      this.warn(node, "numbering-gap", { label: node.label!.text, number: n, expected: last + 1 });
    }
  }

  private warnMixed(node: OutlineNode, expected: LabelStyle, found: LabelStyle): void {
    this.warn(node, "numbering-style-mixed", { label: node.label!.text, found, expected });
  }

  private warn<C extends DiagnosticCode>(node: OutlineNode, code: C, params: ParamsOf<C>): void {
    this.diagnostics.push(diagnostic(code, params, node.source));
  }
}

/** The level with `node` as its open item, numbered `last` (a new object with the same fields: a spread copies slowly). */
function reopened(level: OpenLevel, node: OutlineNode, last: number): OpenLevel {
  return { node, primary: level.primary, families: level.families, last };
}
