import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import type { ImportKind } from './import-columns.js';
import { applyOrganisationImport, planOrganisationImport } from './import-organisations.js';
import { applyPeopleImport, planPeopleImport, preparePeopleImport } from './import-people.js';
import { applyRegionImport, planRegionImport } from './import-regions.js';
import { importInvalid, type ImportSheet, type RowError } from './import-rows.js';
import { readImportFile, type UploadedFile } from './read-import-file.js';

export interface RunImportInput {
  kind: ImportKind;
  dryRun: boolean;
  file: UploadedFile;
}

export interface ImportResult {
  kind: ImportKind;
  /** Data rows read from the file. */
  rows: number;
  /** Records written (0 on a dry run). */
  created: number;
  dryRun: boolean;
}

interface Importer<R> {
  plan(args: { ctx: Ctx; input: ImportSheet }): Promise<{ errors: RowError[]; records: R[] }>;
  /** Work done once per import before the transaction opens (e.g. hashing passwords). */
  prepare?(args: { input: R[] }): Promise<R[]>;
  apply(args: { ctx: Ctx; input: R[] }): Promise<number>;
}

/**
 * Imports a spreadsheet of regions, organisations or people: all or nothing. Every row is validated first and
 * every problem reported (IMPORT_INVALID, 422); only a clean file is written, in one transaction, through the
 * domain verbs, so each record gets its own scope check and audit entry. A row refused while writing (say, a
 * phone registered a moment earlier) rolls the whole import back and is reported by its row number.
 */
export async function runImport({ ctx, input }: { ctx: Ctx; input: RunImportInput }): Promise<ImportResult> {
  authorize(ctx.actor, 'import.run');
  switch (input.kind) {
    case 'regions':
      return run(ctx, input, { plan: planRegionImport, apply: applyRegionImport });
    case 'organisations':
      return run(ctx, input, { plan: planOrganisationImport, apply: applyOrganisationImport });
    case 'people':
      return run(ctx, input, { plan: planPeopleImport, prepare: preparePeopleImport, apply: applyPeopleImport });
  }
}

async function run<R>(ctx: Ctx, input: RunImportInput, importer: Importer<R>): Promise<ImportResult> {
  const { kind, dryRun, file } = input;
  const { sheet, errors: fileErrors } = await readImportFile({ input: { kind, file } });
  // With the header wrong every row would repeat the same complaint: report the header alone.
  if (fileErrors.some((e) => e.row === sheet.headerRow)) throw importInvalid(fileErrors);
  const plan = await importer.plan({ ctx, input: sheet });
  const errors = [...fileErrors, ...plan.errors];
  if (errors.length > 0) throw importInvalid(errors);
  const rows = sheet.rows.length;
  if (dryRun) return { kind, rows, created: 0, dryRun };

  const records = importer.prepare ? await importer.prepare({ input: plan.records }) : plan.records;
  const created = await withTransaction(ctx, async (tx) => {
    const count = await importer.apply({ ctx: tx, input: records });
    await audit(tx, { action: 'import.completed', targetType: 'import', after: { kind, fileName: file.fileName, rows, created: count } });
    return count;
  });
  return { kind, rows, created, dryRun };
}
