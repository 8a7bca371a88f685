import { z } from 'zod';

function decodesTo(length: number) {
  return (value: string) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === length;
}

export const digestSchema = z.string().refine(decodesTo(32), {
  message: 'The SHA-256 digest of the document, base64 (32 bytes)',
  params: { ja: '文書の SHA-256 ダイジェストを base64 で指定してください（32バイト）' },
});

export const signatureResultSchema = z
  .object({
    algorithm: z.literal('ES256').meta({ description: 'ECDSA P-256 with SHA-256 over the digest, r||s' }),
    signature: z.string(),
    certificateChain: z.array(z.string()).meta({ description: 'PEM; the signer’s certificate first' }),
    signedAt: z.string(),
  })
  .meta({ id: 'DocumentSignature' });

export const verifyInputSchema = z
  .object({
    digest: digestSchema,
    signature: z.string().min(1).max(2000),
    certificateChain: z.array(z.string().min(1).max(20_000)).min(1).max(5),
  })
  .strict();

export const verifyResultSchema = z
  .object({
    valid: z.literal(true),
    signer: z.object({ subject: z.string(), serialNumber: z.string(), notAfter: z.string() }),
  })
  .meta({ id: 'SignatureVerification' });
