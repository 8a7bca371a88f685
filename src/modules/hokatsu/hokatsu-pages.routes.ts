import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../platform/services.ts';
import { sendPage } from '../../platform/web/render-page.ts';
import { findMunicipality } from '../municipalities/index.ts';
import { advanceFlow, type FlowView, parseFlowAnswers } from './index-rules/simulation-flow.ts';
import { type IndexComparison, simulationPage } from './pages/simulation-page.tsx';

const CSS = readFileSync(new URL('./pages/hokatsu.css', import.meta.url));

const municipalityNames = (code: string) => {
  const m = findMunicipality(code);
  return { ja: m?.name ?? code, en: m?.nameEn ?? code };
};

/** `<nurseryId>:<ageClass>` pairs a parent brought from nursery pages, bounded so the form stays small. */
const compareSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((c) => /^[\w-]{1,64}:[0-5]$/.test(c)).slice(0, 10),
  );

export type ComparisonLookup = (
  services: AppServices,
  municipality: string,
  compare: string[],
) => Promise<IndexComparison[] | null>;

export async function simulationPageRoutes(app: FastifyInstance, services: AppServices, lookup: ComparisonLookup) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.get('/hokatsu/assets/hokatsu.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  const render = async (
    request: Parameters<typeof sendPage>[0],
    reply: Parameters<typeof sendPage>[1],
    view: FlowView,
    compare: string[],
  ) => {
    const comparisons = view.result && view.rules ? await lookup(services, view.rules.municipality, compare) : null;
    const page = simulationPage({ view, csrfToken: reply.generateCsrf(), compare, comparisons });
    return sendPage(request, reply, page, view.error && view.question ? 400 : 200);
  };

  r.get(
    '/hokatsu/simulate',
    { schema: { hide: true, querystring: z.object({ compare: compareSchema, rules: z.string().optional() }) } },
    async (request, reply) => {
      // Coming from a nursery's page the municipality is known: start at its newest rules.
      const start = request.query.rules ? { step: 'rules', answer: request.query.rules } : {};
      const view = advanceFlow({}, start, municipalityNames);
      return render(request, reply, { ...view, error: null }, request.query.compare);
    },
  );

  r.post(
    '/hokatsu/simulate',
    {
      preHandler: app.csrfProtection,
      schema: {
        hide: true,
        body: z.object({ state: z.string().optional(), step: z.string().optional(), compare: compareSchema }).loose(),
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown> & { compare: string[] };
      const view = advanceFlow(parseFlowAnswers(body.state), body, municipalityNames);
      return render(request, reply, view, body.compare);
    },
  );
}
