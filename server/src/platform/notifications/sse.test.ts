import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, openEventStream } from './sse.js';

/** Just enough of a ServerResponse to watch what is written. */
function fakeResponse() {
  const res = Object.assign(new EventEmitter(), {
    written: [] as string[],
    status: 0,
    headers: {} as Record<string, string>,
    writableEnded: false,
    destroyed: false,
    writeHead(status: number, headers: Record<string, string>) {
      res.status = status;
      res.headers = headers;
      return res;
    },
    write(chunk: string) {
      res.written.push(chunk);
      return true;
    },
    end() {
      res.writableEnded = true;
      res.emit('close');
      return res;
    },
  });
  return res;
}

describe('openEventStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends SSE headers, events and a heartbeat comment every 25 s', () => {
    const res = fakeResponse();
    const stream = openEventStream(res as unknown as ServerResponse);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toContain('no-cache');
    expect(res.headers['x-accel-buffering']).toBe('no');
    expect(res.written.join('')).toContain('retry: 5000');
    stream.send({ id: 'n1', event: 'notification', data: { title: '第一行\n第二行' } });
    expect(res.written.at(-1)).toBe('id: n1\nevent: notification\ndata: {"title":"第一行\\n第二行"}\n\n');
    res.written.length = 0;
    vi.advanceTimersByTime(HEARTBEAT_MS - 1);
    expect(res.written).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(res.written).toEqual([': heartbeat\n\n']);
    vi.advanceTimersByTime(HEARTBEAT_MS * 2);
    expect(res.written).toHaveLength(3);
    expect(HEARTBEAT_MS).toBe(25_000);
  });

  it('cleans up once when the client goes away: no more heartbeats, onClose runs', () => {
    const res = fakeResponse();
    const stream = openEventStream(res as unknown as ServerResponse, { heartbeatMs: 1000 });
    const closed = vi.fn();
    stream.onClose(closed);
    res.emit('close');
    res.emit('close');
    expect(closed).toHaveBeenCalledTimes(1);
    expect(stream.closed).toBe(true);
    res.written.length = 0;
    vi.advanceTimersByTime(5000);
    stream.send({ data: 1 });
    expect(res.written).toEqual([]);
    const late = vi.fn();
    stream.onClose(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('close() ends the response', () => {
    const res = fakeResponse();
    const stream = openEventStream(res as unknown as ServerResponse);
    const closed = vi.fn();
    stream.onClose(closed);
    stream.close();
    expect(res.writableEnded).toBe(true);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
