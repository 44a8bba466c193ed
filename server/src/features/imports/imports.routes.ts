import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { invalid } from '../../platform/errors.js';
import { Errors } from '../../platform/http/schemas.js';
import { authorize } from '../../platform/policy.js';
import { buildImportTemplate } from './build-import-template.js';
import { ImportInvalidResponse, ImportKindParams, ImportQuery, ImportResultView, ImportUpload, XLSX_MIME, XlsxFile } from './imports.schemas.js';
import type { UploadedFile } from './read-import-file.js';
import { runImport } from './run-import.js';

const tags = ['imports'];

/** One file part of a multipart upload, buffered up to config.maxUploadBytes (past it @fastify/multipart answers 413). */
async function readUpload(request: FastifyRequest): Promise<UploadedFile> {
  const part = request.isMultipart() ? await request.file() : undefined;
  if (!part) {
    throw invalid('请以 multipart/form-data 上传一个 .xlsx 或 .csv 文件（字段名 file）', 'Upload one .xlsx or .csv file as multipart/form-data (field "file")');
  }
  return { fileName: part.filename, data: await part.toBuffer() };
}

const attachment = (fileName: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/imports/templates/:kind',
    { schema: { tags, summary: '下载导入模板 / download an import template', params: ImportKindParams, response: { 200: XlsxFile, ...Errors } } },
    async (request, reply) => {
      const template = await buildImportTemplate({ ctx: request.ctx, input: { kind: request.params.kind } });
      return reply.type(XLSX_MIME).header('content-disposition', attachment(template.fileName, `${request.params.kind}-template.xlsx`)).send(template.data);
    },
  );

  app.post(
    '/imports/:kind',
    {
      schema: {
        tags,
        summary: '导入 Excel/CSV（全部或不导入）/ import a spreadsheet, all or nothing',
        description: '任何一行有错误时返回 422 IMPORT_INVALID 并逐行列出错误，不写入任何数据；dryRun=true 只校验。',
        params: ImportKindParams,
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        body: ImportUpload,
        response: { 200: ImportResultView, ...Errors, 413: Type.Ref('ErrorResponse'), 415: Type.Ref('ErrorResponse'), 422: ImportInvalidResponse },
      },
      // The file is streamed by the handler, after authorization; validation sees an empty form.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      authorize(request.ctx.actor, 'import.run'); // before buffering an upload of up to maxUploadBytes
      const file = await readUpload(request);
      return runImport({ ctx: request.ctx, input: { kind: request.params.kind, dryRun: request.query.dryRun ?? false, file } });
    },
  );
};
