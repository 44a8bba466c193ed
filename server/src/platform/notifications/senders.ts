import type { Channel } from './notifier.js';

/** What an external sender receives: one recipient, one message. */
export interface OutboundMessage {
  channel: Channel;
  tenantId: string;
  userId: string;
  notificationId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
}

/**
 * An external channel (SMS gateway, WeChat template message…). Senders run after commit, outside any
 * request; a sender that fails or throws is logged and never fails the write. A real SMS sender resolves
 * the recipient's phone itself (an audited PII read), so phones never travel through the notifier.
 */
export interface Sender {
  readonly channel: Channel;
  send(message: OutboundMessage): Promise<void>;
}

/** The logger shape the notifier needs (pino's and Fastify's loggers fit it). */
export interface NotifierLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** JSON lines on stdout in pino's format, for use before (and outside) the Fastify logger; 'silent' drops all. */
export function jsonLinesLog(level: string): NotifierLog {
  const min = LEVELS[level] ?? Number.POSITIVE_INFINITY;
  const write = (n: number) => (obj: object, msg: string) => {
    if (n >= min) process.stdout.write(`${JSON.stringify({ level: n, time: Date.now(), ...serialise(obj), msg })}\n`);
  };
  return { info: write(30), warn: write(40) };
}

const serialise = (obj: object) =>
  Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, v instanceof Error ? { type: v.name, message: v.message, stack: v.stack } : v]));

/** The default sender of every channel: writes the message to the log instead of sending it. */
export class LogSender implements Sender {
  constructor(
    readonly channel: Channel,
    private readonly log: NotifierLog,
  ) {}

  async send(m: OutboundMessage): Promise<void> {
    this.log.info({ channel: m.channel, tenantId: m.tenantId, userId: m.userId, notificationId: m.notificationId, kind: m.kind, title: m.title, body: m.body }, `notification via ${m.channel} (log sender)`);
  }
}
