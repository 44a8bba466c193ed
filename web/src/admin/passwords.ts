const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The server's rule: 8–128 characters with at least one letter and one digit. */
export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;

/** A temporary 10-character password without look-alikes (0/O, 1/l/I) that meets the rule. */
export function temporaryPassword(): string {
  for (;;) {
    const password = Array.from(crypto.getRandomValues(new Uint32Array(10)), (n) => ALPHABET[n % ALPHABET.length]).join('');
    if (PASSWORD_RULE.test(password)) return password;
  }
}
