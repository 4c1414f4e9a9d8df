import { parse as parseYaml } from "yaml";
import { z } from "zod";

/**
 * The optional units file (`--units units.yaml`): canonical unit names and their aliases, so that
 * 发改委 / 发展和改革委员会 read as 发展改革委 and old names as new ones. Output keeps the unit as written
 * and adds the canonical name.
 *
 * Two shapes are accepted:
 *   发展改革委: [发改委, 发展和改革委员会]        # mapping: canonical → aliases (a single alias may be a string)
 *   - { name: 发展改革委, aliases: [发改委] }    # list of entries
 */

export interface UnitAliases {
  /** The canonical name for a unit as written, or null when the file does not know it. */
  canonical(unit: string): string | null;
}

const Name = z.string().trim().min(1);
const MappingFile = z.record(Name, z.union([Name, z.array(Name)]).nullable());
const ListFile = z.array(z.object({ name: Name, aliases: z.array(Name).default([]) }).strict());
const UnitsFile = z.union([MappingFile, ListFile]);

/** A prefix naming a place or level (省, 长春市, 朝阳区): 区发改委 resolves through the alias 发改委. */
const PLACE_PREFIX_RE = /^[\u4e00-\u9fff]{0,7}[省市区县州盟旗镇乡]$/u;
const MAX_PREFIX = 8;
/** A canonical name that already names its level is not prefixed again. */
const HAS_LEVEL_RE = /^[省市区县州盟旗镇乡]/u;

function key(name: string): string {
  return name.replace(/\s+/gu, "");
}

function fail(message: string): never {
  throw new Error(`units file: ${message}`);
}

export function loadUnitAliases(yamlText: string): UnitAliases {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (e) {
    fail(`not valid YAML (${(e instanceof Error ? e.message : String(e)).split("\n")[0]})`);
  }
  const result = UnitsFile.safeParse(data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join(".")}` : "";
    fail(`expected a mapping "canonical: [aliases]" or a list of {name, aliases}${where}`);
  }
  const entries: [string, string[]][] = Array.isArray(result.data)
    ? result.data.map((e) => [e.name, e.aliases])
    : Object.entries(result.data).map(([name, aliases]) => [name, aliases === null ? [] : [aliases].flat()]);

  const byName = new Map<string, string>();
  const add = (alias: string, canonical: string) => {
    const k = key(alias);
    const known = byName.get(k);
    if (known !== undefined && known !== canonical) fail(`"${alias}" is given for both "${known}" and "${canonical}"`);
    byName.set(k, canonical);
  };
  for (const [canonical] of entries) add(canonical, canonical);
  for (const [canonical, aliases] of entries) for (const alias of aliases) add(alias, canonical);

  return {
    canonical(unit: string): string | null {
      const k = key(unit);
      const exact = byName.get(k);
      if (exact !== undefined) return exact;
      // Longest known name at the end of the unit, after a place prefix: 朝阳区发改委 → 朝阳区发展改革委.
      for (let i = 1; i < Math.min(k.length, MAX_PREFIX + 1); i++) {
        const canonical = byName.get(k.slice(i));
        if (canonical !== undefined && PLACE_PREFIX_RE.test(k.slice(0, i)) && !HAS_LEVEL_RE.test(canonical)) {
          return k.slice(0, i) + canonical;
        }
      }
      return null;
    },
  };
}
