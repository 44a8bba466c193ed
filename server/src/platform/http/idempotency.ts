import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { actorKey: string; key: string };
  }
}

const HEADER = 'idempotency-key';

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

function requestHash(request: FastifyRequest): string {
  // Multipart bodies are streamed by the handler; their length stands in for their content (files are content-addressed anyway).
  const body = request.isMultipart() ? `multipart:${request.headers['content-length'] ?? ''}` : stableJson(request.body ?? null);
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}

/**
 * Every POST honours Idempotency-Key, stored per tenant and actor: the first request reserves the key
 * (a pending row), its response is stored; a retry with the same body gets the stored response, with another
 * body a 422, and while the first is still running a 409. 5xx responses release the key so a retry can run.
 */
export function installIdempotency(app: FastifyInstance, ttlHours: number) {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.ctx?.tenantId) return;
    if (key.length < 8 || key.length > 200) {
      throw new DomainError('VALIDATION', { 'zh-CN': 'Idempotency-Key 长度应为 8–200 个字符', en: 'Idempotency-Key must be 8–200 characters' });
    }
    const { db, tenantId, actor, now } = request.ctx;
    const actorKey = actor ? actor.userId : `anon:${request.ip}`;
    const hash = requestHash(request);
    const at = now();
    const expiresAt = new Date(at.getTime() + ttlHours * 3600_000);
    await db.deleteFrom('idempotencyKeys').where('tenantId', '=', tenantId).where('actorKey', '=', actorKey).where('key', '=', key).where('expiresAt', '<=', at).execute();
    const reserved = await db
      .insertInto('idempotencyKeys')
      .values({ tenantId, actorKey, key, method: request.method, path: request.url, requestHash: hash, expiresAt })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (reserved) {
      request.idempotency = { actorKey, key };
      return;
    }
    const existing = await db
      .selectFrom('idempotencyKeys')
      .select(['requestHash', 'statusCode', 'response'])
      .where('tenantId', '=', tenantId)
      .where('actorKey', '=', actorKey)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!existing) throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
    if (existing.requestHash !== hash) throw new DomainError('IDEMPOTENCY_MISMATCH');
    if (existing.statusCode === null) throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
    return reply.code(existing.statusCode).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(existing.response);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const reservation = request.idempotency;
    if (!reservation) return payload;
    request.idempotency = undefined;
    const { db, tenantId } = request.ctx;
    const where = db
      .updateTable('idempotencyKeys')
      .where('tenantId', '=', tenantId)
      .where('actorKey', '=', reservation.actorKey)
      .where('key', '=', reservation.key);
    if (reply.statusCode >= 500) {
      await db.deleteFrom('idempotencyKeys').where('tenantId', '=', tenantId).where('actorKey', '=', reservation.actorKey).where('key', '=', reservation.key).execute();
      return payload;
    }
    let stored: unknown = null;
    if (typeof payload === 'string' && payload.length > 0) {
      try {
        stored = JSON.parse(payload);
      } catch {
        stored = payload;
      }
    }
    await where.set({ statusCode: reply.statusCode, response: JSON.stringify(stored) }).execute();
    return payload;
  });
}
