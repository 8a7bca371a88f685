/** Where a candidate value was read: offsets into the text the extractor was given, and the quoted words. */
export interface Evidence {
  start: number;
  end: number;
  quote: string;
}

/** An age window in months, half-open [min, max), as the registry stores it; null = not stated. */
export interface AgeBounds {
  min: number | null;
  max: number | null;
}

export interface Money {
  yen: number;
  /** What the amount is counted per, when the text says so. */
  per: 'month' | 'year' | 'person' | 'case' | null;
  /** 「上限」「まで」: the amount is a ceiling, not a fixed sum. */
  ceiling: boolean;
}

export type Candidate =
  | { kind: 'date'; value: string; evidence: Evidence }
  | { kind: 'period'; value: { from: string | null; to: string | null }; evidence: Evidence }
  | { kind: 'age'; value: AgeBounds; evidence: Evidence }
  | { kind: 'prenatal'; value: true; evidence: Evidence }
  | { kind: 'money'; value: Money; evidence: Evidence }
  | { kind: 'phone'; value: string; evidence: Evidence }
  | { kind: 'email'; value: string; evidence: Evidence }
  | { kind: 'url'; value: string; evidence: Evidence };

export type CandidateKind = Candidate['kind'];

export function evidenceOf(text: string, start: number, end: number): Evidence {
  return { start, end, quote: text.slice(start, end) };
}

/**
 * Full-width ASCII (０-９, Ａ-Ｚ, ＠, ．…) and the ideographic space to their half-width forms, one UTF-16 unit for
 * one, so every offset found in the folded text is the same offset in the original (NFKC would move them: ㍻ → 平成).
 */
export function foldWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (ch === '\u3000') out += ' ';
    else out += ch;
  }
  return out;
}
