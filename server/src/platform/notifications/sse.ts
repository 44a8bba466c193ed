import type { ServerResponse } from 'node:http';

export const HEARTBEAT_MS = 25_000;

export interface EventStream {
  send(event: { id?: string; event?: string; data: unknown }): void;
  close(): void;
  readonly closed: boolean;
  /** Called once when the stream ends, whoever ended it (client gone, server closing). */
  onClose(fn: () => void): void;
}

/**
 * Server-Sent Events on a raw response: headers that keep proxies from buffering, a comment line every
 * 25 s so idle connections are not cut (and dead ones are noticed), and cleanup when either side leaves.
 */
export function openEventStream(res: ServerResponse, options: { heartbeatMs?: number; retryMs?: number } = {}): EventStream {
  const closers: Array<() => void> = [];
  let closed = false;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${options.retryMs ?? 5000}\n: connected\n\n`);
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);

  function write(text: string) {
    if (!closed && !res.writableEnded && !res.destroyed) res.write(text);
  }
  function cleanup() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    // A client that left half-closes the socket; ending our side lets the server release it.
    if (!res.writableEnded) res.end();
    for (const fn of closers.splice(0)) fn();
  }
  res.on('close', cleanup);
  res.on('error', cleanup);

  return {
    send({ id, event, data }) {
      write(`${id ? `id: ${id}\n` : ''}${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    },
    close: cleanup,
    get closed() {
      return closed;
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
  };
}
