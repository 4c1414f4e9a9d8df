/**
 * Renders a list counter in one of Word's number formats (ST_NumberFormat, ECMA-376 17.18.59),
 * one formatter per format in the FORMATTERS table. Formats not listed fall back to decimal;
 * `isSupportedNumberFormat` lets the caller say so. The values are bounded by the caller
 * (start values ≤ 32767, plus one per paragraph), so no formatter builds a long string.
 */

const CHINESE_DIGITS = "〇一二三四五六七八九";
const CHINESE_UNITS = ["", "十", "百", "千"];
const LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";
const LEGAL_UNITS = ["", "拾", "佰", "仟"];
const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";
const EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

type Formatter = (value: number) => string;

/** Chinese counting as written in documents: 十一, 二十一, 一百零一, 一万零二十. */
function chineseCounting(value: number, digits = CHINESE_DIGITS, units = CHINESE_UNITS, zero = "零", bareTen = true): string {
  if (value === 0) return digits[0];
  const section = (part: number, leading: boolean): string => {
    let text = "";
    let pendingZero = false;
    for (let position = 3; position >= 0; position--) {
      const digit = Math.floor(part / 10 ** position) % 10;
      if (digit === 0) {
        pendingZero = text !== "";
        continue;
      }
      if (pendingZero) text += zero;
      pendingZero = false;
      // "十一", not "一十一", when the number starts with its tens.
      const omitOne = bareTen && leading && text === "" && position === 1 && digit === 1;
      text += (omitOne ? "" : digits[digit]) + units[position];
    }
    return text;
  };
  if (value < 10_000) return section(value, true);
  const high = Math.floor(value / 10_000);
  const low = value % 10_000;
  if (high >= 10_000) return String(value);
  const lowText = low === 0 ? "" : (low < 1000 ? zero : "") + section(low, false);
  return `${section(high, true)}万${lowText}`;
}

function ideographDigital(value: number): string {
  return [...String(value)].map((digit) => CHINESE_DIGITS[Number(digit)]).join("");
}

function letters(value: number, alphabet: string): string {
  if (value < 1) return String(value);
  const letter = alphabet[(value - 1) % 26];
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

/** Past 3999 the thousands are repeated Ms, as Word and LibreOffice write them (values stay ≤ Word's 32767 plus a count). */
function roman(value: number): string {
  if (value < 1) return String(value);
  const numerals: [number, string][] = [
    [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
    [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let rest = value;
  let text = "";
  for (const [amount, numeral] of numerals) {
    for (; rest >= amount; rest -= amount) text += numeral;
  }
  return text;
}

/** Unicode enclosed numbers: `first` is the code point for 1, `count` how many exist in the run. */
function enclosed(runs: [first: number, count: number][]): Formatter {
  return (value) => {
    let offset = value - 1;
    for (const [first, count] of runs) {
      if (offset >= 0 && offset < count) return String.fromCodePoint(first + offset);
      offset -= count;
    }
    return String(value);
  };
}

function cyclic(alphabet: string): Formatter {
  return (value) => (value >= 1 && value <= alphabet.length ? alphabet[value - 1] : String(value));
}

const FORMATTERS: Record<string, Formatter> = {
  decimal: String,
  decimalHalfWidth: String,
  decimalZero: (value) => (value >= 0 && value < 10 ? `0${value}` : String(value)),
  decimalFullWidth: (value) => String(value).replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit))),
  decimalFullWidth2: (value) => String(value).replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit))),
  // ① … ⑳, then ㉑ … ㉟ and ㊱ … ㊿.
  decimalEnclosedCircle: enclosed([[0x2460, 20], [0x3251, 15], [0x32b1, 15]]),
  decimalEnclosedCircleChinese: enclosed([[0x2460, 20], [0x3251, 15], [0x32b1, 15]]),
  decimalEnclosedParen: enclosed([[0x2474, 20]]),
  decimalEnclosedFullstop: enclosed([[0x2488, 20]]),
  upperLetter: (value) => letters(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
  lowerLetter: (value) => letters(value, "abcdefghijklmnopqrstuvwxyz"),
  upperRoman: roman,
  lowerRoman: (value) => roman(value).toLowerCase(),
  chineseCounting: (value) => chineseCounting(value),
  chineseCountingThousand: (value) => chineseCounting(value),
  taiwaneseCounting: (value) => chineseCounting(value),
  taiwaneseCountingThousand: (value) => chineseCounting(value),
  japaneseCounting: (value) => chineseCounting(value),
  ideographDigital,
  taiwaneseDigital: ideographDigital,
  chineseLegalSimplified: (value) => chineseCounting(value, LEGAL_DIGITS, LEGAL_UNITS, "零", false),
  ideographTraditional: cyclic(HEAVENLY_STEMS),
  ideographZodiac: cyclic(EARTHLY_BRANCHES),
  none: () => "",
};

export function isSupportedNumberFormat(numFmt: string): boolean {
  return numFmt === "bullet" || Object.hasOwn(FORMATTERS, numFmt);
}

/** The counter `value` written in `numFmt`; unknown formats are written in decimal. */
export function formatNumber(value: number, numFmt: string): string {
  const formatter = Object.hasOwn(FORMATTERS, numFmt) ? FORMATTERS[numFmt] : String;
  return formatter(value);
}
