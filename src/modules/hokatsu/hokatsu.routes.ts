import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/http/app-error.ts';
import { problemResponses } from '../../platform/http/problem-schema.ts';
import { findMunicipality, municipalityCodeSchema } from '../municipalities/index.ts';
import {
  fiscalYearSchema,
  indexRuleSummarySchema,
  indexSimulationRequestSchema,
  indexSimulationSchema,
} from './hokatsu.schemas.ts';
import { findIndexRuleSet, latestIndexRuleSets } from './index-rules/index-rule-catalog.ts';
import { indexRuleJsonSchema } from './index-rules/index-rule-schema.ts';
import { simulateIndex } from './use-cases/simulate-index.ts';

export async function indexRuleRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schemaDocument = indexRuleJsonSchema();

  r.get(
    '/api/v1/index-rules/schema.json',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'JSON Schema of an admission index rule file (利用調整基準)',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (_request, reply) => {
      reply.header('content-type', 'application/schema+json; charset=utf-8');
      reply.header('cache-control', 'public, max-age=3600');
      return schemaDocument as Record<string, unknown>;
    },
  );

  r.get(
    '/api/v1/index-rules',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Admission index rule sets by municipality and fiscal year (newest version of each)',
        response: { 200: z.object({ items: z.array(indexRuleSummarySchema) }) },
      },
    },
    async () => ({
      items: latestIndexRuleSets().map((rules) => ({
        municipality: rules.municipality,
        municipalityName: findMunicipality(rules.municipality)?.name ?? rules.municipality,
        fiscalYear: rules.fiscalYear,
        version: rules.version,
        status: rules.status,
        notice: rules.notice,
        url: `/api/v1/index-rules/${rules.municipality}/${rules.fiscalYear}`,
      })),
    }),
  );

  r.get(
    '/api/v1/index-rules/:municipality/:fiscalYear',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'One rule set (validates against /api/v1/index-rules/schema.json)',
        params: z.object({ municipality: municipalityCodeSchema, fiscalYear: fiscalYearSchema }),
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const rules = findIndexRuleSet(request.params.municipality, request.params.fiscalYear);
      if (!rules)
        throw notFound({ en: 'No index rules for that municipality and year', ja: '該当する指数基準はありません' });
      return rules as unknown as Record<string, unknown>;
    },
  );

  r.post(
    '/api/v1/index-simulations',
    {
      schema: {
        tags: ['hokatsu'],
        summary: 'Compute a household’s admission index with a line-by-line explanation',
        body: indexSimulationRequestSchema,
        response: { 200: indexSimulationSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const result = simulateIndex(request.body);
      return {
        municipality: result.rules.municipality,
        fiscalYear: result.rules.fiscalYear,
        rulesVersion: result.rules.version,
        status: result.rules.status,
        notice: result.rules.notice,
        total: result.total,
        lines: result.lines,
      };
    },
  );
}
