import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { invalid } from '../../platform/errors.js';
import { Errors, IdParams } from '../../platform/http/schemas.js';
import { presentFile } from './files.queries.js';
import { FileContent, FileView, UploadFilesBody, UploadFilesResponse } from './files.schemas.js';
import { getFile } from './get-file.js';
import { openFileContent } from './open-file-content.js';
import { uploadFiles, type IncomingFile } from './upload-files.js';

const tags = ['files'];
const TooLarge = { 413: Type.Ref('ErrorResponse'), 415: Type.Ref('ErrorResponse') };

async function* filesOf(request: FastifyRequest): AsyncIterable<IncomingFile> {
  for await (const part of request.files()) yield { filename: part.filename, stream: part.file };
}

export const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/files',
    {
      schema: { tags, summary: '上传照片/视频 / upload files', consumes: ['multipart/form-data'], body: UploadFilesBody, response: { 201: UploadFilesResponse, ...Errors, ...TooLarge } },
      // The multipart body is streamed by the handler, not parsed up front; the schema above documents it.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw invalid('请以 multipart/form-data 上传文件', 'Send the files as multipart/form-data');
      const rows = await uploadFiles({ ctx: request.ctx, input: { files: filesOf(request) } });
      return reply.code(201).send({ items: rows.map(presentFile) });
    },
  );

  app.get('/files/:id', { schema: { tags, summary: '文件信息 / file metadata', params: IdParams, response: { 200: FileView, ...Errors } } }, async (request) =>
    presentFile(await getFile({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.get(
    '/files/:id/content',
    {
      schema: {
        tags,
        summary: '文件内容 / file bytes',
        params: IdParams,
        response: { 200: FileContent, 206: FileContent, 304: Type.Null({ description: '未修改 / not modified' }), ...Errors },
      },
    },
    async (request, reply) => {
      const { file, range, open } = await openFileContent({ ctx: request.ctx, input: { id: request.params.id, range: request.headers.range } });
      const etag = `"${file.sha256}"`;
      // Content-addressed bytes never change: cache for a year, privately (reads are authorised per user).
      reply
        .header('etag', etag)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('accept-ranges', 'bytes')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline${file.originalName ? `; filename*=UTF-8''${encodeURIComponent(file.originalName)}` : ''}`);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      const size = Number(file.size);
      reply.type(file.mime);
      if (range) {
        reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1);
      } else {
        reply.header('content-length', size);
      }
      return reply.send(await open());
    },
  );
};
