/**
 * Tag codes of the Tokyo registry. The registry README lists 33 個人向けカテゴリー codes; we take them to be
 * 001–033 [inference: the codes seen in the data all fall in that range]. Target and content codes are kept as
 * cleaned, without a closed list.
 */
export const CATEGORY_CODES: readonly string[] = Array.from({ length: 33 }, (_, i) => String(i + 1).padStart(3, '0'));

export function isKnownCategory(code: string): boolean {
  return CATEGORY_CODES.includes(code);
}

/**
 * Tag arrays arrive as `["002，003"]`, `["027 "]`, `["86"]`: split on any comma, trim, left-pad to three digits.
 * Anything that is not a number after that is reported, not kept.
 */
export function cleanCodes(values: unknown): { codes: string[]; rejected: string[] } {
  const list = Array.isArray(values) ? values : typeof values === 'string' ? [values] : [];
  const codes: string[] = [];
  const rejected: string[] = [];
  for (const value of list) {
    if (value == null) continue;
    for (const part of String(value)
      .normalize('NFKC')
      .split(/[,、，\s]+/)) {
      const trimmed = part.trim();
      if (!trimmed) continue;
      if (/^\d{1,3}$/.test(trimmed)) {
        const code = trimmed.padStart(3, '0');
        if (!codes.includes(code)) codes.push(code);
      } else {
        rejected.push(trimmed);
      }
    }
  }
  return { codes, rejected };
}
