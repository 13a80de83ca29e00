// What a password must be (OWASP ASVS level 2): at least 12 characters, not one of the ~49,000
// most common passwords (the list of @zxcvbn-ts/language-common, loaded on first use), not the
// login, and — when changing — not the current one. Each problem names its field.
import type { FieldProblem } from './errors.ts';

export const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | null = null;

async function commonPasswords(): Promise<Set<string>> {
  if (!common) {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    common = new Set((dictionary as Record<string, string[]>)['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common;
}

export async function passwordProblems(password: string, path: string, opts: { login?: string; current?: string } = {}): Promise<FieldProblem[]> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return [{ path, message: `must be at least ${MIN_PASSWORD_LENGTH} characters`, code: 'password_too_short', params: { min: MIN_PASSWORD_LENGTH } }];
  const lower = password.toLowerCase();
  if ((await commonPasswords()).has(lower)) return [{ path, message: 'is one of the most common passwords; choose another', code: 'password_common' }];
  if (opts.login && lower === opts.login.toLowerCase()) return [{ path, message: 'must not be the login', code: 'password_is_login' }];
  if (opts.current !== undefined && password === opts.current) return [{ path, message: 'must differ from the current password', code: 'password_unchanged' }];
  return [];
}
