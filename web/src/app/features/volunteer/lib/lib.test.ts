import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../../api/client.js';
import { IntentKeys, keepsKey } from './action.js';
import { distanceMeters } from './geo.js';
import { parseScanned } from './sitecode.js';
import { fromLocalInput, toLocalInput } from './time.js';

const ITEM = '0190f3a2-7b1c-7d2e-8f00-123456789abc';
const QR = `${ITEM}.29876543.abcdefghijklmnopqrstuv`;

describe('IntentKeys', () => {
  const lost = () => Promise.reject(new TypeError('Failed to fetch'));
  const refused = () => Promise.reject(new ApiFailure(403, { code: 'FORBIDDEN', message: '超出签到范围' }));

  it('keeps the key of an unanswered attempt, so the retry replays instead of acting twice', async () => {
    const keys = new IntentKeys();
    const seen: string[] = [];
    const send = (fail: boolean) => (h: { 'idempotency-key': string }) => (seen.push(h['idempotency-key']), fail ? lost() : Promise.resolve('ok'));
    await expect(keys.run('claim:1', null, send(true))).rejects.toThrow();
    await expect(keys.run('claim:1', null, send(false))).resolves.toBe('ok');
    expect(seen[0]).toBe(seen[1]);
    await keys.run('claim:1', null, send(false)); // answered: the next tap is a new action
    expect(seen[2]).not.toBe(seen[1]);
  });

  it('retires the key on a refusal and uses a new one for another body', async () => {
    const keys = new IntentKeys();
    const seen: string[] = [];
    const body = { code: '123456', lat: 25.6, lng: 100.2 };
    const send = (answer: () => Promise<string>) => (h: { 'idempotency-key': string }) => (seen.push(h['idempotency-key']), answer());
    await expect(keys.run('check-in', body, send(refused))).rejects.toThrow('超出签到范围');
    await expect(keys.run('check-in', body, send(lost))).rejects.toThrow();
    await expect(keys.run('check-in', { ...body, lat: 25.61 }, send(lost))).rejects.toThrow();
    await expect(keys.run('check-in', body, send(() => Promise.resolve('ok')))).resolves.toBe('ok');
    expect(seen[1]).not.toBe(seen[0]); // the refusal retired its key
    expect(seen[2]).not.toBe(seen[1]); // another body, another intent
    expect(seen[3]).toBe(seen[1]); // the lost attempt of the same body is retried with its key
  });

  it('treats gateway and server failures and a request in flight as unanswered', () => {
    expect(keepsKey(new TypeError('Failed to fetch'))).toBe(true);
    expect(keepsKey(new ApiFailure(502, { code: 'INTERNAL', message: 'HTTP 502' }))).toBe(true);
    expect(keepsKey(new ApiFailure(409, { code: 'IDEMPOTENCY_IN_PROGRESS', message: '…' }))).toBe(true);
    expect(keepsKey(new ApiFailure(409, { code: 'ALREADY_EXISTS', message: '…' }))).toBe(false);
  });
});

describe('parseScanned', () => {
  it('reads the raw QR code, the check-in link and a short code; refuses anything else', () => {
    expect(parseScanned(QR)).toEqual({ code: QR, itemId: ITEM });
    expect(parseScanned(`https://linli.example/services/${ITEM}/check-in?code=${encodeURIComponent(QR)}`)).toEqual({ code: QR, itemId: ITEM });
    expect(parseScanned(' 012345 ')).toEqual({ code: '012345', itemId: null });
    expect(parseScanned('https://example.com/')).toBeNull();
    expect(parseScanned('12345')).toBeNull();
  });
});

describe('time and distance', () => {
  it('datetime-local values are Shanghai wall-clock time whatever the device zone', () => {
    const d = fromLocalInput('2026-11-28T19:00')!;
    expect(d.toISOString()).toBe('2026-11-28T11:00:00.000Z');
    expect(toLocalInput(d)).toBe('2026-11-28T19:00');
    expect(fromLocalInput('not a time')).toBeNull();
  });

  it('haversine distance agrees with the server to the metre at site scale', () => {
    expect(Math.round(distanceMeters({ lat: 25.5935, lng: 100.2345 }, { lat: 25.6035, lng: 100.2345 }))).toBe(1112);
  });
});
