import type { FastifyRequest } from 'fastify';

export type Locale = 'zh-CN' | 'en';

/** zh-CN unless the client asks for English (Accept-Language or ?lang=en). */
export function localeOf(request: FastifyRequest): Locale {
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en') return 'en';
  const header = request.headers['accept-language'] ?? '';
  return /^en\b/i.test(header) ? 'en' : 'zh-CN';
}
