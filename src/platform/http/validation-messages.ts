import type { FieldError } from './app-error.ts';

/** A zod issue as fastify-type-provider-zod hands it over: the issue's own fields sit in `params`. */
interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

const ORIGIN_JA: Record<string, string> = { string: '文字', number: '', array: '件', set: '件', int: '', bigint: '' };

/**
 * Japanese text for zod's issue codes. Our own schemas carry a Japanese message in `params.ja`
 * (`z.string().regex(re, { message: '…', params: { ja: '…' } })`); everything else is phrased here from the issue.
 */
function japaneseMessage(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  // custom issues (refine) keep our params one level down
  const own = (p.params ?? p) as Record<string, unknown>;
  if (typeof own.ja === 'string') return own.ja;
  const origin = ORIGIN_JA[String(p.origin ?? '')] ?? '';
  switch (issue.keyword) {
    case 'invalid_type':
      return p.input === undefined
        ? '必須項目です'
        : `型が正しくありません（${String(p.expected)} を指定してください）`;
    case 'too_small':
      return p.origin === 'string' && p.minimum === 1
        ? '入力してください'
        : `${String(p.minimum)}${origin}以上で指定してください`;
    case 'too_big':
      return `${String(p.maximum)}${origin}以下で指定してください`;
    case 'invalid_format':
      return '形式が正しくありません';
    case 'invalid_value':
      return `次のいずれかを指定してください: ${((p.values as unknown[]) ?? []).map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `不明な項目があります: ${((p.keys as unknown[]) ?? []).map(String).join(', ')}`;
    case 'not_multiple_of':
      return `${String(p.divisor)} の倍数で指定してください`;
    default:
      return '値が正しくありません';
  }
}

/** `/child/birthDate` in the body → `body.child.birthDate`. */
export function toFieldErrors(context: string, issues: readonly ValidationIssue[]): FieldError[] {
  return issues.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const field = [context === 'querystring' ? 'query' : context, ...path].join('.');
    return { field, message: issue.message ?? 'Invalid value', messageJa: japaneseMessage(issue) };
  });
}
