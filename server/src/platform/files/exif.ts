import exifr from 'exifr';

/** Where and when a photo says it was taken, kept as evidence beside the upload. */
export interface ExifEvidence {
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
}

const NONE: ExifEvidence = { takenAt: null, lat: null, lng: null };
const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * EXIF times carry no zone unless OffsetTimeOriginal is present; without it the camera's clock is taken to be
 * in the deployment's zone (Asia/Shanghai, +08:00, no daylight saving) rather than the server's TZ.
 */
export function parseExifTime(value: unknown, offset: unknown, defaultOffset: string): Date | null {
  const m = typeof value === 'string' ? EXIF_TIME.exec(value.trim()) : null;
  if (!m) return null;
  const zone = typeof offset === 'string' && OFFSET.test(offset.trim()) ? offset.trim() : defaultOffset;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const coordinate = (value: unknown, limit: number) => (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit ? value : null);

/** Reads EXIF time and GPS from a local file; a file without (readable) EXIF yields nulls, never an error. */
export async function readExifEvidence(path: string, defaultOffset = '+08:00'): Promise<ExifEvidence> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(path, { tiff: true, exif: true, gps: true, xmp: false, icc: false, iptc: false, reviveValues: false });
  } catch {
    return NONE;
  }
  if (!tags) return NONE;
  const takenAt =
    parseExifTime(tags.DateTimeOriginal, tags.OffsetTimeOriginal, defaultOffset) ?? parseExifTime(tags.CreateDate, tags.OffsetTimeDigitized ?? tags.OffsetTime, defaultOffset);
  let lat = coordinate(tags.latitude, 90);
  let lng = coordinate(tags.longitude, 180);
  // Cameras without a fix often write 0/0; that is no location, not the Gulf of Guinea.
  if (lat === null || lng === null || (lat === 0 && lng === 0)) lat = lng = null;
  return { takenAt, lat, lng };
}
