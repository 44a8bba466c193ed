/**
 * The one vocabulary of domain errors. Domain code throws DomainError; the single error handler in app.ts
 * maps codes to HTTP statuses and localised messages. Domain code never knows about HTTP.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  CAPACITY_FULL: 409,
  ALREADY_EXISTS: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_MISMATCH: 422,
  IMPORT_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_MESSAGES: Record<ErrorCode, { 'zh-CN': string; en: string }> = {
  VALIDATION: { 'zh-CN': '请求参数不正确', en: 'The request is invalid' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please log in' },
  FORBIDDEN: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { 'zh-CN': '记录不存在或无权查看', en: 'Not found' },
  CONFLICT: { 'zh-CN': '操作与当前状态冲突', en: 'The request conflicts with the current state' },
  INVALID_TRANSITION: { 'zh-CN': '当前状态下不能执行该操作', en: 'This action is not allowed in the current state' },
  CAPACITY_FULL: { 'zh-CN': '该服务名额已满', en: 'No places left' },
  ALREADY_EXISTS: { 'zh-CN': '记录已存在', en: 'Already exists' },
  IDEMPOTENCY_IN_PROGRESS: { 'zh-CN': '相同请求正在处理中，请稍后重试', en: 'The same request is still being processed' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的文件或内容类型', en: 'Unsupported media type' },
  IDEMPOTENCY_MISMATCH: { 'zh-CN': '幂等键已用于不同的请求内容', en: 'The Idempotency-Key was used with a different request' },
  IMPORT_INVALID: { 'zh-CN': '导入文件有错误，未导入任何数据', en: 'The import file has errors; nothing was imported' },
  RATE_LIMITED: { 'zh-CN': '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Optional specific message; when absent the localised default for the code is used. */
    readonly detailMessage?: { 'zh-CN': string; en: string },
    readonly details?: unknown,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(detailMessage?.en ?? ERROR_MESSAGES[code].en);
    this.name = 'DomainError';
  }
}

export const notFound = (what?: string) =>
  new DomainError('NOT_FOUND', what ? { 'zh-CN': `${what}不存在或无权查看`, en: `${what} not found` } : undefined);
export const forbidden = () => new DomainError('FORBIDDEN');
export const conflict = (zh: string, en: string, details?: unknown) => new DomainError('CONFLICT', { 'zh-CN': zh, en }, details);
export const invalid = (zh: string, en: string, details?: unknown) => new DomainError('VALIDATION', { 'zh-CN': zh, en }, details);
