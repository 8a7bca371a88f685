import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import type { AppServices } from '../../platform/services.ts';
import { SignatureService } from '../identity/index.ts';
import { evaluateRequestSchema, evaluateResponseSchema } from './benefits.schemas.ts';
import { benefitsParentPageRoutes } from './routes/parent-pages.routes.ts';
import { benefitsStaffPageRoutes } from './routes/staff-pages.routes.ts';
import { evaluateChildBenefits } from './use-cases/evaluate-child-benefits.ts';

export async function benefitsRoutes(app: FastifyInstance, services: AppServices) {
  // Its own instance over the same demo CA files and trust anchors as identity's.
  await benefitsParentPageRoutes(app, services, new SignatureService(services.config, services.now));
  await benefitsStaffPageRoutes(app, services);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/benefits/evaluate',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Which benefits a child is due in a fiscal year, with the months, amount and the reasons why',
        body: evaluateRequestSchema,
        response: { 200: evaluateResponseSchema, ...problemResponses(400) },
      },
    },
    async (request) => evaluateChildBenefits(request.body),
  );
}
