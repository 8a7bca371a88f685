import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { TEMPLATE_CATALOG, type TemplateKey } from './template-catalog.ts';

export interface TemplateVersion {
  key: TemplateKey;
  version: number;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
}

/** The newest saved version of a template; version 0 is the catalogue text when nothing is saved yet. */
export async function latestTemplate(db: DbOrTx, key: TemplateKey): Promise<TemplateVersion> {
  const result = await db.execute<{
    version: number;
    title_ja: string;
    body_ja: string;
    title_en: string;
    body_en: string;
  }>(
    sql`select version, title_ja, body_ja, title_en, body_en from notify_templates where key = ${key} order by version desc limit 1`,
  );
  const row = result.rows[0];
  if (!row) return { key, version: 0, ...TEMPLATE_CATALOG[key].initial };
  return {
    key,
    version: row.version,
    titleJa: row.title_ja,
    bodyJa: row.body_ja,
    titleEn: row.title_en,
    bodyEn: row.body_en,
  };
}
