import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError, fieldError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { insertImportedPrograms } from '../bulk-insert.ts';
import { normalizeRecord, type RecordIssue } from '../normalize-record.ts';
import type { ProgramData } from '../program-data.ts';
import { appendChanges, type ChangeRow, diffProgramData, lockChangeFeed, programColumns } from '../program-row.ts';
import { registryPrograms, registryProgramVersions } from '../registry.tables.ts';
import { registryReadCache } from '../registry-read-cache.ts';

/**
 * Part of each record's hash: bump it when normalisation changes, so the next import of the same file re-normalises
 * every record (and the change feed reports the programs whose public fields moved).
 */
export const NORMALIZER_VERSION = 2;

/** Share of the loaded records an import may retire before it needs --force. */
export const MAX_DROP_SHARE = 0.3;

export interface ImportRegistryInput {
  records: unknown;
  /** Where the file came from, for the audit record. */
  source: string;
  force?: boolean;
  actor: Actor;
  requestId?: string | null;
}

export interface ImportReport {
  records: number;
  areas: number;
  perMunicipality: Record<string, number>;
  ageSources: { explicit: number; inferred: number; unknown: number };
  unknownAgeShare: number;
  prenatal: number;
  withIncomeBasis: number;
  parseFailures: number;
  /** The first issues found, for a person to look at. */
  issueSamples: RecordIssue[];
  created: number;
  updated: number;
  retired: number;
  unchanged: number;
  forced: boolean;
  /** Where the time went, in milliseconds: checking the file, the transaction, the index merge and statistics. */
  timings: { normalise: number; write: number; index: number };
}

interface Incoming {
  psid: string;
  data: ProgramData;
  raw: Record<string, unknown>;
  rawHash: string;
}

/** Reads and checks the whole file before touching the database; a fatal problem anywhere rejects all of it. */
export function parseRegistryRecords(records: unknown): { incoming: Incoming[]; issues: RecordIssue[] } {
  if (!Array.isArray(records)) {
    throw new AppError(
      'registry-file-malformed',
      400,
      {
        en: 'The registry file must be one JSON array of program records.',
        ja: 'レジストリのファイルは制度レコードの JSON 配列である必要があります。',
      },
      [fieldError('file', { en: 'expected a JSON array', ja: 'JSON 配列ではありません' })],
    );
  }
  const incoming: Incoming[] = [];
  const issues: RecordIssue[] = [];
  const seen = new Set<string>();
  records.forEach((raw, index) => {
    const result = normalizeRecord(raw, index);
    issues.push(...result.issues);
    if (!result.psid || !('data' in result)) return;
    if (seen.has(result.psid)) {
      issues.push({
        field: `records[${index}].basicInformation.psid`,
        message: `duplicate psid ${result.psid}`,
        fatal: true,
      });
      return;
    }
    seen.add(result.psid);
    incoming.push({
      psid: result.psid,
      data: result.data,
      raw: raw as Record<string, unknown>,
      rawHash: createHash('sha256')
        .update(`${NORMALIZER_VERSION}:${JSON.stringify(raw)}`)
        .digest('hex'),
    });
  });
  const fatal = issues.filter((i) => i.fatal);
  if (fatal.length) {
    throw new AppError(
      'registry-file-invalid',
      400,
      {
        en: `${fatal.length} record(s) cannot be imported; nothing was changed.`,
        ja: `${fatal.length} 件のレコードを取り込めません。何も変更していません。`,
      },
      fatal.slice(0, 20).map((i) => fieldError(i.field, { en: i.message, ja: i.message })),
    );
  }
  if (incoming.length === 0) {
    throw new AppError(
      'registry-file-empty',
      400,
      {
        en: 'The registry file has no records.',
        ja: 'レジストリのファイルにレコードがありません。',
      },
      [fieldError('file', { en: 'no records', ja: 'レコードがありません' })],
    );
  }
  return { incoming, issues };
}

/**
 * Loads the Tokyo registry file in one transaction: new psids are created, changed records (by hash of the raw
 * record) get a new published version, records no longer in the file are retired. The same file twice changes
 * nothing. Retiring more than 30% of what is loaded needs `force`, which the audit record shows.
 */
export async function importRegistry(services: AppServices, input: ImportRegistryInput): Promise<ImportReport> {
  let mark = performance.now();
  const { incoming, issues } = parseRegistryRecords(input.records);
  const timings = { normalise: Math.round(performance.now() - mark), write: 0, index: 0 };
  mark = performance.now();
  const now = services.now();
  const report = buildReport(incoming, issues, Boolean(input.force));

  const result = await services.db.transaction(async (tx) => {
    await lockChangeFeed(tx);
    // Thousands of rows into the trigram index: queue them in GIN's pending list and merge them in one sorted pass
    // after commit (gin_clean_pending_list below), which is several times faster than inserting one by one.
    await tx.execute(sql`set local gin_pending_list_limit = '256MB'`);
    const existing = await tx
      .select({
        id: registryPrograms.id,
        psid: registryPrograms.psid,
        status: registryPrograms.status,
        rawHash: registryPrograms.rawHash,
        version: registryPrograms.currentVersion,
        municipalityCode: registryPrograms.municipalityCode,
      })
      .from(registryPrograms)
      .where(eq(registryPrograms.origin, 'import'));
    const byPsid = new Map(existing.map((row) => [row.psid, row]));
    const incomingPsids = new Set(incoming.map((r) => r.psid));
    const loaded = existing.filter((row) => row.status === 'published');
    const toRetire = loaded.filter((row) => !incomingPsids.has(row.psid));

    if (loaded.length > 0 && toRetire.length / loaded.length > MAX_DROP_SHARE && !input.force) {
      await recordAudit(services.db, {
        actor: input.actor,
        action: 'registry.import',
        resource: { type: 'registry' },
        purpose: `registry import from ${input.source}`,
        outcome: 'denied',
        requestId: input.requestId ?? null,
        detail: { loaded: loaded.length, wouldRetire: toRetire.length, incoming: incoming.length },
      });
      throw new AppError(
        'registry-import-drop-guard',
        409,
        {
          en: `This import would retire ${toRetire.length} of the ${loaded.length} loaded programs (over ${MAX_DROP_SHARE * 100}%). Check the file, or import with --force.`,
          ja: `この取込みでは登録済み ${loaded.length} 件のうち ${toRetire.length} 件が廃止になります（${MAX_DROP_SHARE * 100}% 超）。ファイルを確認するか、--force を付けて取り込んでください。`,
        },
        [fieldError('file', { en: 'too many records would be dropped', ja: '削除されるレコードが多すぎます' })],
      );
    }

    const changes: ChangeRow[] = [];
    const fresh = incoming.filter((r) => !byPsid.has(r.psid));
    const ids = await insertImportedPrograms(tx, fresh, now, actorLabel(input.actor));
    for (const r of fresh) {
      changes.push({
        programId: ids.get(r.psid)!,
        psid: r.psid,
        municipalityCode: r.data.municipalityCode,
        kind: 'created',
        version: 1,
      });
    }
    report.created = fresh.length;

    for (const record of incoming) {
      const before = byPsid.get(record.psid);
      if (!before) continue;
      if (before.rawHash === record.rawHash && before.status === 'published') {
        report.unchanged++;
        continue;
      }
      const version = before.version + 1;
      await tx
        .update(registryProgramVersions)
        .set({ status: 'retired', updatedAt: now })
        .where(and(eq(registryProgramVersions.programId, before.id), eq(registryProgramVersions.status, 'published')));
      await tx.insert(registryProgramVersions).values({
        programId: before.id,
        version,
        municipalityCode: record.data.municipalityCode,
        status: 'published',
        data: record.data,
        diff: diffProgramData(await currentData(tx, before.id), record.data),
        createdBy: actorLabel(input.actor),
        reviewedBy: actorLabel(input.actor),
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
      });
      await tx
        .update(registryPrograms)
        .set({
          status: 'published',
          ...programColumns(record.data, { id: before.id, psid: record.psid, updatedAt: now }),
          data: record.data,
          raw: record.raw,
          rawHash: record.rawHash,
          staffEdited: false,
          currentVersion: version,
          updatedAt: now,
        })
        .where(eq(registryPrograms.id, before.id));
      changes.push({
        programId: before.id,
        psid: record.psid,
        municipalityCode: record.data.municipalityCode,
        kind: before.status === 'published' ? 'updated' : 'created',
        version,
      });
      report.updated++;
    }

    if (toRetire.length) {
      const ids = toRetire.map((r) => r.id);
      await tx
        .update(registryPrograms)
        .set({ status: 'retired', updatedAt: now })
        .where(inArray(registryPrograms.id, ids));
      await tx
        .update(registryProgramVersions)
        .set({ status: 'retired', updatedAt: now })
        .where(and(inArray(registryProgramVersions.programId, ids), eq(registryProgramVersions.status, 'published')));
      for (const row of toRetire) {
        changes.push({
          programId: row.id,
          psid: row.psid,
          municipalityCode: row.municipalityCode,
          kind: 'retired',
          version: row.version,
        });
      }
    }
    report.retired = toRetire.length;

    await appendChanges(tx, changes, now);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'registry.import',
      resource: { type: 'registry' },
      purpose: `registry import from ${input.source}`,
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: {
        records: report.records,
        areas: report.areas,
        created: report.created,
        updated: report.updated,
        retired: report.retired,
        unchanged: report.unchanged,
        forced: report.forced && toRetire.length / Math.max(loaded.length, 1) > MAX_DROP_SHARE,
      },
    });
    if (changes.length) {
      await services.events.publish(
        tx,
        'registry.imported',
        {
          created: report.created,
          updated: report.updated,
          retired: report.retired,
        },
        { requestId: input.requestId ?? null },
      );
    }
    return report;
  });
  timings.write = Math.round(performance.now() - mark);
  mark = performance.now();
  if (result.created + result.updated + result.retired > 0) {
    registryReadCache(services).invalidate();
    await services.db.execute(
      sql`select gin_clean_pending_list(i) from to_regclass('registry_programs_search_key_trgm_idx') i where i is not null`,
    );
    // Fresh statistics, or the planner keeps estimating an empty table and picks the wrong indexes.
    await services.db.execute(sql`analyze registry_programs`);
  }
  timings.index = Math.round(performance.now() - mark);
  return { ...result, timings };
}

/** Only changed records need their previous data (for the diff); loading all of it would dominate a re-import. */
async function currentData(tx: Tx, id: string): Promise<ProgramData> {
  const [row] = await tx
    .select({ data: registryPrograms.data })
    .from(registryPrograms)
    .where(eq(registryPrograms.id, id));
  return row!.data;
}

function actorLabel(actor: Actor): string {
  return `${actor.type}:${actor.id ?? '-'}`;
}

function buildReport(incoming: Incoming[], issues: RecordIssue[], forced: boolean): ImportReport {
  const perMunicipality: Record<string, number> = {};
  const ageSources = { explicit: 0, inferred: 0, unknown: 0 };
  let prenatal = 0;
  let withIncomeBasis = 0;
  for (const r of incoming) {
    perMunicipality[r.data.municipalityCode] = (perMunicipality[r.data.municipalityCode] ?? 0) + 1;
    ageSources[r.data.ageMonths.source]++;
    if (r.data.prenatal) prenatal++;
    if (r.data.incomeBasis) withIncomeBasis++;
  }
  return {
    records: incoming.length,
    areas: Object.keys(perMunicipality).length,
    perMunicipality: Object.fromEntries(Object.entries(perMunicipality).sort(([a], [b]) => a.localeCompare(b))),
    ageSources,
    unknownAgeShare: incoming.length ? Math.round((ageSources.unknown / incoming.length) * 1000) / 1000 : 0,
    prenatal,
    withIncomeBasis,
    parseFailures: issues.length,
    issueSamples: issues.slice(0, 10),
    created: 0,
    updated: 0,
    retired: 0,
    unchanged: 0,
    forced,
    timings: { normalise: 0, write: 0, index: 0 },
  };
}
