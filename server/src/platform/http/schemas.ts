import { Type, type TSchema, type TProperties } from 'typebox';
import { UUID_PATTERN } from '../ids.js';

/**
 * Shared TypeBox building blocks. Every request object rejects unknown fields (additionalProperties: false);
 * every response schema is the presenter (fields not in it are not sent).
 */
export const Strict = <T extends TProperties>(properties: T, options: { description?: string; $id?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Uuid = (options: { description?: string } = {}) => Type.String({ pattern: UUID_PATTERN, ...options });
export const DateTime = () => Type.String({ format: 'date-time' });
export const DateOnly = () => Type.String({ format: 'date' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Phone = () => Type.String({ pattern: '^1[3-9]\\d{9}$', description: '中国大陆手机号 / mainland mobile number' });

export const IdParams = Strict({ id: Uuid() });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable English code, e.g. CAPACITY_FULL' }),
      message: Type.String({ description: '本地化信息 / localised message (zh-CN by default)' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', description: '错误 / error' },
);

/** Standard error responses to spread into a route's `response`: 400, 401, 403, 404, 409, 422, 429. */
export const Errors = {
  400: Type.Ref('ErrorResponse'),
  401: Type.Ref('ErrorResponse'),
  403: Type.Ref('ErrorResponse'),
  404: Type.Ref('ErrorResponse'),
  409: Type.Ref('ErrorResponse'),
  422: Type.Ref('ErrorResponse'),
  429: Type.Ref('ErrorResponse'),
} as const;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const Ok = Type.Object({ ok: Type.Literal(true) });
