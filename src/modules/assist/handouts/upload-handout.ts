import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { actorLabel, assertRole, listStaffPrograms, type RegistryActor, searchKey } from '../../registry/index.ts';
import { assistHandouts } from '../assist.tables.ts';
import { pdfToText } from '../source/pdf-text.ts';
import { SOURCE_LIMITS, sourceError } from '../source/source-limits.ts';
import { classifyHandout } from './classify-handout.ts';

/** Program names shorter than this match too much text by accident (「健診」). */
const MIN_LINKED_NAME = 4;

/**
 * Staff upload a printed hand-out as PDF: its text layer is read, the document is filed under registry categories,
 * linked to the municipality's programs it names, and given the pregnancy weeks / child ages it is for.
 */
export async function uploadHandout(
  services: AppServices,
  input: {
    actor: RegistryActor;
    fileName: string;
    bytes: Uint8Array;
    title?: string | null;
    requestId?: string | null;
  },
) {
  assertRole(input.actor, 'registry-editor');
  if (input.actor.municipalityCode === '')
    throw sourceError('assist-no-municipality', 403, 'file', {
      en: 'No municipality.',
      ja: '自治体が設定されていません。',
    });
  const { text } = await pdfToText(input.bytes, 'file');
  const audience = classifyHandout(text);
  const firstLine =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? input.fileName;
  const title = (input.title?.trim() || firstLine).slice(0, 200);
  const programs = await listStaffPrograms(services, { actor: input.actor, filter: 'published' });
  const folded = text.normalize('NFKC');
  const linked = programs
    .filter((p) => p.name.length >= MIN_LINKED_NAME && folded.includes(p.name.normalize('NFKC')))
    .map((p) => p.id);
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assistHandouts)
      .values({
        municipalityCode: input.actor.municipalityCode,
        title,
        fileName: input.fileName.slice(0, 200),
        pdf: Buffer.from(input.bytes).toString('base64'),
        text: text.slice(0, SOURCE_LIMITS.textChars),
        searchKey: searchKey(`${title}\n${text}`),
        categories: audience.categories,
        programIds: linked,
        pregnancyWeekFrom: audience.pregnancy?.from ?? null,
        pregnancyWeekTo: audience.pregnancy?.to ?? null,
        ageMinMonths: audience.age?.min ?? null,
        ageMaxMonths: audience.age?.max ?? null,
        evidence: audience.evidence,
        createdBy: actorLabel(input.actor),
        createdAt: services.now(),
      })
      .returning({ id: assistHandouts.id });
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'assist-handout.upload',
      resource: { type: 'assist-handout', id: row!.id },
      municipalityCode: input.actor.municipalityCode,
      purpose: 'staff uploaded a printed hand-out for parents',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: {
        categories: audience.categories,
        linkedPrograms: linked.length,
        tokyoWide: input.actor.municipalityCode === TOKYO_CODE,
      },
    });
    return { id: row!.id, title, ...audience, programIds: linked };
  });
}
