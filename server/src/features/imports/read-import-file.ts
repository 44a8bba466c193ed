import ExcelJS, { type CellValue } from 'exceljs';
import { DomainError, invalid } from '../../platform/errors.js';
import { headerIndex, IMPORT_COLUMNS, MAX_IMPORT_ROWS, normaliseHeader, type ColumnSpec, type ImportKind } from './import-columns.js';
import type { ImportSheet, RowError, SheetRow } from './import-rows.js';
import { decodeCsvText, parseCsv } from './parse-csv.js';

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** The template's data sheet; other workbooks are read from their first sheet. */
export const DATA_SHEET = '导入数据';

/** Columns people commonly add that carry nothing to import. */
const IGNORED_HEADERS = new Set(['序号', '编号', 'no', '#', '备注', '说明', 'remark', 'remarks', 'note', 'notes'].map(normaliseHeader));

interface GridRow {
  row: number;
  cells: string[];
}

/**
 * Reads an uploaded .xlsx or .csv into rows keyed by column, and reports header problems (unknown, duplicated or
 * missing columns) and rows left over from the template's example. Unreadable files are refused outright.
 */
export async function readImportFile({ input }: { input: { kind: ImportKind; file: UploadedFile } }): Promise<{ sheet: ImportSheet; errors: RowError[] }> {
  const { kind, file } = input;
  const grid = (await readGrid(file)).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const specs = IMPORT_COLUMNS[kind];
  const index = headerIndex(kind);
  // The header is the first row naming a known column: title rows above it ("某某社区党员花名册") are skipped.
  const headerAt = Math.max(0, grid.slice(0, 10).findIndex((r) => r.cells.some((c) => index.has(normaliseHeader(c.trim())))));
  const headerLine = grid[headerAt];
  const lines = grid.slice(headerAt + 1);
  if (!headerLine) throw invalid('文件中没有内容', 'The file is empty');
  if (lines.length > MAX_IMPORT_ROWS) throw tooManyRows(lines.length);

  const errors: RowError[] = [];
  const headers = new Map<string, string>();
  const columns: Array<ColumnSpec | undefined> = headerLine.cells.map((raw) => {
    const text = raw.trim();
    if (!text || IGNORED_HEADERS.has(normaliseHeader(text))) return undefined;
    const column = index.get(normaliseHeader(text));
    if (!column) {
      errors.push({ row: headerLine.row, column: text, code: 'UNKNOWN_COLUMN', message: `无法识别的列「${text}」；可用的列：${specs.map((c) => c.header).join('、')}` });
      return undefined;
    }
    if (headers.has(column.key)) {
      errors.push({ row: headerLine.row, column: text, code: 'DUPLICATE_COLUMN', message: `「${text}」与「${headers.get(column.key)}」是同一列` });
      return undefined;
    }
    headers.set(column.key, text);
    return column;
  });
  for (const column of specs) {
    if (column.required && !headers.has(column.key)) {
      errors.push({ row: headerLine.row, column: column.header, code: 'MISSING_COLUMN', message: `缺少必填列「${column.header}」` });
    }
  }

  const rows: SheetRow[] = [];
  for (const line of lines) {
    const cells = new Map<string, string>();
    columns.forEach((column, i) => {
      const value = (line.cells[i] ?? '').trim();
      if (column && value) cells.set(column.key, value);
    });
    if (cells.size === 0) continue;
    if (specs.every((c) => (cells.get(c.key) ?? '') === c.example)) {
      errors.push({ row: line.row, column: null, code: 'EXAMPLE_ROW', message: '这是模板中的示例行，请删除后再导入' });
    }
    rows.push({ row: line.row, cells });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ row: headerLine.row + 1, column: null, code: 'NO_ROWS', message: '表头下没有数据行' });
  }
  const header = (key: string) => headers.get(key) ?? specs.find((c) => c.key === key)?.header ?? key;
  return { sheet: { kind, headerRow: headerLine.row, rows, header }, errors };
}

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);

async function readGrid(file: UploadedFile): Promise<GridRow[]> {
  const { data, fileName } = file;
  if (data.length === 0) throw invalid('文件是空的', 'The file is empty');
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { 'zh-CN': '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传', en: 'Legacy .xls files are not supported; save as .xlsx' });
  }
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(data);
  if (/\.xlsx$/i.test(fileName)) throw invalid('无法读取该 .xlsx 文件：文件已损坏或不是 Excel 文件', 'The .xlsx file is damaged or not an Excel file');
  return parseCsv(decodeCsvText(data)).map((cells, i) => ({ row: i + 1, cells }));
}

async function readXlsx(data: Buffer): Promise<GridRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // Drop-down lists over whole columns would be expanded cell by cell on load; they carry no data.
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0], { ignoreNodes: ['dataValidations', 'conditionalFormatting'] });
  } catch {
    throw invalid('无法读取该 Excel 文件：请确认是 .xlsx 格式且未损坏', 'Cannot read the Excel file: is it a valid .xlsx?');
  }
  const worksheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
  if (!worksheet) throw invalid('文件中没有工作表', 'The workbook has no sheet');
  // A coarse early stop (title rows allowed for); the exact count is checked once the header is found.
  if (worksheet.actualRowCount > MAX_IMPORT_ROWS + 10) throw tooManyRows(worksheet.actualRowCount - 1);
  const grid: GridRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = row.values as CellValue[];
    grid.push({ row: number, cells: Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1])) });
  });
  return grid;
}

/** A cell as the text a person sees in it (formulas by their result, rich text joined, dates as YYYY-MM-DD). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as CellValue);
  if ('error' in value) return value.error;
  return '';
}

const tooManyRows = (n: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', {
    'zh-CN': `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${n} 行，请拆分为多个文件`,
    en: `At most ${MAX_IMPORT_ROWS} rows per import; this file has ${n}. Split it into several files.`,
  });
