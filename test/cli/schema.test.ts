import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The checked-in JSON Schema (what `ledger schema` prints): named definitions, described fields, no false $id. */

const SCHEMA = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "schemas", "ledger.schema.json"), "utf8")) as {
  $id?: string;
  $defs: Record<string, JsonNode>;
  description?: string;
} & JsonNode;

interface JsonNode {
  $ref?: string;
  description?: string;
  properties?: Record<string, JsonNode>;
  [key: string]: unknown;
}

/** Every object property in the schema, with where it is. */
function properties(node: unknown, where: string): [string, JsonNode][] {
  if (Array.isArray(node)) return node.flatMap((item) => properties(item, where));
  if (node === null || typeof node !== "object") return [];
  const record = node as JsonNode;
  const own = Object.entries(record.properties ?? {}).map(([name, value]) => [`${where}.${name}`, value] as [string, JsonNode]);
  const nested = Object.entries(record).flatMap(([key, value]) => (key === "properties" ? Object.entries(value as object).flatMap(([name, child]) => properties(child, `${where}.${name}`)) : properties(value, `${where}/${key}`)));
  return [...own, ...nested];
}

describe("schemas/ledger.schema.json", () => {
  it("names its definitions after the models", () => {
    expect(Object.keys(SCHEMA.$defs)).toEqual(
      expect.arrayContaining(["Task", "Deadline", "Milestone", "Owner", "Diagnostic", "SourcePosition", "DocumentMeta", "LedgerSource", "Effective"]),
    );
    expect(Object.keys(SCHEMA.$defs).filter((name) => /^__schema\d+$/.test(name))).toEqual([]);
    expect(JSON.stringify(SCHEMA)).not.toMatch(/__schema\d/);
  });

  it("has no $id (there is no published URL that would make one true)", () => {
    expect(SCHEMA.$id).toBeUndefined();
  });

  it("describes the ledger, every definition, and every field (directly or through its definition)", () => {
    expect(SCHEMA.description).toMatch(/ledger/);
    for (const [name, definition] of Object.entries(SCHEMA.$defs)) expect(definition.description, name).toBeTruthy();
    const undescribed = properties(SCHEMA, "#")
      .filter(([, value]) => !value.description && !(value.$ref && SCHEMA.$defs[value.$ref.replace("#/$defs/", "")]?.description))
      .map(([where]) => where);
    expect(undescribed).toEqual([]);
  });

  it("refers to Task recursively by name", () => {
    const children = SCHEMA.$defs.Task.properties?.children as { items?: { $ref?: string } };
    expect(children.items?.$ref).toBe("#/$defs/Task");
  });
});
