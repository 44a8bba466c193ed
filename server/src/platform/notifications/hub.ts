import type { NotificationListener, NotificationRow } from './notifier.js';

/**
 * In-process fan-out from committed notifications to the live streams (SSE) connected to this server.
 * It only sees what this process is told about: with several servers, every server's hub is fed from the
 * shared bus (PostgreSQL LISTEN/NOTIFY, see bus.ts), never directly by the writer.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<NotificationListener>>();

  subscribe(tenantId: string, userId: string, listener: NotificationListener): () => void {
    const key = `${tenantId}:${userId}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  has(tenantId: string, userId: string): boolean {
    return this.listeners.has(`${tenantId}:${userId}`);
  }

  /** Number of connected listeners (all users). */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Calls every listener of the row's recipient; one failing listener does not stop the others. */
  publish(tenantId: string, notification: NotificationRow, onError: (error: unknown) => void = () => {}): void {
    for (const listener of this.listeners.get(`${tenantId}:${notification.userId}`) ?? []) {
      try {
        listener(notification);
      } catch (error) {
        onError(error);
      }
    }
  }
}
