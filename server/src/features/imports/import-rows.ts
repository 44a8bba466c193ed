import { DomainError, ERROR_MESSAGES, type ErrorCode } from '../../platform/errors.js';
import type { ImportKind } from './import-columns.js';

/** One problem in an import file: the spreadsheet row (the header is usually row 1) and the column as headed in the file. */
export interface RowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

/** A data row: its spreadsheet row number and its non-empty cells by column key (trimmed text). */
export interface SheetRow {
  row: number;
  cells: Map<string, string>;
}

export interface ImportSheet {
  kind: ImportKind;
  headerRow: number;
  rows: SheetRow[];
  /** The column's header as written in the file (what the person fixing it sees). */
  header(key: string): string;
}

/** Reports are capped: past this many, the person has a systematic problem and the first ones show it. */
const MAX_REPORTED = 1000;

export class RowErrors {
  readonly list: RowError[] = [];

  constructor(private readonly sheet: Pick<ImportSheet, 'header'>) {}

  add(row: number, key: string | null, code: string, message: string): void {
    this.list.push({ row, column: key ? this.sheet.header(key) : null, code, message });
  }
}

/** Reads a row's cells with the checks every column needs (required, length, format), recording what is wrong. */
export function cellsOf(row: SheetRow, errors: RowErrors) {
  const text = (key: string, options: { required?: boolean; max?: number; label?: string } = {}): string | undefined => {
    const value = row.cells.get(key);
    if (value === undefined) {
      if (options.required) errors.add(row.row, key, 'REQUIRED', `${options.label ?? '该列'}必须填写`);
      return undefined;
    }
    if (options.max && [...value].length > options.max) {
      errors.add(row.row, key, 'TOO_LONG', `不能超过 ${options.max} 个字`);
      return undefined;
    }
    return value;
  };
  /** `secret`: personal numbers are not echoed back in the report. */
  const parsed = <T>(key: string, parse: (raw: string) => T | undefined, message: string, options: { required?: boolean; label?: string; secret?: boolean } = {}): T | undefined => {
    const raw = text(key, options);
    if (raw === undefined) return undefined;
    const value = parse(raw);
    if (value === undefined) errors.add(row.row, key, 'INVALID_FORMAT', options.secret ? `该值${message}` : `「${raw}」${message}`);
    return value;
  };
  return { text, parsed };
}

/** The 422 answer: every problem, sorted by row, nothing written. */
export function importInvalid(errors: RowError[]): DomainError {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((e) => e.row)).size;
  return new DomainError(
    'IMPORT_INVALID',
    { 'zh-CN': `导入文件有 ${sorted.length} 处错误（涉及 ${rows} 行），未导入任何数据`, en: `The file has ${sorted.length} error(s) in ${rows} row(s); nothing was imported` },
    { errors: sorted.slice(0, MAX_REPORTED), errorCount: sorted.length, truncated: sorted.length > MAX_REPORTED },
  );
}

/** PostgreSQL SQLSTATEs a row can trip over while being written (e.g. a phone registered a moment ago by someone else). */
const ROW_SQLSTATES: Record<string, { code: ErrorCode; message: string }> = {
  '23505': { code: 'ALREADY_EXISTS', message: '与已有记录重复（可能刚被他人录入），请检查后重新导入' },
  '23503': { code: 'CONFLICT', message: '引用的记录已不存在（可能刚被删除），请检查后重新导入' },
  '23514': { code: 'VALIDATION', message: '数据不符合约束' },
};

/**
 * Writes one row through a domain verb; a refusal becomes IMPORT_INVALID naming the row, and since it is thrown
 * inside the import's transaction, everything written before it is rolled back.
 */
export async function applyRow<T>(row: number, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof DomainError) {
      throw importInvalid([{ row, column: null, code: error.code, message: (error.detailMessage ?? ERROR_MESSAGES[error.code])['zh-CN'] }]);
    }
    const known = ROW_SQLSTATES[(error as { code?: string }).code ?? ''];
    if (known) throw importInvalid([{ row, column: null, code: known.code, message: known.message }]);
    throw error;
  }
}

/** Splits long IN lists (PostgreSQL caps bind parameters at 65,535). */
export function chunks<T>(items: T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Orders rows so that each comes after the in-file row it hangs under (regions and organisations may name a
 * parent further down the file). Rows in a cycle are reported and left out.
 */
export function parentsFirst<T extends { row: number }>(records: T[], parentInFile: (r: T) => T | undefined, onCycle: (r: T) => void): T[] {
  const IN_CYCLE = -1;
  const UNDER_CYCLE = -2;
  const depth = new Map<T, number>();
  const depthOf = (start: T): number => {
    const chain: T[] = [];
    const onChain = new Set<T>();
    let node: T | undefined = start;
    let base = 0;
    while (node) {
      const known = depth.get(node);
      if (known !== undefined) {
        base = known < 0 ? UNDER_CYCLE : known + 1;
        break;
      }
      if (onChain.has(node)) {
        for (const member of chain.slice(chain.indexOf(node))) depth.set(member, IN_CYCLE);
        base = UNDER_CYCLE;
        break;
      }
      chain.push(node);
      onChain.add(node);
      node = parentInFile(node);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      if (!depth.has(chain[i]!)) depth.set(chain[i]!, base < 0 ? base : base++);
    }
    return depth.get(start)!;
  };
  const ordered: Array<{ r: T; d: number }> = [];
  for (const r of records) {
    const d = depthOf(r);
    if (d === IN_CYCLE) onCycle(r);
    else if (d >= 0) ordered.push({ r, d });
  }
  return ordered.sort((a, b) => a.d - b.d || a.r.row - b.r.row).map((x) => x.r);
}
