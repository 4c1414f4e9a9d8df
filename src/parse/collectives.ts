import { PAREN_CLOSERS, PAREN_OPENERS } from "./lexicon/brackets.js";
import { alt } from "./lexicon/words.js";
import { BARE_COLLECTIVES, COLLECTIVE_NOUNS, COLLECTIVE_QUALIFIERS } from "./lexicon/units.js";

/**
 * Addressees that are everyone of a kind rather than one office: 各单位, 各有关单位, 区政府各部门, 各街道（乡镇）,
 * 相关部门, and the levels listed after 各 (各县、市、区政府, 各县(市、区)人民政府), which the unit splitter keeps whole. A 台账 lists their tasks under every unit instead of sorting them in among the offices.
 */
const COLLECTIVE = new RegExp(
  `^(?:${alt(BARE_COLLECTIVES)}|[\u4e00-\u9fff]{0,12}各[\u4e00-\u9fff、${PAREN_OPENERS}${PAREN_CLOSERS}]{0,12}` +
    `|(?:其他|其它)?(?:${alt(COLLECTIVE_QUALIFIERS)})(?:${alt(COLLECTIVE_NOUNS)})(?:[、和及][\u4e00-\u9fff]{1,6})?)$`,
  "u",
);

export function isCollective(unit: string): boolean {
  return COLLECTIVE.test(unit.replace(/\s+/gu, ""));
}
