// Files in an S3-compatible bucket (s3rver, a real S3 HTTP server started here) and on disk: the
// same upload and download through the app; a file above the upload limit is refused (413) and
// leaves no row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeDepartment, makeUser } from '../../../test/support/factories.ts';
import { makeCampaign, makeChallenge, proposal } from '../applications/test-helpers.ts';
import { s3Storage } from './storage.ts';

let server: S3rver;
let endpoint: string;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-s3-'));
const S3 = { S3_BUCKET: 'jiebang-files', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1' };

beforeAll(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: S3.S3_BUCKET, configs: [] }] });
  const { port } = await server.run() as unknown as { port: number };
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => { await server?.close(); rmSync(dir, { recursive: true, force: true }); });

/** A project under way whose lead uploads. */
async function projectOf(t: TestApp) {
  const dept = await makeDepartment(t.db);
  const campaign = await makeCampaign(t.db, { settings: { noticeDays: 0 } });
  const c = await makeChallenge(t.db, campaign.id, dept.id);
  const organizer = await makeUser(t.db, { roles: ['organizer', 'employee'] });
  const lead = await makeUser(t.db, { departmentId: dept.id });
  const call = (who: { auth: Record<string, string> }, url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.auth, payload });
  const app = (await call(lead, `/challenges/${c.id}/applications`, { proposal: proposal() })).json();
  for (const [url, action] of [[`/challenges/${c.id}/transitions`, 'close'], [`/applications/${app.id}/transitions`, 'qualify'], [`/challenges/${c.id}/transitions`, 'startReview'], [`/applications/${app.id}/transitions`, 'select'], [`/challenges/${c.id}/transitions`, 'award']] as const) {
    expect((await call(organizer, url, { action })).statusCode).toBe(200);
  }
  const project = await t.db.selectFrom('projects').select('id').where('application_id', '=', app.id).executeTakeFirstOrThrow();
  // Straight to execution: the signing is the projects tests' subject, not this one's.
  await t.db.updateTable('projects').set({ status: 'executing', executing_at: new Date().toISOString() }).where('id', '=', project.id).execute();
  return { lead, projectId: project.id };
}

describe('files in an S3-compatible bucket', () => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp({ env: { ...S3, S3_ENDPOINT: endpoint, JIEBANG_UPLOAD_LIMIT: '4096' } }); });

  it('stores the bytes in the bucket and serves them back unchanged', async () => {
    const { lead, projectId } = await projectOf(t);
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/files?name=${encodeURIComponent('数据.bin')}`, headers: { ...lead.auth, 'content-type': 'application/octet-stream' }, payload: bytes });
    expect(up.statusCode, up.body).toBe(201);
    const row = await t.db.selectFrom('files').selectAll().where('id', '=', up.json().id).executeTakeFirstOrThrow();
    expect(row.storage).toBe('s3');
    // The object is in the bucket, read with an S3 client of its own.
    const direct = s3Storage({ bucket: S3.S3_BUCKET, endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
    const chunks: Buffer[] = [];
    for await (const c of await direct.get(row.storage_key)) chunks.push(Buffer.from(c));
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    const down = await t.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/files/${row.id}`, headers: lead.auth });
    expect(down.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses a file above the upload limit and writes nothing', async () => {
    const { lead, projectId } = await projectOf(t);
    const before = Number((await t.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const big = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/files?name=big.bin`, headers: { ...lead.auth, 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(5000, 1) });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(Number((await t.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });
});
