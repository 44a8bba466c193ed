import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/database.js';
import type { NotifierLog } from './senders.js';

/**
 * The shared bus between the writers of notifications and every server's live streams: PostgreSQL
 * LISTEN/NOTIFY, on PGlite and on a PostgreSQL server alike. NOTIFY is transactional: PostgreSQL delivers it
 * only when the writing transaction commits (never on rollback), which is exactly "push after commit"; and
 * every server LISTENing on the database receives it, which is what several servers behind a balancer need.
 * Payloads stay under PostgreSQL's 8000-byte limit by carrying ids only, in chunks.
 */
export const CHANNEL = 'linli_notifications';

export interface BusMessage {
  /** The notifier instance that wrote the batch (it alone runs the external senders). */
  origin: string;
  batch: string;
  tenantId: string;
  /** [notificationId, userId] pairs. */
  items: Array<[string, string]>;
}

const CHUNK = 80; // 80 × ~78 bytes per pair ≈ 6.3 kB

/** Queues the messages on the caller's transaction; they are delivered when (if) it commits. */
export async function announce(db: Database, message: BusMessage): Promise<void> {
  for (let i = 0; i < message.items.length; i += CHUNK) {
    const payload = JSON.stringify({ ...message, items: message.items.slice(i, i + CHUNK) });
    await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(db);
  }
}

export function parseBusMessage(payload: string): BusMessage | undefined {
  try {
    const m = JSON.parse(payload) as BusMessage;
    return typeof m.tenantId === 'string' && Array.isArray(m.items) ? m : undefined;
  } catch {
    return undefined;
  }
}

export interface BusListener {
  close(): Promise<void>;
}

/** Where the bus is: the embedded PGlite instance, or a PostgreSQL URL (a dedicated LISTEN connection). */
export interface BusSource {
  db: Database;
  pglite?: PGlite;
  databaseUrl?: string;
}

/**
 * Listens on the bus. On PGlite the listener shares the single in-process connection; start it before any
 * transaction runs (at boot), since LISTEN inside someone else's open transaction would share its fate.
 */
export async function listen(source: BusSource, onMessage: (payload: string) => void, log: NotifierLog): Promise<BusListener> {
  if (source.pglite) {
    const unlisten = await source.pglite.listen(CHANNEL, onMessage);
    return { close: () => unlisten().catch(() => undefined) };
  }
  if (source.databaseUrl) return listenPostgres(source.databaseUrl, onMessage, log);
  throw new Error('notification bus: neither a PGlite instance nor a PostgreSQL URL was given');
}

/**
 * A dedicated connection running LISTEN, reconnecting after a second when it drops. Pushes sent while it is
 * down are not replayed here; clients catch up from the inbox (the SSE route replays after Last-Event-ID).
 */
async function listenPostgres(url: string, onMessage: (payload: string) => void, log: NotifierLog): Promise<BusListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === CHANNEL && m.payload) onMessage(m.payload);
    });
    const lost = (error?: unknown) => {
      if (closed || client !== c) return;
      log.warn({ err: error }, 'notification bus: LISTEN connection lost, reconnecting');
      client = undefined;
      c.end().catch(() => undefined);
      reconnect();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    client = c;
  };
  const reconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error) => {
        log.warn({ err: error }, 'notification bus: reconnect failed');
        reconnect();
      });
    }, 1000);
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
