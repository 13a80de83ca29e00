import { dirname, join } from 'node:path';

// Configuration is read once from the environment and validated here; a bad value stops
// start-up with a message naming the variable (see ConfigError).

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  adminLogin: string;
  adminPassword?: string;
  demo: boolean;
  redisUrl?: string;
  publicUrl: string;
  logLevel: string;
  /** Seconds between scheduler ticks (recurring jobs: closing at deadlines, sealing the audit chain, purges). 0: none. */
  schedulerInterval: number;
  /** Whether this instance runs background jobs at all (notifications, scheduled work). Tests run them by hand. */
  jobs: boolean;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** The board and challenge pages answer without sign-in (published and later states only). */
  publicBoard: boolean;
  /** Keep the heads of board lists in memory until the next change (off only to measure cold searches). */
  boardCache: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe: false (none — the default) or a list of proxy
   * addresses/CIDRs. Believing any sender, or a hop count (which cannot check who sent it), would
   * let anyone pick their own address.
   */
  trustProxy: false | string;
  /** The audit chain's key (≥ 32 characters); without it, a key file (auditKeyFile) is used or created. */
  auditKey?: string;
  auditKeyFile?: string;
  /** Where checkpoints of the audit chain are appended (outside the database). */
  auditCheckpoints?: string;
  /** Uploaded files: a directory, or an S3-compatible bucket when S3_BUCKET is set. */
  files: {
    filesDir: string;
    s3?: { bucket: string; endpoint?: string; region: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };
  };
  /** Largest upload in bytes. */
  uploadLimit: number;
}

/** An address only this machine can reach: the two-command start's, where the demo is safe. */
export const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function trustProxy(env: Env): false | string {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    throw new ConfigError('TRUST_PROXY', `must list the proxies' addresses (e.g. 127.0.0.1 for nginx on this host): a hop count cannot check who sent X-Forwarded-For, got ${raw}`);
  }
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const address = /^(?:[0-9a-f:.]+)(?:\/\d{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/i;
  const bad = list.filter((a) => !address.test(a));
  if (raw === 'true' || bad.length) {
    throw new ConfigError('TRUST_PROXY', `must be a comma-separated list of proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8), got "${raw}"`);
  }
  return list.join(',');
}

function oneOf(env: Env, name: string, fallback: string, allowed: string[]): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/jiebang.db';
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', `must be sqlite:<path> or postgres://…, got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  const adminLogin = env.JIEBANG_ADMIN_LOGIN || 'admin';
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(adminLogin)) {
    throw new ConfigError('JIEBANG_ADMIN_LOGIN', 'must be 2–64 letters, digits, "_", "." or "-"');
  }
  const adminPassword = env.JIEBANG_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('JIEBANG_ADMIN_PASSWORD', 'must be at least 12 characters');
  }
  // The demo is on by default only where nobody else can reach the server.
  const auditKey = env.JIEBANG_AUDIT_KEY || undefined;
  if (auditKey !== undefined && auditKey.length < 32) throw new ConfigError('JIEBANG_AUDIT_KEY', 'must be at least 32 characters (e.g. openssl rand -hex 32)');
  const demo = oneOf(env, 'JIEBANG_DEMO', isLoopback(host) ? '1' : '0', ['0', '1', 'true', 'false']);
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  const publicUrl = env.PUBLIC_URL || `http://${host}:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be a URL, got "${publicUrl}"`);
  }
  const publicBoard = oneOf(env, 'JIEBANG_PUBLIC_BOARD', '0', ['0', '1', 'true', 'false']);
  const logLevel = oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
  // Files beside the SQLite database by default (one directory to back up); S3 for several instances.
  const sqliteDir = databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:' ? dirname(databaseUrl.slice('sqlite:'.length)) : './data';
  const s3Endpoint = env.S3_ENDPOINT || undefined;
  if (s3Endpoint) {
    try { new URL(s3Endpoint); } catch { throw new ConfigError('S3_ENDPOINT', `must be a URL, got "${s3Endpoint}"`); }
  }
  if (env.S3_BUCKET && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(env.S3_BUCKET)) throw new ConfigError('S3_BUCKET', 'must be a bucket name (3–63 lower-case letters, digits, "." or "-")');
  if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) throw new ConfigError('S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  const files = {
    filesDir: env.JIEBANG_FILES_DIR || join(sqliteDir, 'files'),
    ...(env.S3_BUCKET ? {
      s3: {
        bucket: env.S3_BUCKET, endpoint: s3Endpoint, region: env.S3_REGION || 'us-east-1',
        accessKeyId: env.S3_ACCESS_KEY_ID || undefined, secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
        forcePathStyle: oneOf(env, 'S3_FORCE_PATH_STYLE', s3Endpoint ? '1' : '0', ['0', '1', 'true', 'false']) !== '0' && env.S3_FORCE_PATH_STYLE !== 'false',
      },
    } : {}),
  };
  return {
    port,
    host,
    databaseUrl,
    adminLogin,
    adminPassword,
    demo: demo === '1' || demo === 'true',
    redisUrl,
    publicUrl,
    logLevel,
    schedulerInterval: int(env, 'JIEBANG_SCHEDULER_INTERVAL', 30, 0, 86400),
    jobs: ['1', 'true'].includes(oneOf(env, 'JIEBANG_JOBS', '1', ['0', '1', 'true', 'false'])),
    sessionHours: int(env, 'JIEBANG_SESSION_HOURS', 12, 1, 24 * 90),
    bodyLimit: int(env, 'JIEBANG_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    publicBoard: publicBoard === '1' || publicBoard === 'true',
    boardCache: ['1', 'true'].includes(oneOf(env, 'JIEBANG_BOARD_CACHE', '1', ['0', '1', 'true', 'false'])),
    trustProxy: trustProxy(env),
    auditKey,
    auditKeyFile: env.JIEBANG_AUDIT_KEY_FILE || undefined,
    auditCheckpoints: env.JIEBANG_AUDIT_CHECKPOINTS || undefined,
    files,
    uploadLimit: int(env, 'JIEBANG_UPLOAD_LIMIT', 50 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
  };
}
