import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './media-type.js';

const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(8)]);

describe('sniffMediaType', () => {
  it.each([
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['webp', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), 'image/webp'],
    ['heic', ftyp('heic'), 'image/heic'],
    ['heif (mif1)', ftyp('mif1'), 'image/heic'],
    ['mp4', ftyp('isom'), 'video/mp4'],
    ['mp4 (mp42)', ftyp('mp42'), 'video/mp4'],
    ['quicktime', ftyp('qt  '), 'video/quicktime'],
    ['classic quicktime', Buffer.from('\x00\x00\x00\x08wide\x00\x00\x00\x00mdat', 'latin1'), 'video/quicktime'],
  ])('recognises %s by its bytes', (_name, head, mime) => {
    expect(sniffMediaType(head)).toBe(mime);
  });

  it.each([
    ['text', Buffer.from('hello, this is not a photo')],
    ['empty', Buffer.alloc(0)],
    ['pdf', Buffer.from('%PDF-1.7\n')],
    ['gif', Buffer.from('GIF89a\x01\x00', 'latin1')],
    ['avif', ftyp('avif')],
    ['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['truncated jpeg', Buffer.from([0xff, 0xd8])],
    ['riff but not webp', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
  ])('refuses %s', (_name, head) => {
    expect(sniffMediaType(head)).toBeUndefined();
  });
});
