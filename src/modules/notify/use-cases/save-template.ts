import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { isTemplateKey, TEMPLATE_CATALOG } from '../templates/template-catalog.ts';
import { assertKnownVariables } from '../templates/template-text.ts';

export interface SaveTemplateInput {
  key: string;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
}

/**
 * Saves a new version of a template. Texts that use a variable the template does not provide are refused with a
 * problem naming the field and the variable, before anything is written. Templates are Tokyo-wide (every
 * municipality's parents get the same wording), so only Tokyo-wide notice senders save them.
 */
export async function saveTemplate(
  services: AppServices,
  actor: Actor,
  input: SaveTemplateInput,
  requestId?: string,
): Promise<{ key: string; version: number }> {
  await authorize({ db: services.db, requestId: requestId ?? null }, actor, 'notice.send', {
    municipalityCode: '130001',
    resource: { type: 'notify-template', id: input.key },
  });
  if (!isTemplateKey(input.key)) {
    throw badRequest('notify-template-unknown', 'body.key', {
      en: `Unknown template ${input.key}.`,
      ja: `テンプレート ${input.key} はありません。`,
    });
  }
  const allowed = TEMPLATE_CATALOG[input.key].variables;
  for (const field of ['titleJa', 'bodyJa', 'titleEn', 'bodyEn'] as const) {
    assertKnownVariables(`body.${field}`, input[field], allowed);
  }
  const key = input.key;
  return services.db.transaction(async (tx) => {
    // Versions of one key are numbered under a lock on the key, so two editors never both save version n.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`notify-template:${input.key}`}, 0))`);
    const latest = await tx.execute<{ version: number }>(
      sql`select coalesce(max(version), 0)::int as version from notify_templates where key = ${input.key}`,
    );
    const version = Number(latest.rows[0]?.version ?? 0) + 1;
    await tx.execute(sql`
      insert into notify_templates (key, version, category, title_ja, body_ja, title_en, body_en, created_by)
      values (${input.key}, ${version}, ${TEMPLATE_CATALOG[key].category}, ${input.titleJa}, ${input.bodyJa},
              ${input.titleEn}, ${input.bodyEn}, ${actor.id ?? actor.type})`);
    await recordAudit(tx, {
      actor,
      action: 'notify-template.save',
      resource: { type: 'notify-template', id: `${input.key}@${version}` },
      purpose: 'staff edit a notice template',
      outcome: 'success',
      requestId: requestId ?? null,
    });
    return { key, version };
  });
}
