import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { latestIndexRuleSets } from './index-rules/index-rule-catalog.ts';
import { nurseryPage } from './pages/nursery-page.tsx';
import { VISIT_RULES } from './use-cases/book-visit.ts';
import { getNursery } from './use-cases/get-nursery.ts';
import { listVisitSlots } from './use-cases/list-visit-slots.ts';
import { parentListVisits } from './use-cases/parent-visit-actions.ts';

export interface NurseryDetailExtra {
  age?: number;
  flash?: 'booked' | 'cancelled' | 'moved' | null;
  error?: string | null;
}

/** The nursery page, with booking controls when a parent is signed in (shared by the GET and the booking posts). */
export async function renderNurseryDetail(
  request: FastifyRequest,
  reply: FastifyReply,
  services: AppServices,
  nurseryId: string,
  extra: NurseryDetailExtra = {},
  status = 200,
) {
  const nursery = await getNursery(services.db, nurseryId);
  const rules = latestIndexRuleSets()
    .filter((x) => x.municipality === nursery.municipalityCode)
    .sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  const age = extra.age ?? nursery.minimumIndices[0]?.ageClass ?? nursery.minAgeClass ?? 0;
  const simulateHref = rules
    ? `/hokatsu/simulate?rules=${rules.municipality}/${rules.fiscalYear}&compare=${nursery.id}:${age}`
    : null;
  const tours = await listVisitSlots(services.db, nursery, services.now());
  const actor = request.actor;
  const booking =
    actor.type === 'parent' && actor.householdId
      ? {
          csrfToken: reply.generateCsrf(),
          mine: await parentListVisits({ services, actor, requestId: request.id }, { nurseryId: nursery.id }),
          flash: extra.flash ?? null,
          error: extra.error ?? null,
        }
      : null;
  const cutoff = { hours: VISIT_RULES.cutoffHours, perNursery: VISIT_RULES.perFamilyPerNursery };
  return sendPage(request, reply, nurseryPage({ nursery, simulateHref, tours, booking, cutoff }), status);
}
