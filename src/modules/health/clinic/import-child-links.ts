import { and, eq, inArray } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, type FieldError, fieldError, forbidden } from '../../../platform/http/app-error.ts';
import { getHousehold, type HouseholdView, type UseCaseContext } from '../../identity/index.ts';
import { childLinks } from './clinic.tables.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESIDENT_NUMBER = /^[0-9A-Za-z-]{1,20}$/;
/** Header names a municipal system may export, in English or Japanese. */
const COLUMNS: Record<string, 'householdId' | 'childId' | 'residentNumber'> = {
  householdid: 'householdId',
  世帯id: 'householdId',
  childid: 'childId',
  子どもid: 'childId',
  residentnumber: 'residentNumber',
  宛名番号: 'residentNumber',
};

interface LinkRow {
  row: number;
  householdId: string;
  childId: string;
  residentNumber: string;
}

/**
 * Bulk links from the municipal system: a CSV of (世帯ID, 子どもID, 宛名番号), one line per child. Every row is checked
 * first (ids, number format, no My Number, duplicates in the file, the child in that household and in the officer's
 * municipality, the number not linked to another child); any error refuses the whole file with a report by row and
 * field. Otherwise all links are written in one transaction, each audited on its child.
 */
export async function importChildLinks(ctx: UseCaseContext, input: { csv: string }): Promise<{ linked: number }> {
  const { services, actor, requestId } = ctx;
  if (actor.type !== 'staff' || !actor.municipalityCode) throw forbidden();
  const municipalityCode = actor.municipalityCode;
  const scope = await authorize({ db: services.db, requestId }, actor, 'health-link.manage', {
    municipalityCode,
    resource: { type: 'child-link' },
  });
  const errors: FieldError[] = [];
  const rowError = (row: number, field: string, en: string, ja: string) =>
    errors.push(fieldError(`body.csv.row${row}.${field}`, { en: `Row ${row}: ${en}`, ja: `${row}行目: ${ja}` }));
  const rows = parseRows(input.csv, rowError);

  const seenChild = new Map<string, number>();
  const seenNumber = new Map<string, number>();
  for (const r of rows) {
    if (!UUID.test(r.householdId)) rowError(r.row, 'householdId', 'not a household id', '世帯IDの形式ではありません');
    if (!UUID.test(r.childId)) rowError(r.row, 'childId', 'not a child id', '子どもIDの形式ではありません');
    if (/^\d{12}$/.test(r.residentNumber)) {
      rowError(
        r.row,
        'residentNumber',
        'looks like a My Number, never stored',
        'マイナンバーの形式です（保存できません）',
      );
    } else if (!RESIDENT_NUMBER.test(r.residentNumber)) {
      rowError(
        r.row,
        'residentNumber',
        'up to 20 letters, digits or hyphens',
        '20文字以内の英数字・ハイフンで入力してください',
      );
    }
    const earlierChild = seenChild.get(r.childId);
    if (earlierChild)
      rowError(r.row, 'childId', `same child as row ${earlierChild}`, `${earlierChild}行目と同じ子どもです`);
    const earlierNumber = seenNumber.get(r.residentNumber);
    if (earlierNumber) {
      rowError(
        r.row,
        'residentNumber',
        `same number as row ${earlierNumber}`,
        `${earlierNumber}行目と同じ宛名番号です`,
      );
    }
    seenChild.set(r.childId, r.row);
    seenNumber.set(r.residentNumber, r.row);
  }
  if (errors.length === 0) await checkChildren(ctx, municipalityCode, rows, rowError);
  if (errors.length > 0) throw invalidFile(errors);

  return withTenantScope(services.db, scope, async (tx) => {
    const taken = await tx
      .select({ childId: childLinks.childId, residentNumber: childLinks.residentNumber })
      .from(childLinks)
      .where(
        and(
          eq(childLinks.municipalityCode, municipalityCode),
          inArray(
            childLinks.residentNumber,
            rows.map((r) => r.residentNumber),
          ),
        ),
      );
    const fileChildren = new Set(rows.map((r) => r.childId));
    for (const link of taken) {
      // A number may move between children of this file (a correction); not to or from a child outside it.
      if (fileChildren.has(link.childId)) continue;
      const row = rows.find((r) => r.residentNumber === link.residentNumber)!;
      rowError(row.row, 'residentNumber', 'linked to another child already', 'すでに別の子どもに結び付いています');
    }
    if (errors.length > 0) throw invalidFile(errors);
    // Replacing the file's children's links first lets numbers swap between them without a unique-key clash.
    await tx.delete(childLinks).where(inArray(childLinks.childId, [...fileChildren]));
    const now = services.now();
    await tx.insert(childLinks).values(
      rows.map((r) => ({
        childId: r.childId,
        municipalityCode,
        residentNumber: r.residentNumber,
        linkedBy: actor.id ?? actor.type,
        linkedAt: now,
      })),
    );
    for (const r of rows) {
      await recordAudit(tx, {
        actor,
        action: 'health-link.set',
        resource: { type: 'child', id: r.childId },
        municipalityCode,
        purpose: 'link child to municipal resident number for subsidies (file import)',
        outcome: 'success',
        requestId,
      });
    }
    return { linked: rows.length };
  });
}

const invalidFile = (errors: FieldError[]) =>
  new AppError(
    'link-import-invalid',
    400,
    {
      en: `The file was not applied: ${errors.length} problem(s). Correct the rows listed and send the whole file again.`,
      ja: `ファイルは取り込まれていません（${errors.length}件の問題）。一覧の行を直して、ファイル全体をもう一度送ってください。`,
    },
    errors,
  );

function parseRows(csv: string, rowError: (row: number, field: string, en: string, ja: string) => void): LinkRow[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => COLUMNS[h.trim().toLowerCase()]);
  for (const column of ['householdId', 'childId', 'residentNumber'] as const) {
    if (!header.includes(column))
      rowError(1, column, `the header has no ${column} column`, `見出しに${column}の列がありません`);
  }
  const rows: LinkRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((c) => c.trim());
    const value = (column: string) => cells[header.indexOf(column as never)] ?? '';
    rows.push({
      row: i + 2,
      householdId: value('householdId'),
      childId: value('childId'),
      residentNumber: value('residentNumber'),
    });
  });
  if (rows.length === 0) rowError(2, 'childId', 'the file has no rows', 'データ行がありません');
  return rows;
}

/** Each child must be in its household and live in the officer's municipality (read through identity, audited). */
async function checkChildren(
  ctx: UseCaseContext,
  municipalityCode: string,
  rows: LinkRow[],
  rowError: (row: number, field: string, en: string, ja: string) => void,
) {
  const households = new Map<string, HouseholdView | undefined>();
  for (const householdId of new Set(rows.map((r) => r.householdId))) {
    try {
      households.set(
        householdId,
        await getHousehold(ctx, { householdId, purpose: 'link children to resident numbers' }),
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      households.set(householdId, undefined);
    }
  }
  for (const r of rows) {
    const household = households.get(r.householdId);
    if (!household) {
      rowError(
        r.row,
        'householdId',
        'no such household in your municipality',
        'あなたの区市町村にその世帯はありません',
      );
      continue;
    }
    const child = household.children.find((c) => c.id === r.childId);
    if (!child) rowError(r.row, 'childId', 'no such child in this household', 'この世帯にその子どもはいません');
    else if (child.municipalityCode !== municipalityCode) {
      rowError(r.row, 'childId', 'the child lives in another municipality', '子どもは別の区市町村に住んでいます');
    }
  }
}
