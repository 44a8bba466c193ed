/**
 * Test helper: builds a small but well-formed JPEG carrying an APP1 Exif segment with DateTimeOriginal,
 * OffsetTimeOriginal and GPS, so EXIF extraction is tested on real bytes without binary fixtures.
 */
export interface ExifFixture {
  takenAt?: string; // 'YYYY:MM:DD HH:MM:SS'
  offset?: string; // '+08:00'
  lat?: number;
  lng?: number;
}

type Entry = { tag: number; type: 'ascii' | 'long' | 'rational'; value: string | number | number[][] };
const TYPE = { ascii: 2, long: 4, rational: 5 } as const;

const dms = (deg: number): number[][] => {
  const abs = Math.abs(deg);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10000);
  return [[d, 1], [m, 1], [s, 10000]];
};

/** Big-endian TIFF with IFD0 → Exif IFD and GPS IFD. */
function tiff(fixture: ExifFixture): Buffer {
  const exif: Entry[] = [];
  if (fixture.takenAt) exif.push({ tag: 0x9003, type: 'ascii', value: fixture.takenAt });
  if (fixture.offset) exif.push({ tag: 0x9011, type: 'ascii', value: fixture.offset });
  const gps: Entry[] = [];
  if (fixture.lat !== undefined && fixture.lng !== undefined) {
    gps.push({ tag: 0x0001, type: 'ascii', value: fixture.lat >= 0 ? 'N' : 'S' });
    gps.push({ tag: 0x0002, type: 'rational', value: dms(fixture.lat) });
    gps.push({ tag: 0x0003, type: 'ascii', value: fixture.lng >= 0 ? 'E' : 'W' });
    gps.push({ tag: 0x0004, type: 'rational', value: dms(fixture.lng) });
  }
  const ifdSize = (entries: Entry[]) => 2 + entries.length * 12 + 4;
  const dataSize = (e: Entry) => (e.type === 'ascii' ? (e.value as string).length + 1 : e.type === 'rational' ? (e.value as number[][]).length * 8 : 4);
  const extra = (entries: Entry[]) => entries.reduce((n, e) => n + (dataSize(e) > 4 ? dataSize(e) + (dataSize(e) % 2) : 0), 0);

  const ifd0: Entry[] = [
    { tag: 0x8769, type: 'long', value: 0 },
    { tag: 0x8825, type: 'long', value: 0 },
  ];
  const ifd0At = 8;
  const exifAt = ifd0At + ifdSize(ifd0);
  const gpsAt = exifAt + ifdSize(exif) + extra(exif);
  ifd0[0]!.value = exifAt;
  ifd0[1]!.value = gpsAt;
  const buf = Buffer.alloc(gpsAt + ifdSize(gps) + extra(gps));
  buf.write('MM', 0, 'latin1');
  buf.writeUInt16BE(42, 2);
  buf.writeUInt32BE(ifd0At, 4);

  const writeIfd = (at: number, entries: Entry[]) => {
    buf.writeUInt16BE(entries.length, at);
    let data = at + ifdSize(entries);
    entries.forEach((e, i) => {
      const p = at + 2 + i * 12;
      const size = dataSize(e);
      const count = e.type === 'ascii' ? size : e.type === 'rational' ? (e.value as number[][]).length : 1;
      buf.writeUInt16BE(e.tag, p);
      buf.writeUInt16BE(TYPE[e.type], p + 2);
      buf.writeUInt32BE(count, p + 4);
      const target = size > 4 ? data : p + 8;
      if (size > 4) {
        buf.writeUInt32BE(data, p + 8);
        data += size + (size % 2);
      }
      if (e.type === 'ascii') buf.write(`${e.value as string}\0`, target, 'latin1');
      else if (e.type === 'long') buf.writeUInt32BE(e.value as number, target);
      else (e.value as number[][]).forEach(([n, d], k) => (buf.writeUInt32BE(n!, target + k * 8), buf.writeUInt32BE(d!, target + k * 8 + 4)));
    });
    buf.writeUInt32BE(0, at + 2 + entries.length * 12);
  };
  writeIfd(ifd0At, ifd0);
  writeIfd(exifAt, exif);
  writeIfd(gpsAt, gps);
  return buf;
}

const segment = (marker: number, payload: Buffer) => {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
};

/** SOI, APP1 Exif, a 1×1 grey baseline frame, EOI. */
export function jpegWithExif(fixture: ExifFixture = {}): Buffer {
  const app1 = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff(fixture)]));
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
  const sof0 = segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
  // DC table with one code of length 1 (category 0); AC table with one code of length 1 (EOB).
  const dhtDc = segment(0xc4, Buffer.from([0x00, 1, ...Array(15).fill(0), 0x00]));
  const dhtAc = segment(0xc4, Buffer.from([0x10, 1, ...Array(15).fill(0), 0x00]));
  const sos = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  const scan = Buffer.from([0x3f]); // DC diff 0, EOB, padded with 1s
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, dqt, sof0, dhtDc, dhtAc, sos, scan, Buffer.from([0xff, 0xd9])]);
}
