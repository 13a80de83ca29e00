// JSON columns are stored as text so that one schema serves SQLite and PostgreSQL.
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * JSON text kept as UTF-8 bytes of its own (not a slice of Node's shared 8 KB pool, which a
 * long-lived small Buffer would pin whole): for parts of answers kept between requests.
 */
export function utf8Owned(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/**
 * An answer assembled from its parts as one Buffer, strings written as UTF-8. A read answer of
 * 20 challenges is ~46 KB of mostly Chinese text: joined as a JS string it was copied into a
 * two-byte string, measured, then encoded again on the socket — most of the board's garbage.
 */
export function joinUtf8(parts: ReadonlyArray<Uint8Array | string>): Buffer {
  let size = 0;
  for (const p of parts) size += typeof p === 'string' ? Buffer.byteLength(p) : p.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'string') at += out.write(p, at);
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}
