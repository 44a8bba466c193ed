import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../service-items/geo.js';
import { DEFAULT_HOURS_SETTINGS, parseHoursSettings, roundServiceMinutes } from './hours.js';
import { RECORD_TRANSITIONS, recordTransition } from './attendance.policy.js';
import { issueSiteCode, verifySiteCode, WINDOW_MS } from './site-code.js';

describe('rounding rule (default ≤15 → 0, 15–45 → 0.5 h, >45 → 1 h on the last started hour)', () => {
  const rule = DEFAULT_HOURS_SETTINGS.rounding;
  it.each([
    [0, 0], [10, 0], [15, 0], [16, 30], [30, 30], [45, 30], [46, 60], [59, 60], [60, 60],
    [61, 60], [75, 60], [76, 90], [105, 90], [106, 120], [125, 120], [480, 480], [500, 510],
  ])('%i actual minutes → %i credited', (actual, credited) => {
    expect(roundServiceMinutes(actual, rule)).toBe(credited);
  });

  it('null rounding keeps exact minutes; a tenant may set its own bounds', () => {
    expect(roundServiceMinutes(47, null)).toBe(47);
    const s = parseHoursSettings({ rounding: { zeroUpTo: 10, halfUpTo: 40 }, dailyCapMinutes: 300 });
    expect(roundServiceMinutes(12, s.rounding)).toBe(30);
    expect(roundServiceMinutes(41, s.rounding)).toBe(60);
    expect(s.dailyCapMinutes).toBe(300);
  });

  it('malformed settings fall back to the defaults', () => {
    expect(parseHoursSettings(undefined)).toEqual(DEFAULT_HOURS_SETTINGS);
    expect(parseHoursSettings({ rounding: { zeroUpTo: 50, halfUpTo: 20 }, dailyCapMinutes: -1, autoCheckoutAfterHours: 'x' })).toEqual(DEFAULT_HOURS_SETTINGS);
    expect(parseHoursSettings({ rounding: null }).rounding).toBeNull();
  });
});

describe('site codes', () => {
  const key = randomBytes(32);
  const item = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  const other = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
  const t = new Date('2026-12-01T09:00:30+08:00');

  it('a code is valid in its window and the next, expired after; the short code likewise', () => {
    const issued = issueSiteCode(key, item, t);
    expect(issued.shortCode).toMatch(/^\d{6}$/);
    expect(issued.expiresAt.getTime() - t.getTime()).toBeLessThanOrEqual(WINDOW_MS);
    expect(verifySiteCode(key, item, issued.code, t)).toBe('ok');
    expect(verifySiteCode(key, item, issued.code, new Date(t.getTime() + WINDOW_MS))).toBe('ok');
    expect(verifySiteCode(key, item, issued.code, new Date(t.getTime() + 2 * WINDOW_MS))).toBe('expired');
    expect(verifySiteCode(key, item, issued.shortCode, new Date(t.getTime() + WINDOW_MS))).toBe('ok');
    expect(verifySiteCode(key, item, issued.shortCode, new Date(t.getTime() + 3 * WINDOW_MS))).toBe('invalid');
  });

  it('refuses forged, tampered, future, other-key and other-item codes', () => {
    const issued = issueSiteCode(key, item, t);
    const [id, w, sig] = issued.code.split('.') as [string, string, string];
    expect(verifySiteCode(key, item, `${id}.${w}.${'A'.repeat(22)}`, t)).toBe('invalid');
    expect(verifySiteCode(key, item, `${id}.${Number(w) + 1}.${sig}`, t)).toBe('invalid');
    expect(verifySiteCode(key, item, issueSiteCode(key, item, new Date(t.getTime() + 5 * WINDOW_MS)).code, t)).toBe('invalid');
    expect(verifySiteCode(randomBytes(32), item, issued.code, t)).toBe('invalid');
    expect(verifySiteCode(key, other, issued.code, t)).toBe('other_item');
    expect(verifySiteCode(key, item, 'hello world', t)).toBe('invalid');
    expect(verifySiteCode(key, other, issued.shortCode, t) === 'ok').toBe(issueSiteCode(key, other, t).shortCode === issued.shortCode);
  });
});

describe('haversine', () => {
  it('matches known distances', () => {
    expect(haversineMeters(25.6935, 100.1636, 25.6935, 100.1636)).toBe(0);
    // one thousandth of a degree of latitude ≈ 111.2 m
    expect(haversineMeters(25.6935, 100.1636, 25.6945, 100.1636)).toBeCloseTo(111.2, 0);
    // Beijing Tian'anmen → Shanghai People's Square ≈ 1,067 km
    expect(haversineMeters(39.9087, 116.3975, 31.2304, 121.4737) / 1000).toBeCloseTo(1067, -1);
  });
});

describe('the record state machine', () => {
  it('allows exactly the transitions in the table', () => {
    const statuses = ['open', 'pending', 'approved', 'declined'] as const;
    for (const [action, t] of Object.entries(RECORD_TRANSITIONS) as Array<[keyof typeof RECORD_TRANSITIONS, (typeof RECORD_TRANSITIONS)[keyof typeof RECORD_TRANSITIONS]]>) {
      for (const s of statuses) {
        if ((t.from as readonly string[]).includes(s)) expect(recordTransition(action, s)).toBe(t.to);
        else expect(() => recordTransition(action, s)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
      }
    }
  });
});
