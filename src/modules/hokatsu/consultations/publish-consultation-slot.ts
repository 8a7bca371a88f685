import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import type { StaffContext } from '../applications/screen-application.ts';
import { consultationSlots } from './consultation.tables.ts';

export interface ConsultationSlotInput {
  startsAt: Date;
  durationMinutes: number;
  /** The video meeting (https only); shown to the household once it has booked. */
  meetingUrl: string;
  capacity?: number;
}

/** A counsellor of the municipality publishes an online consultation slot in their own municipality. */
export async function publishConsultationSlot(ctx: StaffContext, input: ConsultationSlotInput) {
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
  if (input.startsAt.getTime() <= ctx.services.now().getTime()) {
    throw badRequest('in-the-past', 'body.startsAt', {
      en: 'Choose a future time',
      ja: '未来の日時を指定してください',
    });
  }
  let url: URL | null = null;
  try {
    url = new URL(input.meetingUrl);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:') {
    throw badRequest('invalid-meeting-url', 'body.meetingUrl', {
      en: 'Give the meeting link as an https:// address',
      ja: '会議のリンクは https:// で始まるアドレスで指定してください',
    });
  }
  return ctx.services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consultationSlots)
      .values({
        municipalityCode: scope.municipalityCode,
        counsellorId: ctx.actor.id!,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        meetingUrl: url.toString(),
        capacity: input.capacity ?? 1,
      })
      .returning({ id: consultationSlots.id });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'consultation-slot.publish',
      resource: { type: 'consultation-slot', id: row!.id },
      municipalityCode: scope.municipalityCode,
      purpose: 'counsellor publishes a consultation slot',
      outcome: 'success',
    });
    return { id: row!.id };
  });
}
