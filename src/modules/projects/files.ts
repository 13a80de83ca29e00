// Files of a project: the team uploads deliverables (stored on disk or in S3 by the files area)
// and attaches them to a milestone's submission; everyone who reads the project downloads them.
import type { Readable } from 'node:stream';
import { runCommand } from '../../core/command.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { fileById, openFile, storeFile, type StorageConfig } from '../files/index.ts';
import { projectPolicy } from './policy.ts';
import { factsOf, loadForActor } from './service.ts';

const presentFile = (f: { id: string; name: string; mime: string; size: number; sha256: string; created_at: string }) =>
  ({ id: f.id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, createdAt: f.created_at });

/** A name as a person gave it, without path parts or control characters. */
const cleanName = (name: string) => name.replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim().slice(0, 200);

export async function uploadFile(ctx: Ctx, storage: StorageConfig, projectId: string, upload: { name: string; mime: string; body: Buffer }) {
  return runCommand(ctx, async (cmd) => {
    const p = await loadForActor(cmd.ctx, cmd.db, projectId);
    projectPolicy.authorize('uploadFile', await factsOf(cmd.db, cmd.actor, p));
    const name = cleanName(upload.name);
    if (!name) throw invalid([{ path: 'querystring.name', message: 'is required', code: 'required' }]);
    if (upload.body.length === 0) throw invalid([{ path: 'body', message: 'is an empty file', code: 'empty_file' }]);
    const f = await storeFile(cmd.db, storage, { entity: 'project', id: p.id }, { name, mime: upload.mime || 'application/octet-stream', body: upload.body }, cmd.actor!.id, cmd.now().toISOString());
    await cmd.audit({ action: 'file.uploaded', entity: 'project', entityId: p.id, after: { file: f.id, name, size: f.size, sha256: f.sha256 } });
    return presentFile(f);
  });
}

export async function downloadFile(ctx: Ctx, storage: StorageConfig, projectId: string, fileId: string): Promise<{ name: string; mime: string; size: number; stream: Readable }> {
  const p = await loadForActor(ctx, ctx.db, projectId);
  const f = await fileById(ctx.db, fileId);
  if (!f || f.owner_entity !== 'project' || f.owner_id !== p.id) throw notFound('file', fileId);
  return { name: f.name, mime: f.mime, size: f.size, stream: await openFile(storage, f) };
}
