import ExcelJS, { type DataValidation } from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { IMPORT_COLUMNS, IMPORT_KIND_NAMES, MAX_IMPORT_ROWS, type ImportKind } from './import-columns.js';
import { DATA_SHEET } from './read-import-file.js';

const PARTY_RED = 'FFC8161D';
const HEADER_FILL = 'FFF5E6E6';

/** ExcelJS keeps data validations in a model its typings do not declare; ranges like "B2:B20001" are written as one rule. */
interface WithDataValidations {
  dataValidations: { add(range: string, validation: DataValidation): void };
}

/**
 * The .xlsx template of an import: a data sheet with the Chinese headers (required ones in red), one example row
 * to overwrite, text format on code and ID columns, drop-downs for the fixed choices, and a sheet explaining
 * every column.
 */
export async function buildImportTemplate({ ctx, input }: { ctx: Ctx; input: { kind: ImportKind } }): Promise<{ fileName: string; data: Buffer }> {
  authorize(ctx.actor, 'import.run');
  const columns = IMPORT_COLUMNS[input.kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Linli 邻里';
  workbook.created = ctx.now();

  const data = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, [...c.header].length * 2 + 4), style: c.text ? { numFmt: '@' } : {} }));
  const header = data.getRow(1);
  header.height = 22;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? PARTY_RED : 'FF333333' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: 'middle' };
    cell.note = `${c.required ? '必填。' : '选填。'}${c.note}`;
  });
  const example = data.addRow(columns.map((c) => c.example));
  example.font = { italic: true, color: { argb: 'FF888888' } };
  columns.forEach((c, i) => {
    if (!c.choices) return;
    const letter = data.getColumn(i + 1).letter;
    (data as unknown as WithDataValidations).dataValidations.add(`${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${c.choices.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请从下拉列表中选择：${c.choices.join('、')}`,
    });
  });

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 30 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'note', width: 80 },
    { header: '示例', key: 'example', width: 22 },
    { header: '也可用的列名', key: 'aliases', width: 36 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    help.addRow({ header: c.header, required: c.required ? '必填' : '选填', note: c.note, example: c.example, aliases: c.aliases.join('、') });
  }
  help.addRow([]);
  for (const line of [
    `第 1 行是表头，请勿改动；第 2 行是示例，请用真实数据覆盖或删除。红色列名为必填列。`,
    `一个文件最多 ${MAX_IMPORT_ROWS} 行；也可上传 UTF-8 编码的 CSV 文件（表头相同）。`,
    '导入是“全部或不导入”：任何一行有错误，都不会导入任何数据，并逐行列出错误（行号即本表中的行号）。',
    '可先“仅校验”（dryRun=true）检查文件，无误后再正式导入。',
  ]) {
    help.addRow([line]).font = { color: { argb: 'FF555555' } };
  }
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${IMPORT_KIND_NAMES[input.kind]}导入模板.xlsx`, data: buffer };
}
