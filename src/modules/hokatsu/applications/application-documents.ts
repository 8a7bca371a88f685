import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError, conflict, notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { applicationNotFound, locateApplication } from './application.repository.ts';
import { applicationDocuments, applications, DOCUMENT_MAX_BYTES } from './application.tables.ts';

export const MAX_DOCUMENTS = 10;

/** The type is read from the bytes, not trusted from the upload's header: PDF, JPEG and PNG only. */
export function sniffDocumentType(data: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export const documentTooLarge = () =>
  new AppError('document-too-large', 413, { en: 'A document may be at most 5 MB', ja: '書類は1件5MBまでです' }, [
    { field: 'body.file', message: 'A document may be at most 5 MB', messageJa: '書類は1件5MBまでです' },
  ]);

interface Ctx {
  services: AppServices;
  actor: Actor;
  requestId?: string;
}

/** A parent adds a supporting document while the application is open for changes. */
export async function uploadApplicationDocument(
  ctx: Ctx,
  input: { applicationId: string; filename: string; data: Buffer },
): Promise<{ id: string; contentType: string; sizeBytes: number }> {
  const where = await locateApplication(ctx.services.db, input.applicationId).catch(() => null);
  if (!where || where.householdId !== ctx.actor.householdId) throw applicationNotFound();
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-application.apply', {
    householdId: where.householdId,
    resource: { type: 'nursery-application', id: input.applicationId },
  });
  if (input.data.length === 0) {
    throw new AppError('empty-document', 400, { en: 'The file is empty', ja: 'ファイルが空です' }, [
      { field: 'body.file', message: 'The file is empty', messageJa: 'ファイルが空です' },
    ]);
  }
  if (input.data.length > DOCUMENT_MAX_BYTES) throw documentTooLarge();
  const contentType = sniffDocumentType(input.data);
  if (!contentType) {
    const text = { en: 'Upload a PDF, JPEG or PNG file', ja: 'PDF・JPEG・PNG のいずれかをアップロードしてください' };
    throw new AppError('unsupported-document-type', 415, text, [
      { field: 'body.file', message: text.en, messageJa: text.ja },
    ]);
  }
  // Path separators and control characters never reach the download header.
  const filename =
    [...input.filename]
      .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 ? '_' : c))
      .join('')
      .slice(0, 200) || 'document';
  return ctx.services.db.transaction(async (tx) => {
    const [app] = await tx
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.id, input.applicationId))
      .for('update');
    if (!app || !['submitted', 'in-review', 'needs-fix'].includes(app.status)) {
      throw conflict('application-closed', {
        en: 'Documents can be added only while the application is being screened',
        ja: '書類を追加できるのは審査中の申請だけです',
      });
    }
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, input.applicationId));
    if ((count?.n ?? 0) >= MAX_DOCUMENTS) {
      throw conflict('too-many-documents', {
        en: `An application holds at most ${MAX_DOCUMENTS} documents`,
        ja: `1つの申請に添付できる書類は${MAX_DOCUMENTS}件までです`,
      });
    }
    const [row] = await tx
      .insert(applicationDocuments)
      .values({
        applicationId: input.applicationId,
        municipalityCode: where.municipalityCode,
        filename,
        contentType,
        sizeBytes: input.data.length,
        sha256: createHash('sha256').update(input.data).digest('hex'),
        content: input.data,
        uploadedBy: ctx.actor.id!,
      })
      .returning({ id: applicationDocuments.id });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.upload-document',
      resource: { type: 'nursery-application', id: input.applicationId },
      municipalityCode: where.municipalityCode,
      purpose: 'parent adds a supporting document',
      outcome: 'success',
      detail: { documentId: row!.id, contentType, sizeBytes: input.data.length },
    });
    return { id: row!.id, contentType, sizeBytes: input.data.length };
  });
}

/** The household's parent or a screener of the municipality downloads a document; audited. */
export async function readApplicationDocument(ctx: Ctx, input: { applicationId: string; documentId: string }) {
  const where = await locateApplication(ctx.services.db, input.applicationId).catch(() => null);
  if (!where || (ctx.actor.type === 'parent' && where.householdId !== ctx.actor.householdId)) {
    throw applicationNotFound();
  }
  await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    ctx.actor.type === 'parent' ? 'nursery-application.apply' : 'nursery-application.screen',
    { ...where, resource: { type: 'nursery-application', id: input.applicationId } },
  );
  return ctx.services.db.transaction(async (tx) => {
    const [doc] = await tx
      .select()
      .from(applicationDocuments)
      .where(
        and(eq(applicationDocuments.id, input.documentId), eq(applicationDocuments.applicationId, input.applicationId)),
      );
    if (!doc) throw notFound({ en: 'No such document', ja: '該当する書類はありません' });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.read-document',
      resource: { type: 'nursery-application', id: input.applicationId },
      municipalityCode: where.municipalityCode,
      purpose: 'document read during screening',
      outcome: 'success',
      detail: { documentId: doc.id },
    });
    return doc;
  });
}
