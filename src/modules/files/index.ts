// What other areas may use of files: store an upload for an owner, read its record and bytes.
// The owner's area decides who may upload and read (its routes call these after its policy).
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db, Tx } from '../../db/connect.ts';
import type { FileTable } from '../../db/schema.ts';
import { storageFor, type StorageConfig } from './storage.ts';

export { storageFor, diskStorage, s3Storage, type FileStorage, type StorageConfig } from './storage.ts';

export interface Upload { name: string; mime: string; body: Buffer }

/**
 * Put the bytes first, then the row (in the caller's transaction): a failed write leaves no row;
 * a row whose transaction rolls back leaves an unreferenced object, which nothing lists.
 */
export async function storeFile(db: Db | Tx, storage: StorageConfig, owner: { entity: string; id: string }, upload: Upload, by: string, at: string): Promise<FileTable> {
  const s = storageFor(storage);
  const id = randomUUID();
  const key = `${owner.entity}/${owner.id}/${id}`;
  await s.put(key, upload.body, upload.mime);
  const row: FileTable = {
    id, owner_entity: owner.entity, owner_id: owner.id, name: upload.name, mime: upload.mime, size: upload.body.length,
    sha256: createHash('sha256').update(upload.body).digest('hex'), storage: s.kind, storage_key: key, uploaded_by: by, created_at: at,
  };
  await db.insertInto('files').values(row).execute();
  return row;
}

export const filesOf = (db: Db | Tx, ownerEntity: string, ownerIds: string[]) => (ownerIds.length === 0 ? Promise.resolve([] as FileTable[]) :
  db.selectFrom('files').selectAll().where('owner_entity', '=', ownerEntity).where('owner_id', 'in', ownerIds).orderBy('created_at').execute());

export const fileById = (db: Db | Tx, id: string) => db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();

export async function openFile(storage: StorageConfig, f: FileTable): Promise<Readable> {
  return storageFor(storage).get(f.storage_key);
}
