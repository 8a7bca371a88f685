import { describe, expect, it } from 'vitest';
import { messageDraftSchema } from './message-draft.ts';
import { pushPayloadBytes } from './message-limits.ts';
import { templateDrafts } from './template-drafts.ts';

const program = {
  municipalityCode: '131199',
  name: '乳児おむつ支援',
  shortName: null,
  summary: '区内在住の子育て家庭に、紙おむつを毎月お届けします。'.repeat(20),
  targetText: null,
  categories: ['003'],
  targets: [],
  contents: [],
  ageMonths: { min: 2, max: 19, source: 'explicit' as const },
  prenatal: false,
  incomeBasis: null,
  procedurePeriod: { from: '2025-04-01', to: '2026-03-31', fromTime: null, toTime: null, text: null },
  implementationPeriod: { from: null, to: null, fromTime: null, toTime: null, text: null },
  links: [],
  contact: null,
  url: 'https://www.city.itabashi.tokyo.jp/',
  sourceUpdatedOn: null,
};

describe('template drafts', () => {
  it('write every channel in ja, en and やさしい日本語 within the channel limits', () => {
    const draft = templateDrafts(program);
    expect(messageDraftSchema.safeParse(draft).success).toBe(true);
    expect(draft.ja.line).toContain('申請期限：2026年3月31日');
    expect(draft.ja.line).toContain('2か月から1歳7か月になる前まで');
    expect(draft['easy-ja'].line).toContain('もうしこみは 2026年3月31日まで です。');
    expect(draft.en.pushBody).toContain('Apply by 2026-03-31');
    for (const lang of ['ja', 'en', 'easy-ja'] as const) {
      expect(Array.from(draft[lang].pushTitle).length).toBeLessThanOrEqual(40);
      expect(Array.from(draft[lang].pushBody).length).toBeLessThanOrEqual(120);
      expect(pushPayloadBytes(draft[lang].pushTitle, draft[lang].pushBody)).toBeLessThan(3000);
      // The same text goes to every family of an announcement's segment: no ((variables)) at all.
      expect(JSON.stringify(draft[lang])).not.toMatch(/\(\(/);
      expect(draft[lang].line).toContain('乳児おむつ支援');
    }
  });
});
