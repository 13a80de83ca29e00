import type { Kysely } from 'kysely';

// Files (src/modules/files): what was uploaded — name, type, size, SHA-256 — and where the bytes
// are (on disk or in an S3-compatible bucket, behind one interface). The owner is the object the
// file belongs to (a project, for milestone deliverables).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_entity', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull()) // disk | s3
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_owner').on('files').columns(['owner_entity', 'owner_id']).execute();
}
