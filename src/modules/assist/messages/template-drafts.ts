import type { ProgramData } from '../../registry/index.ts';
import type { ChannelTexts, MessageDraft } from './message-draft.ts';
import { clip, MESSAGE_LIMITS } from './message-limits.ts';

function ageJa(min: number | null, max: number | null): string | null {
  const one = (m: number) =>
    m % 12 === 0 ? `${m / 12}歳` : m < 12 ? `${m}か月` : `${Math.floor(m / 12)}歳${m % 12}か月`;
  if (min == null && max == null) return null;
  if (min != null && max != null) return `${one(min)}から${one(max)}になる前まで`;
  return min != null ? `${one(min)}から` : `${one(max!)}になる前まで`;
}
function ageEasy(min: number | null, max: number | null): string | null {
  const one = (m: number) =>
    m % 12 === 0 ? `${m / 12}さい` : m < 12 ? `${m}かげつ` : `${Math.floor(m / 12)}さい${m % 12}かげつ`;
  if (min == null && max == null) return null;
  if (min != null && max != null) return `${one(min)}から ${one(max)}に なる まえ まで`;
  return min != null ? `${one(min)}から` : `${one(max!)}に なる まえ まで`;
}
function ageEn(min: number | null, max: number | null): string | null {
  const one = (m: number) =>
    m % 12 === 0 ? `${m / 12} years` : m < 12 ? `${m} months` : `${Math.floor(m / 12)} y ${m % 12} m`;
  if (min == null && max == null) return null;
  if (min != null && max != null) return `from ${one(min)} until just before ${one(max)}`;
  return min != null ? `from ${one(min)}` : `until just before ${one(max!)}`;
}
const dateJa = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function texts(parts: { title: string; lines: (string | null)[]; push: string; subject: string }): ChannelTexts {
  const body = parts.lines.filter((l): l is string => Boolean(l)).join('\n');
  return {
    line: clip(`${parts.title}\n\n${body}`, MESSAGE_LIMITS.lineChars),
    pushTitle: clip(parts.title, MESSAGE_LIMITS.pushTitleChars),
    pushBody: clip(parts.push, MESSAGE_LIMITS.pushBodyChars),
    emailSubject: clip(parts.subject, MESSAGE_LIMITS.emailSubjectChars),
    emailBody: clip(body, MESSAGE_LIMITS.emailBodyChars),
  };
}

/**
 * Drafts from the program's own fields, no model needed: plain Japanese, English, and やさしい日本語 (short
 * sentences, spaces between phrases, kana for hard words, no honorific forms). Staff edit before approving.
 */
export function templateDrafts(p: ProgramData): MessageDraft {
  const min = p.ageMonths.min;
  const max = p.ageMonths.max;
  const until = p.procedurePeriod.to;
  const summary = p.summary ? clip(p.summary, 300) : null;
  return {
    ja: texts({
      title: `「${p.name}」のお知らせ`,
      lines: [
        summary,
        ageJa(min, max)
          ? `対象：${ageJa(min, max)}のお子さん${p.prenatal ? '・妊娠中の方' : ''}`
          : p.prenatal
            ? '対象：妊娠中の方'
            : null,
        until ? `申請期限：${dateJa(until)}` : null,
        p.url ? `詳しくは：${p.url}` : null,
      ],
      push: summary ?? `お子さんが対象になる制度です。${until ? `申請期限は${dateJa(until)}です。` : ''}`,
      subject: `【お知らせ】${p.name}`,
    }),
    en: texts({
      title: `About "${p.name}"`,
      lines: [
        `A support program of your municipality: ${p.name}.`,
        ageEn(min, max)
          ? `Who: children ${ageEn(min, max)}${p.prenatal ? ', and pregnant people' : ''}`
          : p.prenatal
            ? 'Who: pregnant people'
            : null,
        until ? `Apply by: ${until}` : null,
        p.url ? `Details (Japanese): ${p.url}` : null,
      ],
      push: `Your child may be eligible for ${p.name}.${until ? ` Apply by ${until}.` : ''}`,
      subject: `Notice: ${p.name}`,
    }),
    'easy-ja': texts({
      title: `「${p.name}」の おしらせ`,
      lines: [
        `「${p.name}」が つかえます。`,
        ageEasy(min, max) ? `こどもの ねんれい：${ageEasy(min, max)}` : null,
        p.prenatal ? 'おなかに あかちゃんが いる ひとも つかえます。' : null,
        until ? `もうしこみは ${dateJa(until)}まで です。` : null,
        p.url ? `くわしく：${p.url}` : null,
        'わからない ことは しやくしょ・くやくしょに きいて ください。',
      ],
      push: `「${p.name}」が つかえます。${until ? `もうしこみは ${dateJa(until)}まで。` : ''}`,
      subject: `おしらせ：${p.name}`,
    }),
  };
}
