import { z } from 'zod';
import { MESSAGE_LIMITS, pushPayloadBytes } from './message-limits.ts';

export const MESSAGE_LANGS = ['ja', 'en', 'easy-ja'] as const;
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

/** The notify template variables a draft may use (GOV.UK Notify style, as notify's templates). */
export const DRAFT_VARIABLES = ['child_name'] as const;
