import type { LocalizedText } from '../../../platform/http/app-error.ts';
import type { ProgramData } from '../../registry/index.ts';
import { completeJson, type LlmConfig, LlmError } from '../llm/chat-completions.ts';
import { unknownVariable } from './draft-variables.ts';
import { type MessageDraft, messageDraftSchema } from './message-draft.ts';
import { MESSAGE_LIMITS } from './message-limits.ts';
import { templateDrafts } from './template-drafts.ts';

const channel = {
  type: 'object',
  additionalProperties: false,
  required: ['line', 'pushTitle', 'pushBody', 'emailSubject', 'emailBody'],
  properties: {
    line: { type: 'string', maxLength: MESSAGE_LIMITS.lineChars },
    pushTitle: { type: 'string', maxLength: MESSAGE_LIMITS.pushTitleChars },
    pushBody: { type: 'string', maxLength: MESSAGE_LIMITS.pushBodyChars },
    emailSubject: { type: 'string', maxLength: MESSAGE_LIMITS.emailSubjectChars },
    emailBody: { type: 'string' },
  },
};
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['ja', 'en', 'easy-ja'],
  properties: { ja: channel, en: channel, 'easy-ja': channel },
};
const SYSTEM = [
  'Write notices to parents about one municipal child-rearing support program, from the JSON given.',
  'Languages: ja (polite Japanese), en (plain English), easy-ja (やさしい日本語: short sentences, spaces between',
  'phrases, hiragana for hard words). Use only facts in the JSON. The same text goes to every family, so do not',
  'write names or any ((…)) placeholder. Keep Web Push title ≤ 40 and body ≤ 120 characters.',
].join(' ');

/** Drafts by the configured model; on any failure, or an answer over the limits, the template drafts and a notice. */
export async function draftsFor(
  program: ProgramData,
  llm: LlmConfig | undefined,
): Promise<{ draft: MessageDraft; generator: 'template' | 'llm'; notices: LocalizedText[] }> {
  if (!llm) return { draft: templateDrafts(program), generator: 'template', notices: [] };
  try {
    const facts = {
      name: program.name,
      summary: program.summary,
      target: program.targetText,
      ageMonths: program.ageMonths,
      prenatal: program.prenatal,
      applyBy: program.procedurePeriod.to,
      url: program.url,
    };
    const raw = await completeJson(llm, {
      system: SYSTEM,
      user: JSON.stringify(facts),
      schemaName: 'notice_drafts',
      schema: SCHEMA,
    });
    const parsed = messageDraftSchema.safeParse(raw);
    if (!parsed.success) throw new LlmError('the answer does not follow the schema or the channel limits');
    const unknown = unknownVariable(parsed.data);
    if (unknown) throw new LlmError(`the answer uses an unknown variable ${unknown.name}`);
    return { draft: parsed.data, generator: 'llm', notices: [] };
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return {
      draft: templateDrafts(program),
      generator: 'template',
      notices: [
        {
          en: `The language model could not be used (${error.message}); template drafts are shown.`,
          ja: `言語モデルを利用できなかったため（${error.message}）、定型文の案を表示しています。`,
        },
      ],
    };
  }
}
