import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../connect.ts';

// Cold board reads without touching the wide challenge rows for every candidate:
// - an index in the board's default order (newest first: published, else created), so the
//   first pages are read in order instead of sorting every visible challenge;
// - on SQLite, the facts the board filters on (state, department, campaign, category) beside
//   each search document, so that counting and filtering a search's matches reads narrow rows
//   by integer key instead of looking every match up in `challenges` by its text id. Triggers
//   keep them equal to the challenge's row whatever changes it (an edit, a transition, a job).
export async function up(db: Kysely<any>): Promise<void> {
  // (…, id desc) so that a backward scan gives the board's order: key desc, created_at desc, id asc.
  await sql`create index challenges_newest on challenges (coalesce(published_at, created_at), created_at, id desc)`.execute(db);
  if (dialectOf(db) === 'postgres') return;
  for (const column of ['status', 'sponsor_department_id', 'campaign_id', 'category']) {
    await db.schema.alterTable('search_docs').addColumn(column, 'text').execute();
  }
  await sql`update search_docs set (status, sponsor_department_id, campaign_id, category) =
    (select c.status, c.sponsor_department_id, c.campaign_id, c.category from challenges c where c.id = search_docs.challenge_id)`.execute(db);
  await sql`create trigger search_docs_facts_on_index after insert on search_docs begin
    update search_docs set (status, sponsor_department_id, campaign_id, category) =
      (select c.status, c.sponsor_department_id, c.campaign_id, c.category from challenges c where c.id = new.challenge_id)
    where doc = new.doc;
  end`.execute(db);
  await sql`create trigger search_docs_facts_on_change after update of status, sponsor_department_id, campaign_id, category on challenges begin
    update search_docs set status = new.status, sponsor_department_id = new.sponsor_department_id, campaign_id = new.campaign_id, category = new.category
    where challenge_id = new.id;
  end`.execute(db);
}
