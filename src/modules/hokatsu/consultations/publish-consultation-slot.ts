import { Temporal } from 'temporal-polyfill';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import type { StaffContext } from '../applications/staff-context.ts';
import { expandVisitRecurrence } from '../visits/visit-slot-dates.ts';
import { consultationSlots } from './consultation.tables.ts';

/** A weekly series in Tokyo time; national holidays and 12/29–1/3 are skipped, as for visit tours. */
export interface ConsultationRecurrence {
  from: string;
  until: string;
  weekdays: number[];
  startTime: string;
}

export interface ConsultationSlotInput {
  /** One slot at this instant, or a weekly series. */
  when: { startsAt: Date } | { recurrence: ConsultationRecurrence };
  durationMinutes: number;
  /** The video meeting (https only); shown to the household once it has booked. */
  meetingUrl: string;
  capacity?: number;
}

/** At most this many slots per publication, so a typo in the dates cannot flood the calendar. */
const MAX_SLOTS = 200;

function startsOf(input: ConsultationSlotInput): Date[] {
  if ('startsAt' in input.when) return [input.when.startsAt];
  const r = input.when.recurrence;
  try {
    const start = Temporal.PlainTime.from(r.startTime);
    const endTime = start.add({ minutes: input.durationMinutes });
    if (Temporal.PlainTime.compare(endTime, start) <= 0) throw new RangeError('the slot must end on the same day');
    return expandVisitRecurrence({ ...r, endTime: endTime.toString({ smallestUnit: 'minute' }) }).map(
      (s) => s.startsAt,
    );
  } catch (error) {
    throw badRequest('invalid-recurrence', 'body.recurrence', {
      en: `Check the dates and time: ${(error as Error).message}`,
      ja: '繰り返しの指定が正しくありません（終了日は開始日以降、期間は1年以内、同じ日のうちに終わる時刻）',
    });
  }
}

function httpsUrl(raw: string): string {
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:') {
    throw badRequest('invalid-meeting-url', 'body.meetingUrl', {
      en: 'Give the meeting link as an https:// address',
      ja: '会議のリンクは https:// で始まるアドレスで指定してください',
    });
  }
  return url.toString();
}

/**
 * A counsellor publishes online consultation slots in their own municipality: one slot, or a weekly series that skips
 * holidays. Runs in the municipality's tenant scope. Returns the created slots (none when every day was a holiday).
 */
export async function publishConsultationSlots(ctx: StaffContext, input: ConsultationSlotInput) {
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-consultation.manage',
    { municipalityCode: ctx.actor.municipalityCode ?? null, resource: { type: 'consultation-slot' } },
  );
  if (scope.kind !== 'municipality') {
    throw badRequest('municipality-required', 'body', {
      en: 'Consultations belong to one municipality; Tokyo-wide accounts cannot publish them',
      ja: '相談枠は区市町村ごとです。都全体のアカウントでは公開できません',
    });
  }
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 10 || input.durationMinutes > 120) {
    throw badRequest('invalid-duration', 'body.durationMinutes', {
      en: 'The duration is 10 to 120 minutes',
      ja: '所要時間は10〜120分で指定してください',
    });
  }
  const capacity = input.capacity ?? 1;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10) {
    throw badRequest('invalid-capacity', 'body.capacity', {
      en: 'Capacity must be a whole number from 1 to 10',
      ja: '定員は1〜10の整数で指定してください',
    });
  }
  const meetingUrl = httpsUrl(input.meetingUrl);
  const now = ctx.services.now().getTime();
  const starts = startsOf(input).filter((d) => d.getTime() > now);
  if ('startsAt' in input.when && starts.length === 0) {
    throw badRequest('in-the-past', 'body.startsAt', {
      en: 'Choose a future time',
      ja: '未来の日時を指定してください',
    });
  }
  if (starts.length > MAX_SLOTS) {
    throw badRequest('too-many-slots', 'body.recurrence', {
      en: `At most ${MAX_SLOTS} slots at once`,
      ja: `一度に公開できる相談枠は${MAX_SLOTS}件までです`,
    });
  }
  return withTenantScope(ctx.services.db, scope, async (tx) => {
    const rows =
      starts.length === 0
        ? []
        : await tx
            .insert(consultationSlots)
            .values(
              starts.map((startsAt) => ({
                municipalityCode: scope.municipalityCode,
                counsellorId: ctx.actor.id!,
                startsAt,
                durationMinutes: input.durationMinutes,
                meetingUrl,
                capacity,
              })),
            )
            .returning({ id: consultationSlots.id, startsAt: consultationSlots.startsAt });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'consultation-slot.publish',
      resource: { type: 'consultation-slot', id: rows.length === 1 ? rows[0]!.id : null },
      municipalityCode: scope.municipalityCode,
      purpose: 'counsellor publishes consultation slots',
      outcome: 'success',
      detail: { slots: rows.length },
    });
    return rows;
  });
}
