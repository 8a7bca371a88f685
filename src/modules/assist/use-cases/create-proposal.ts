import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import { actorLabel, assertRole, getStaffProgram, type RegistryActor } from '../../registry/index.ts';
import { assistProposals } from '../assist.tables.ts';
import { extractorFor } from '../extraction/llm-extractor.ts';
import { inScope } from '../proposals.repository.ts';
import { readSource, type SourceInput } from '../source/read-source.ts';

/**
 * Reads a municipal page (text, saved HTML, PDF or URL) for one program and stores what the extractor proposes.
 * Nothing in the registry changes here: the page only fills a proposal that staff decide on field by field.
 */
export async function createProposal(
  services: AppServices,
  input: { actor: RegistryActor; programId: string; source: SourceInput; requestId?: string | null },
) {
  assertRole(input.actor, 'registry-editor');
  // Also checks the program exists and belongs to the actor's municipality, before any fetching.
  const program = await getStaffProgram(services, { actor: input.actor, programId: input.programId });
  const source = await readSource(services, input.source);
  const result = await extractorFor(services.config).extract({ text: source.text, title: source.title });
  const now = services.now();
  return inScope(services, input.actor, async (tx) => {
    const [row] = await tx
      .insert(assistProposals)
      .values({
        municipalityCode: program.municipalityCode,
        programId: program.id,
        sourceKind: source.kind,
        sourceName: source.name?.slice(0, 500) ?? null,
        sourceText: source.text,
        extractor: result.extractor,
        notices: result.notices,
        fields: result.fields,
        createdBy: actorLabel(input.actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'assist-proposal.create',
      resource: { type: 'assist-proposal', id: row!.id },
      municipalityCode: program.municipalityCode,
      purpose: 'staff asked for proposed registry updates from a municipal page',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: {
        programId: program.id,
        source: source.kind,
        extractor: result.extractor,
        fields: Object.keys(result.fields),
      },
    });
    return row!;
  });
}
