import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes), OWASP's recommended minimum.
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: 2 });

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A password handed to a person once (first, reset, demo on a network): 16 letters and digits, easy to type. */
export const generatePassword = (): string => randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
