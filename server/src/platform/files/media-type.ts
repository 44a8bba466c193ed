/**
 * What a file really is, read from its first bytes: the client's Content-Type and file name are claims,
 * not evidence. Only the photo and video formats phones produce are accepted.
 */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'video/mp4', 'video/quicktime'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** How many leading bytes sniffMediaType needs. */
export const SNIFF_BYTES = 16;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'M4VP', 'MSNV', 'f4v ', 'mmp4']);
// Classic QuickTime files may start with an atom other than ftyp.
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide', 'pnot']);

const ascii = (head: Uint8Array, from: number, to: number) => (head.length >= to ? Buffer.from(head.subarray(from, to)).toString('latin1') : '');
const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

export function sniffMediaType(head: Uint8Array): MediaType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  const box = ascii(head, 4, 8);
  if (box === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
    if (brand === 'qt  ') return 'video/quicktime';
    if (MP4_BRANDS.has(brand)) return 'video/mp4';
    return undefined;
  }
  if (QUICKTIME_ATOMS.has(box)) return 'video/quicktime';
  return undefined;
}

export const isImage = (mime: string) => mime.startsWith('image/');
