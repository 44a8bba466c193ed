import { randomBytes } from 'node:crypto';

/* Test fixtures for uploads: a multipart body builder and tiny files of each accepted kind. */

export interface Part {
  filename?: string;
  type?: string;
  data: Buffer | string;
  /** Form field name; 'files' by default. */
  field?: string;
}

/** A multipart/form-data body for app.inject (test helper). A part without filename is a plain field. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----linli${randomBytes(8).toString('hex')}`;
  const chunks = parts.map((p) => {
    const disposition = `form-data; name="${p.field ?? 'files'}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    return Buffer.concat([Buffer.from(head), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n')]);
  });
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const samples = {
  png: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]),
  webp: () => Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), randomBytes(200)]),
  heic: () => Buffer.concat([Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic', 'latin1'), randomBytes(200)]),
  mp4: () => Buffer.concat([Buffer.from('\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2', 'latin1'), randomBytes(300)]),
  mov: () => Buffer.concat([Buffer.from('\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ', 'latin1'), randomBytes(300)]),
};
