import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { inTransaction } from '../../db/database.js';
import type { Ctx } from '../context.js';
import { insertRows } from '../bulk.js';
import { newId } from '../ids.js';
import { announce, listen, parseBusMessage, type BusListener, type BusMessage, type BusSource } from './bus.js';
import { NotificationHub } from './hub.js';
import type { Channel, NewNotification, NotificationListener, NotificationRow, Notifier } from './notifier.js';
import { jsonLinesLog, LogSender, type NotifierLog, type Sender } from './senders.js';

export interface InboxNotifierOptions {
  /** External senders by channel; default: a LogSender for SMS and one for WeChat. */
  senders?: Sender[];
  log?: NotifierLog;
}

interface Pending {
  at: number;
  channels: Channel[];
  rows: Map<string, NotificationRow>;
}

const INSERT_CHUNK = 2000;
// A batch whose transaction rolled back never comes back on the bus; forget it after this long.
const PENDING_TTL_MS = 10 * 60_000;

/**
 * The notifier: inbox rows in the caller's transaction, a NOTIFY on the same transaction, and, once the bus
 * delivers it (that is, after commit), live pushes through the hub and hand-off to the senders.
 * Until start() attaches it to the bus it only writes the inbox (the CLI and the OpenAPI build need no more).
 */
export class InboxNotifier implements Notifier {
  readonly hub = new NotificationHub();
  private readonly origin = randomUUID();
  private readonly senders: Map<Channel, Sender>;
  private readonly log: NotifierLog;
  private readonly pending = new Map<string, Pending>();
  private listener?: BusListener;
  private db?: Database;

  constructor(options: InboxNotifierOptions = {}) {
    this.log = options.log ?? jsonLinesLog('info');
    const senders = options.senders ?? [new LogSender('sms', this.log), new LogSender('wechat', this.log)];
    this.senders = new Map(senders.map((s) => [s.channel, s]));
  }

  /** Attaches to the bus (PostgreSQL LISTEN/NOTIFY); call once at boot, before serving. */
  async start(source: BusSource): Promise<void> {
    if (this.listener) return;
    this.db = source.db;
    this.listener = await listen(source, (payload) => void this.deliver(payload), this.log);
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close();
  }

  subscribe(tenantId: string, userId: string, listener: NotificationListener): () => void {
    return this.hub.subscribe(tenantId, userId, listener);
  }

  async notify(ctx: Ctx, n: NewNotification): Promise<void> {
    return this.notifyMany(ctx, [n]);
  }

  /**
   * Each notification's inbox rows, written together; one bus batch per distinct set of external channels (the
   * senders of a batch are the same for all its rows).
   */
  async notifyMany(ctx: Ctx, notifications: NewNotification[]): Promise<void> {
    const createdAt = ctx.now();
    const batches = new Map<string, { batch: string; channels: Channel[]; rows: NotificationRow[] }>();
    for (const n of notifications) {
      const userIds = [...new Set(n.userIds)];
      if (userIds.length === 0) continue;
      const channels = (n.channels ?? []).filter((c) => this.senders.has(c));
      const key = channels.join(',');
      let b = batches.get(key);
      if (!b) batches.set(key, (b = { batch: randomUUID(), channels, rows: [] }));
      for (const userId of userIds) {
        b.rows.push({ tenantId: ctx.tenantId, id: newId(), userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null, createdAt, readAt: null });
      }
    }
    if (batches.size === 0) return;
    this.sweep();
    // Registered before the write: on autocommit the bus may deliver before this call returns.
    for (const b of batches.values()) {
      if (this.listener && b.channels.length > 0) this.pending.set(b.batch, { at: Date.now(), channels: b.channels, rows: new Map(b.rows.map((r) => [r.id, r])) });
    }
    try {
      await inTransaction(ctx.db, async (db) => {
        await insertRows(db, 'notifications', [...batches.values()].flatMap((b) => b.rows), { chunk: INSERT_CHUNK });
        for (const b of batches.values()) {
          const message: BusMessage = { origin: this.origin, batch: b.batch, tenantId: ctx.tenantId, items: b.rows.map((r) => [r.id, r.userId]) };
          await announce(db, message);
        }
      });
    } catch (error) {
      for (const b of batches.values()) this.pending.delete(b.batch);
      throw error;
    }
  }

  /** A committed batch (or a chunk of it) arrived on the bus. Never throws: it runs outside any request. */
  private async deliver(payload: string): Promise<void> {
    const message = parseBusMessage(payload);
    if (!message) return;
    try {
      const wanted = message.items.filter(([, userId]) => this.hub.has(message.tenantId, userId)).map(([id]) => id);
      if (wanted.length > 0 && this.db) {
        const rows = await this.db.selectFrom('notifications').selectAll().where('tenantId', '=', message.tenantId).where('id', 'in', wanted).orderBy('id').execute();
        for (const row of rows) this.hub.publish(message.tenantId, row, (error) => this.log.warn({ err: error }, 'notification listener failed'));
      }
    } catch (error) {
      this.log.warn({ err: error }, 'notification push failed');
    }
    if (message.origin === this.origin) this.handOff(message);
  }

  private handOff(message: BusMessage): void {
    const pending = this.pending.get(message.batch);
    if (!pending) return;
    for (const [id] of message.items) {
      const row = pending.rows.get(id);
      if (!row) continue;
      pending.rows.delete(id);
      for (const channel of pending.channels) {
        const sender = this.senders.get(channel)!;
        const outbound = { channel, tenantId: row.tenantId, userId: row.userId, notificationId: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link };
        Promise.resolve()
          .then(() => sender.send(outbound))
          .catch((error: unknown) => this.log.warn({ err: error, channel, notificationId: row.id }, 'notification sender failed'));
      }
    }
    if (pending.rows.size === 0) this.pending.delete(message.batch);
  }

  private sweep(): void {
    const cutoff = Date.now() - PENDING_TTL_MS;
    for (const [batch, p] of this.pending) if (p.at < cutoff) this.pending.delete(batch);
  }
}
