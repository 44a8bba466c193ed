import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExifTime, readExifEvidence } from './exif.js';
import { jpegWithExif } from './jpeg-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'linli-exif-'));
const write = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('readExifEvidence', () => {
  it('reads GPS and the original time with its offset from a JPEG', async () => {
    const path = write('a.jpg', jpegWithExif({ takenAt: '2026:11:20 09:30:15', offset: '+08:00', lat: 25.6065, lng: 100.2676 }));
    const e = await readExifEvidence(path);
    expect(e.takenAt?.toISOString()).toBe('2026-11-20T01:30:15.000Z');
    expect(e.lat).toBeCloseTo(25.6065, 5);
    expect(e.lng).toBeCloseTo(100.2676, 5);
  });

  it('takes a time without offset in the deployment zone, whatever the server TZ; southern/western GPS is negative', async () => {
    const e = await readExifEvidence(write('b.jpg', jpegWithExif({ takenAt: '2026:01:02 08:00:00', lat: -33.5, lng: -70.25 })), '+08:00');
    expect(e.takenAt?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(e).toMatchObject({ lat: -33.5, lng: -70.25 });
  });

  it('yields nulls for a file without EXIF, a 0/0 fix, or bytes that are not an image', async () => {
    expect(await readExifEvidence(write('c.jpg', jpegWithExif({})))).toEqual({ takenAt: null, lat: null, lng: null });
    expect(await readExifEvidence(write('d.jpg', jpegWithExif({ lat: 0, lng: 0 })))).toEqual({ takenAt: null, lat: null, lng: null });
    expect(await readExifEvidence(write('e.bin', Buffer.from('not an image at all')))).toEqual({ takenAt: null, lat: null, lng: null });
  });

  it('parses EXIF time strings strictly', () => {
    expect(parseExifTime('2026:11:20 09:30:15', '-05:00', '+08:00')?.toISOString()).toBe('2026-11-20T14:30:15.000Z');
    expect(parseExifTime('2026:11:20 09:30:15', 'garbage', '+08:00')?.toISOString()).toBe('2026-11-20T01:30:15.000Z');
    expect(parseExifTime('0000:00:00 00:00:00', undefined, '+08:00')).toBeNull();
    expect(parseExifTime('yesterday', undefined, '+08:00')).toBeNull();
    expect(parseExifTime(12345, undefined, '+08:00')).toBeNull();
  });
});
