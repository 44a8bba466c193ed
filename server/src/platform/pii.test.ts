import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { isValidIdCard, loadVault, maskIdCard, maskPhone, PiiVault } from './pii.js';

describe('PII', () => {
  it('masks phones and ID cards', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskIdCard('53290119900101123X')).toBe('5329**********123X');
  });

  it('validates the ID-card check digit', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(isValidIdCard('1101051949')).toBe(false);
  });

  it('encrypts with AES-256-GCM: random IV, tamper-evident, keyed digest', () => {
    const vault = new PiiVault(randomBytes(32));
    const a = vault.encrypt('11010519491231002X');
    const b = vault.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101051949');
    expect(vault.decrypt(a)).toBe('11010519491231002X');
    const tampered = Buffer.from(a, 'base64');
    tampered[tampered.length - 1]! ^= 1;
    expect(() => vault.decrypt(tampered.toString('base64'))).toThrow();
    expect(vault.digest('x')).toBe(vault.digest('x'));
    expect(new PiiVault(randomBytes(32)).digest('x')).not.toBe(vault.digest('x'));
  });

  it('the embedded default creates a key file with mode 0600 and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-key-'));
    const config = loadConfig({ LINLI_DATA_DIR: dir });
    const first = loadVault(config);
    expect(statSync(join(dir, 'linli.key')).mode & 0o777).toBe(0o600);
    expect(loadVault(config).decrypt(first.encrypt('secret'))).toBe('secret');
  });
});
