/**
 * The 全銀 character set for names in transfer files: digits, upper-case Latin letters, half-width katakana
 * (large forms only), ﾞ ﾟ, space and ( ) . , - / ｢ ｣ \ (the last is ¥ in JIS X 0201). Verify against the paying
 * bank's own specification: some banks accept fewer symbols.
 */
const ZENGIN_TEXT = /^[0-9A-Z ｦｱ-ﾝﾞﾟ().,\-/｢｣\\]*$/;

export function isZenginText(value: string): boolean {
  return ZENGIN_TEXT.test(value);
}

const FULL_BASE = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
const HALF_BASE = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ';
const FULL_VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ';
const HALF_VOICED = 'ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ';
const FULL_SEMI = 'パピプペポ';
const HALF_SEMI = 'ﾊﾋﾌﾍﾎ';
// Small kana are not allowed in transfer files: they become their large forms (ｯ → ﾂ).
const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ｱ',
  ィ: 'ｲ',
  ゥ: 'ｳ',
  ェ: 'ｴ',
  ォ: 'ｵ',
  ッ: 'ﾂ',
  ャ: 'ﾔ',
  ュ: 'ﾕ',
  ョ: 'ﾖ',
  ヮ: 'ﾜ',
  ヵ: 'ｶ',
  ヶ: 'ｹ',
  ｧ: 'ｱ',
  ｨ: 'ｲ',
  ｩ: 'ｳ',
  ｪ: 'ｴ',
  ｫ: 'ｵ',
  ｯ: 'ﾂ',
  ｬ: 'ﾔ',
  ｭ: 'ﾕ',
  ｮ: 'ﾖ',
};
const OTHER: Record<string, string> = {
  ヴ: 'ｳﾞ',
  ヰ: 'ｲ',
  ヱ: 'ｴ',
  ー: '-',
  ｰ: '-',
  '－': '-',
  '‐': '-',
  '−': '-',
  '　': ' ',
  '「': '｢',
  '」': '｣',
  '（': '(',
  '）': ')',
  '・': '.',
  '･': '.',
  '¥': '\\',
  '￥': '\\',
  ゛: 'ﾞ',
  ゜: 'ﾟ',
};

const TABLE = new Map<string, string>();
for (let i = 0; i < FULL_BASE.length; i++) TABLE.set(FULL_BASE[i]!, HALF_BASE[i]!);
for (let i = 0; i < FULL_VOICED.length; i++) TABLE.set(FULL_VOICED[i]!, `${HALF_VOICED[i]}ﾞ`);
for (let i = 0; i < FULL_SEMI.length; i++) TABLE.set(FULL_SEMI[i]!, `${HALF_SEMI[i]}ﾟ`);
for (const [from, to] of Object.entries({ ...SMALL_TO_LARGE, ...OTHER })) TABLE.set(from, to);

/**
 * Brings a holder name typed any reasonable way (hiragana, full-width katakana, full-width letters, lower case)
 * to the half-width form a transfer file needs: やまだ　たろう → ﾔﾏﾀﾞ ﾀﾛｳ. Characters it cannot map are kept, so
 * `isZenginText` then refuses them with a message instead of this function guessing.
 */
export function toZenginKana(input: string): string {
  let out = '';
  for (const raw of input.normalize('NFC')) {
    let ch = raw;
    const code = ch.codePointAt(0)!;
    if (code >= 0x3041 && code <= 0x3096)
      ch = String.fromCodePoint(code + 0x60); // hiragana → katakana
    else if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCodePoint(code - 0xfee0); // full-width ASCII
    const mapped = TABLE.get(ch) ?? ch;
    out += mapped.toUpperCase();
  }
  return out.replace(/ +/g, ' ').trim();
}

/** Byte value of each allowed character in Shift_JIS (all single-byte: ASCII range and JIS X 0201 kana). */
export function zenginByte(ch: string): number | null {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code <= 0x7e) return code;
  if (code >= 0xff61 && code <= 0xff9f) return code - 0xff61 + 0xa1;
  return null;
}

export function zenginChar(byte: number): string {
  if (byte >= 0x20 && byte <= 0x7e) return String.fromCharCode(byte);
  if (byte >= 0xa1 && byte <= 0xdf) return String.fromCodePoint(byte - 0xa1 + 0xff61);
  throw new Error(`byte 0x${byte.toString(16)} is not a 全銀 character`);
}
