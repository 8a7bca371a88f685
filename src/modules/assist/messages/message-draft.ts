import { z } from 'zod';
import { TEMPLATE_CATALOG } from '../../notify/index.ts';
import { MESSAGE_LIMITS, pushPayloadBytes } from './message-limits.ts';

export const MESSAGE_LANGS = ['ja', 'en', 'easy-ja'] as const;
export const CHANNELS = ['line', 'pushTitle', 'pushBody', 'emailSubject', 'emailBody'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/** One language's texts for every channel. */
export const channelTextsSchema = z
  .object({
    line: z.string().trim().min(1).max(MESSAGE_LIMITS.lineChars),
    pushTitle: z.string().trim().min(1).max(MESSAGE_LIMITS.pushTitleChars),
    pushBody: z.string().trim().min(1).max(MESSAGE_LIMITS.pushBodyChars),
    emailSubject: z.string().trim().min(1).max(MESSAGE_LIMITS.emailSubjectChars),
    emailBody: z.string().trim().min(1).max(MESSAGE_LIMITS.emailBodyChars),
  })
  .refine((t) => pushPayloadBytes(t.pushTitle, t.pushBody) <= MESSAGE_LIMITS.pushPayloadBytes, {
    message: `Web Push title and body exceed ${MESSAGE_LIMITS.pushPayloadBytes} bytes`,
    path: ['pushBody'],
  });
export type ChannelTexts = z.infer<typeof channelTextsSchema>;

export const messageDraftSchema = z.object({
  ja: channelTextsSchema,
  en: channelTextsSchema,
  'easy-ja': channelTextsSchema,
});
export type MessageDraft = z.infer<typeof messageDraftSchema>;

/** The notify template an approved draft becomes a version of (see approve-message-draft.ts). */
export const DRAFT_TEMPLATE_KEY = 'program-announcement' as const;
/** The ((variables)) a draft may use: exactly those notify's template provides (GOV.UK Notify syntax). */
export const DRAFT_VARIABLES: readonly string[] = TEMPLATE_CATALOG[DRAFT_TEMPLATE_KEY].variables;
