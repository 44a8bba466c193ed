import { Type, type Static } from 'typebox';
import { Strict } from '../../platform/http/schemas.js';
import { IMPORT_KINDS } from './import-columns.js';

export const ImportKindSchema = Type.Enum(IMPORT_KINDS, { description: 'regions 行政区划 · organisations 党组织/单位/部门 · people 人员' });

export const ImportKindParams = Strict({ kind: ImportKindSchema });

export const ImportQuery = Strict({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: '仅校验、不写入 / validate only' })),
});
export type ImportQuery = Static<typeof ImportQuery>;

/**
 * The multipart form, for the OpenAPI document and the web client. The file part is streamed by the handler
 * (see imports.routes.ts), so validation sees an empty object.
 */
export const ImportUpload = Type.Object({
  file: Type.Optional(Type.String({ format: 'binary', description: '.xlsx（模板格式）或 UTF-8 编码的 .csv' })),
});

export const ImportResultView = Type.Object({
  kind: ImportKindSchema,
  rows: Type.Integer({ description: '文件中的数据行数' }),
  created: Type.Integer({ description: '写入的记录数（仅校验时为 0）' }),
  dryRun: Type.Boolean(),
});

export const ImportRowError = Type.Object({
  row: Type.Integer({ description: '表格中的行号（表头通常为第 1 行）' }),
  column: Type.Union([Type.String(), Type.Null()], { description: '文件中的列名；整行或整个文件的问题为 null' }),
  code: Type.String({ description: 'REQUIRED, INVALID_FORMAT, TOO_LONG, INVALID_VALUE, DUPLICATE_IN_FILE, ALREADY_EXISTS, NOT_FOUND, PARENT_NOT_FOUND, AMBIGUOUS, INVALID_HIERARCHY, CYCLE, OUT_OF_SCOPE, MISSING_COLUMN, UNKNOWN_COLUMN, DUPLICATE_COLUMN, EXAMPLE_ROW, NO_ROWS…' }),
  message: Type.String(),
});

/** 422 IMPORT_INVALID carries every row's problems; other 422s (e.g. IDEMPOTENCY_MISMATCH) carry no details. */
export const ImportInvalidResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Object({
        errors: Type.Array(ImportRowError),
        errorCount: Type.Integer(),
        truncated: Type.Boolean({ description: '只列出前 1000 处错误' }),
      }),
    ),
  }),
});

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const XlsxFile = {
  description: 'Excel 模板 / .xlsx template',
  content: { [XLSX_MIME]: { schema: Type.String({ format: 'binary' }) } },
};
