import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '../errors.js';
import { localeOf } from './locale.js';

/** PostgreSQL SQLSTATEs that mean "bad input" rather than a server fault. */
const PG_CODES: Record<string, ErrorCode> = {
  '23505': 'ALREADY_EXISTS', // unique_violation
  '23503': 'CONFLICT', // foreign_key_violation
  '23514': 'CONFLICT', // check_violation
  '22P02': 'VALIDATION', // invalid_text_representation
  '22007': 'VALIDATION', // invalid_datetime_format
  '22008': 'VALIDATION', // datetime_field_overflow
  '22001': 'VALIDATION', // string_data_right_truncation
  '22003': 'VALIDATION', // numeric_value_out_of_range
};

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
};

interface Classified {
  code: ErrorCode;
  message?: { 'zh-CN': string; en: string };
  details?: unknown;
  headers?: Record<string, string>;
}

function classify(error: FastifyError & { validation?: unknown; code?: string }): Classified {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.detailMessage, details: error.details, headers: error.headers };
  }
  if (error.validation) {
    const details = (error.validation as Array<{ instancePath?: string; message?: string; params?: unknown }>).map((v) => ({
      path: `${(error as { validationContext?: string }).validationContext ?? ''}${v.instancePath ?? ''}`,
      message: v.message,
      params: v.params,
    }));
    return { code: 'VALIDATION', details };
  }
  if (error.code && FASTIFY_CODES[error.code]) return { code: FASTIFY_CODES[error.code]! };
  if (error.code && PG_CODES[error.code]) return { code: PG_CODES[error.code]!, details: { constraint: (error as { constraint?: string }).constraint } };
  if (error.statusCode === 429) return { code: 'RATE_LIMITED' };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const byStatus = (Object.entries(ERROR_STATUS) as Array<[ErrorCode, number]>).find(([, s]) => s === error.statusCode);
    return { code: byStatus?.[0] ?? 'VALIDATION' };
  }
  return { code: 'INTERNAL' };
}

/** The one error handler: every failure becomes `{ error: { code, message, details? } }` with the mapped status. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const c = classify(error);
  const status = ERROR_STATUS[c.code];
  if (status >= 500) request.log.error({ err: error }, 'unhandled error');
  const locale = localeOf(request);
  const message = (c.message ?? ERROR_MESSAGES[c.code])[locale];
  if (c.headers) reply.headers(c.headers);
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code: c.code, message, ...(c.details !== undefined && status < 500 ? { details: c.details } : {}) } });
}
