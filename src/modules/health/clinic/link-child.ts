import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.ts';
import { getHousehold, type UseCaseContext } from '../../identity/index.ts';
import { childLinks } from './clinic.tables.ts';

/**
 * A health officer of the child's municipality links a platform child to the municipality's resident number
 * (宛名番号), after matching them in the municipal system. Re-linking a child replaces its number. Never a My Number.
 */
export async function linkChild(
  ctx: UseCaseContext,
  input: { householdId: string; childId: string; residentNumber: string },
): Promise<{ childId: string; municipalityCode: string; residentNumber: string }> {
  const { services, actor, requestId } = ctx;
  const household = await getHousehold(ctx, { householdId: input.householdId, purpose: 'link to resident number' });
  const child = household.children.find((c) => c.id === input.childId);
  if (!child) throw notFound({ en: 'No such child in this household.', ja: 'この世帯にその子どもはいません。' });
  if (/^\d{12}$/.test(input.residentNumber)) {
    // 12 digits is the shape of a My Number; resident numbers of Tokyo's systems are shorter. Refuse to store one.
    throw badRequest('looks-like-my-number', 'body.residentNumber', {
      en: 'This looks like a My Number, which Tsunagu never stores. Use the municipality’s resident number.',
      ja: 'マイナンバーの形式です。マイナンバーは保存できません。宛名番号を入力してください。',
    });
  }
  const scope = await authorize({ db: services.db, requestId }, actor, 'health-link.manage', {
    municipalityCode: child.municipalityCode,
    resource: { type: 'child', id: child.id },
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const values = {
      childId: child.id,
      municipalityCode: child.municipalityCode,
      residentNumber: input.residentNumber,
      linkedBy: actor.id ?? actor.type,
      linkedAt: services.now(),
    };
    try {
      await tx.insert(childLinks).values(values).onConflictDoUpdate({ target: childLinks.childId, set: values });
    } catch (error) {
      if ((error as { cause?: { code?: string }; code?: string }).cause?.code === '23505') {
        throw conflict('resident-number-linked', {
          en: 'This resident number is linked to another child already.',
          ja: 'この宛名番号はすでに別の子どもに結び付いています。',
        });
      }
      throw error;
    }
    await recordAudit(tx, {
      actor,
      action: 'health-link.set',
      resource: { type: 'child', id: child.id },
      municipalityCode: child.municipalityCode,
      purpose: 'link child to municipal resident number for subsidies',
      outcome: 'success',
      requestId,
    });
    return { childId: child.id, municipalityCode: child.municipalityCode, residentNumber: input.residentNumber };
  });
}
