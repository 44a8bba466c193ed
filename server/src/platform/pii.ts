import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeKey, type Config } from '../config.js';

/** 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 5329**********1234 */
export function maskIdCard(idCard: string): string {
  return idCard.length >= 8 ? `${idCard.slice(0, 4)}${'*'.repeat(idCard.length - 8)}${idCard.slice(-4)}` : '****';
}

/** Mainland resident ID: 18 characters with the ISO 7064 MOD 11-2 check digit. */
export function isValidIdCard(idCard: string): boolean {
  if (!/^\d{17}[\dX]$/.test(idCard)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(idCard[i]), 0);
  return '10X98765432'[sum % 11] === idCard[17];
}

/**
 * AES-256-GCM for ID-card numbers at rest. Stored as base64(iv | tag | ciphertext); a keyed HMAC digest allows
 * exact-match lookup and uniqueness without decrypting.
 */
export class PiiVault {
  constructor(private readonly key: Buffer) {}

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string): string {
    const buf = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  }

  digest(plain: string): string {
    return createHmac('sha256', this.key).update(`idcard:${plain}`).digest('hex');
  }
}

/** The key from config, or (embedded default) a key file under the data directory created with mode 0600. */
export function loadVault(config: Config): PiiVault {
  if (config.encryptionKey) return new PiiVault(decodeKey(config.encryptionKey)!);
  const file = join(config.dataDir, 'linli.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new PiiVault(decodeKey(readFileSync(file, 'utf8').trim())!);
}
