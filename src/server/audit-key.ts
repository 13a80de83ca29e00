// The audit chain's secrets, kept outside the database: the key (JIEBANG_AUDIT_KEY, or a key file
// created on first start beside the SQLite file / in ./data, readable by the owner only) and the
// checkpoint file. Several instances must share the key: set JIEBANG_AUDIT_KEY on each.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configureAuditChain } from '../core/audit.ts';
import type { Config } from './config.ts';

function dataDir(config: Config): string | null {
  if (!config.databaseUrl.startsWith('sqlite:')) return './data';
  const file = config.databaseUrl.slice('sqlite:'.length);
  return file === ':memory:' ? null : dirname(file);
}

export function setUpAuditChain(config: Config): void {
  const dir = dataDir(config);
  const keyFile = config.auditKeyFile ?? (dir ? join(dir, 'audit.key') : null);
  let key: Buffer;
  if (config.auditKey) key = Buffer.from(config.auditKey, 'utf8');
  else if (keyFile) {
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    }
    key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'utf8');
  } else key = randomBytes(32); // an in-memory database lives as long as its key
  const checkpoints = config.auditCheckpoints ?? (dir ? join(dir, 'audit-checkpoints.log') : null);
  if (checkpoints) mkdirSync(dirname(checkpoints), { recursive: true });
  configureAuditChain({ key, checkpoints });
}
