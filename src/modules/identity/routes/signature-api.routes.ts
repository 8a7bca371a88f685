import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../platform/http/problem-schema.ts';
import type { AppServices } from '../../../platform/services.ts';
import { requireSignedIn } from '../sessions/auth-hook.ts';
import { digestSchema, signatureResultSchema, verifyInputSchema, verifyResultSchema } from '../signature.schemas.ts';
import type { SignatureService } from '../signatures/signature-service.ts';
import { signDocument } from '../use-cases/sign-document.ts';
import { verifySignedDigest } from '../use-cases/verify-document-signature.ts';

const TAGS = ['identity'];

export async function signatureApiRoutes(app: FastifyInstance, services: AppServices, signatures: SignatureService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/me/signatures',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign a document digest with the parent’s card certificate (demo card authority)',
        body: z.object({ digest: digestSchema }).strict(),
        response: { 201: signatureResultSchema, ...problemResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const result = await signDocument(
        { services, actor: requireSignedIn(request), requestId: request.id },
        signatures,
        { digest: Buffer.from(request.body.digest, 'base64') },
      );
      reply.status(201);
      return result;
    },
  );

  r.post(
    '/api/v1/signatures/verify',
    {
      schema: {
        tags: TAGS,
        summary: 'Verify a signature over a document digest: chain, dates, key usage, CRL, signature',
        body: verifyInputSchema,
        response: { 200: verifyResultSchema, ...problemResponses(400, 422) },
      },
    },
    async (request) => verifySignedDigest(signatures, request.body, services.now()),
  );
}
