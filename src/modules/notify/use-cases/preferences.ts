import { eq, sql } from 'drizzle-orm';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import {
  EXTERNAL_CHANNELS,
  type ExternalChannel,
  type Frequency,
  NOTIFY_CATEGORIES,
  type NotifyCategory,
  notifyPreferences,
} from '../notify.tables.ts';
import { type ParentContext, parentIds } from './parent-context.ts';

export interface Preferences {
  language: 'ja' | 'en';
  channels: ExternalChannel[];
  unsubscribedCategories: NotifyCategory[];
  quietStart: string;
  quietEnd: string;
  frequency: Frequency;
}

const DEFAULTS: Preferences = {
  language: 'ja',
  channels: ['line', 'web-push', 'email'],
  unsubscribedCategories: [],
  quietStart: '21:00',
  quietEnd: '08:00',
  frequency: 'immediate',
};

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function minutes(field: string, value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) {
    throw badRequest('invalid-time', field, {
      en: 'Enter a time as HH:MM (00:00–23:59).',
      ja: '時刻は HH:MM（00:00〜23:59）で入力してください。',
    });
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

export async function getPreferences(ctx: ParentContext): Promise<Preferences> {
  const { parentId, householdId } = parentIds(ctx);
  return withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    const [row] = await tx.select().from(notifyPreferences).where(eq(notifyPreferences.parentId, parentId));
    if (!row) return DEFAULTS;
    return {
      language: row.language,
      channels: row.channels,
      unsubscribedCategories: row.unsubscribedCategories,
      quietStart: hhmm(row.quietStartMinute),
      quietEnd: hhmm(row.quietEndMinute),
      frequency: row.frequency,
    };
  });
}

export async function savePreferences(ctx: ParentContext, input: Preferences, fieldPrefix = 'body'): Promise<void> {
  const { parentId, householdId, municipalityCode } = parentIds(ctx);
  const quietStartMinute = minutes(`${fieldPrefix}.quietStart`, input.quietStart);
  const quietEndMinute = minutes(`${fieldPrefix}.quietEnd`, input.quietEnd);
  const values = {
    language: input.language,
    channels: input.channels.filter((c) => (EXTERNAL_CHANNELS as readonly string[]).includes(c)),
    unsubscribedCategories: input.unsubscribedCategories.filter((c) =>
      (NOTIFY_CATEGORIES as readonly string[]).includes(c),
    ),
    quietStartMinute,
    quietEndMinute,
    frequency: input.frequency,
    updatedAt: ctx.services.now(),
  };
  await withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    await tx
      .insert(notifyPreferences)
      .values({ parentId, householdId, municipalityCode, ...values })
      .onConflictDoUpdate({ target: notifyPreferences.parentId, set: values });
  });
}

/**
 * One-click unsubscribe from a signed link (no session: the link is the authority). Runs as the system because
 * mail clients post it without cookies (RFC 8058); the token names exactly one parent and one category.
 */
export async function unsubscribeCategory(
  ctx: { services: ParentContext['services'] },
  input: { parentId: string; category: NotifyCategory },
): Promise<boolean> {
  return withTenantScope(ctx.services.db, { kind: 'all' }, async (tx) => {
    const owner = await tx.execute<{ household_id: string; municipality_code: string }>(sql`
      select household_id, municipality_code from notify_messages where parent_id = ${input.parentId} limit 1`);
    const row = owner.rows[0];
    if (!row) return false;
    await tx
      .insert(notifyPreferences)
      .values({
        parentId: input.parentId,
        householdId: row.household_id,
        municipalityCode: row.municipality_code,
        unsubscribedCategories: [input.category],
      })
      .onConflictDoUpdate({
        target: notifyPreferences.parentId,
        set: {
          unsubscribedCategories: sql`(select array_agg(distinct c) from unnest(${notifyPreferences.unsubscribedCategories} || array[${input.category}]::text[]) c)`,
          updatedAt: ctx.services.now(),
        },
      });
    return true;
  });
}
