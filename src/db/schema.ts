// The typed schema Kysely checks every query against. One schema for SQLite and PostgreSQL:
// ids are text (UUID), timestamps are ISO-8601 UTC text, flags are 0/1 integers and structured
// values are JSON text, so the same queries and migrations run on both.
import type { Generated } from 'kysely';
// The states come from the areas' state machines (type-only: the database layer loads no area).
import type { ApplicationStatus, MembershipStatus } from '../modules/applications/lifecycle.ts';
import type { ChallengeState } from '../modules/challenges/lifecycle.ts';
import type { RoundStatus } from '../modules/review/lifecycle.ts';
import type { MilestoneState, ProjectState } from '../modules/projects/lifecycle.ts';

export interface DepartmentTable {
  id: string;
  name: string;
  parent_id: string | null;
  code: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  login: string;
  name: string;
  /** The name in pinyin without tones or spaces ("zhangwei") and its initials ("zw"), for search and sorting. */
  name_pinyin: string;
  name_initials: string;
  password_hash: string | null;
  employee_no: string | null;
  department_id: string | null;
  roles: string; // JSON string[]
  political_status: string;
  birth_year: number | null;
  skills: string; // JSON string[]
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string; // sha256 of the cookie value
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AccessTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  /** full: everything the person may do; read: GET only. */
  scope: string;
  revoked_at: string | null;
}

export interface CampaignTable {
  id: string;
  name: string;
  theme: string | null;
  description: string | null;
  apply_from: string;
  apply_until: string;
  settings: string; // JSON CampaignSettings
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChallengeTable {
  id: string;
  campaign_id: string;
  title: string;
  category: string;
  sponsor_department_id: string;
  contact: string | null;
  background: string;
  goals: string;
  kpis: string; // JSON Kpi[]
  deliverables: string;
  duration_months: number;
  budget_cents: number;
  rewards: string | null; // JSON RewardRule[]
  eligibility: string | null; // JSON Eligibility
  technical_route: string | null;
  team_size_min: number;
  team_size_max: number;
  race_winners: number;
  tags: string; // JSON string[]
  apply_until: string | null; // overrides the campaign's deadline when set
  status: ChallengeState;
  status_reason: string | null;
  applicant_count: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  closed_at: string | null;
  awarded_at: string | null;
  notice_started_at: string | null;
  /** Objections filed during the notice and not yet answered: an open one holds the award. */
  open_objections: number;
}

/** SQLite: the FTS5 row of a challenge (FTS5 rows are numbered; challenges are not). */
export interface SearchDocTable {
  doc: Generated<number>;
  challenge_id: string;
  /** The challenge's facts the board filters on, kept equal to its row by triggers (0018). */
  status: Generated<string | null>;
  sponsor_department_id: Generated<string | null>;
  campaign_id: Generated<string | null>;
  category: Generated<string | null>;
}

/** SQLite: the documents of highest impact for a frequent token (search/heads.ts). */
export interface SearchHeadTable {
  token: string;
  doc: number;
  impact: number;
}

/** SQLite: the tokens that have a head, with the floor every document above it reaches the head by, and the avgdl impacts use. */
export interface SearchHeadTokenTable {
  token: string;
  floor: number;
  avgdl: number;
  held: number;
  docs: number;
}

/** SQLite: the FTS5 table (contentless: the token columns are indexed, not stored). */
export interface ChallengeFtsTable {
  rowid: number;
  title: string;
  tags: string;
  category: string;
  technical_route: string;
  goals: string;
  background: string;
}

/** PostgreSQL: the tsvector of a challenge, under a GIN index. */
export interface ChallengeSearchTable {
  challenge_id: string;
  doc: string;
  /** The challenge's facts the board filters on, kept equal to its row (0020; set on index, then by a trigger). */
  status: Generated<string | null>;
  sponsor_department_id: Generated<string | null>;
  campaign_id: Generated<string | null>;
  category: Generated<string | null>;
  /** The challenge's creation time: the board's tie-break between equal ranks. */
  created_at: Generated<string | null>;
}

/** PostgreSQL: the documents of highest impact for a frequent token, in the board's key (search/pg-heads.ts). */
export interface ChallengeSearchHeadTable {
  token: string;
  challenge_id: string;
  impact: number;
  created_at: string;
}

/** PostgreSQL: the tokens that have a head, with the key of the worst document kept (null: every holder is in the head). */
export interface ChallengeSearchHeadTokenTable {
  token: string;
  floor_impact: number | null;
  floor_created_at: string | null;
  floor_id: string | null;
}

export interface ApplicationTable {
  id: string;
  challenge_id: string;
  campaign_id: string;
  lead_id: string;
  status: ApplicationStatus;
  proposal: string; // JSON Proposal
  status_reason: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_at: string | null;
}

export interface ApplicationMemberTable {
  application_id: string;
  user_id: string;
  status: MembershipStatus;
  created_at: string;
  updated_at: string;
}

export interface ExpertTable {
  user_id: string;
  fields: string; // JSON string[]
  title: string | null;
  unit: string | null;
  available: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExpertConflictTable {
  id: string;
  expert_id: string;
  application_id: string;
  /** collaborator | supervisor | relative | other (declared), avoid (the applicant's), pinned (the organizer's) */
  kind: string;
  /** expert | applicant | organizer */
  source: string;
  reason: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ReviewRoundTable {
  id: string;
  campaign_id: string;
  challenge_id: string | null;
  title: string;
  status: RoundStatus;
  rubric: string; // JSON Criterion[]
  fields: string; // JSON string[]
  per_application: number;
  max_load: number;
  blind: number;
  calibrate: number;
  comments_at_extremes: number;
  deadline: string;
  candidates: string | null;
  inputs_hash: string | null;
  seed_hash: string | null;
  seed: string | null;
  panels: string | null;
  status_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  committed_at: string | null;
  drawn_at: string | null;
  closed_at: string | null;
  /** review, or pitch (答辩) after a review round (parent_round_id) for some of its applications. */
  kind: 'review' | 'pitch';
  parent_round_id: string | null;
  application_ids: string | null;
  session: string | null;
}

export interface ReviewAssignmentTable {
  id: string;
  round_id: string;
  application_id: string;
  expert_id: string;
  status: string;
  status_reason: string | null;
  replaces: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewDeclarationTable {
  round_id: string;
  expert_id: string;
  text_hash: string;
  accepted_at: string;
}

export interface ReviewSheetTable {
  id: string;
  round_id: string;
  application_id: string;
  expert_id: string;
  scores: string;
  comment: string | null;
  status: string;
  submitted_at: string | null;
  reopen_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ObjectionTable {
  id: string;
  challenge_id: string;
  filed_by: string;
  reason: string;
  status: 'open' | 'upheld' | 'dismissed';
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewDecisionTable {
  id: string;
  challenge_id: string;
  round_id: string | null;
  application_ids: string;
  ranked_ids: string;
  reason: string | null;
  status: 'proposed' | 'approved' | 'returned';
  proposed_by: string;
  decided_by: string | null;
  comment: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectTable {
  id: string;
  campaign_id: string;
  challenge_id: string;
  application_id: string;
  lead_id: string;
  title: string;
  status: ProjectState;
  status_reason: string | null;
  starts_at: string;
  ends_at: string;
  budget_cents: number;
  released_cents: number;
  spent_cents: number;
  percent_done: number;
  health: 'green' | 'amber' | 'red';
  health_reasons: string; // JSON HealthReason[]
  health_at: string | null;
  race: number;
  replaces_project_id: string | null;
  created_at: string;
  updated_at: string;
  executing_at: string | null;
  ended_at: string | null;
}

export interface PledgeTable {
  id: string;
  project_id: string;
  version: number;
  status: 'draft' | 'signed' | 'superseded';
  content: string; // JSON PledgeContent
  reason: string | null;
  hash: string | null;
  verify_code: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  signed_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
}

export interface PledgeSignatureTable {
  pledge_id: string;
  role: 'lead' | 'sponsor' | 'party';
  user_id: string;
  content_hash: string;
  signed_at: string;
}

export interface MilestoneTable {
  id: string;
  project_id: string;
  key: string;
  seq: number;
  title: string;
  due_at: string;
  deliverable: string;
  weight: number;
  tranche_cents: number;
  status: MilestoneState;
  status_reason: string | null;
  submission: string | null;
  submitted_at: string | null;
  decided_by: string | null;
  accepted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SpendingTable {
  id: string;
  project_id: string;
  amount_cents: number;
  purpose: string;
  spent_on: string;
  recorded_by: string;
  created_at: string;
}

export interface ProgressReportTable {
  id: string;
  project_id: string;
  period: string;
  percent_done: number;
  kpi_values: string;
  done: string;
  problems: string | null;
  next_steps: string | null;
  help_needed: string | null;
  submitted_by: string;
  submitted_at: string;
}

export interface HelpRequestTable {
  id: string;
  project_id: string;
  kind: 'resources' | 'people' | 'coordination' | 'funding' | 'other';
  body: string;
  addressed_to: 'party_branch' | 'leader';
  level: number;
  status: 'open' | 'answered';
  due_at: string;
  answer: string | null;
  outcome: string | null;
  answered_by: string | null;
  answered_at: string | null;
  escalated_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface MidtermReviewTable {
  id: string;
  project_id: string;
  status: 'open' | 'decided';
  opened_by: string;
  rating: string | null;
  outcome: string | null;
  comment: string | null;
  items: string | null;
  rectify_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CeremonyTable {
  id: string;
  campaign_id: string;
  title: string;
  held_at: string;
  mode: 'onsite' | 'video' | 'both';
  place: string | null;
  video_url: string | null;
  oath: string | null;
  attendance_onsite: number | null;
  attendance_online: number | null;
  photos: string;
  flags: string;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RaceGateTable {
  id: string;
  challenge_id: string;
  title: string;
  decisions: string;
  note: string | null;
  decided_by: string;
  decided_at: string;
}

export interface FileTable {
  id: string;
  owner_entity: string;
  owner_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage: 'disk' | 's3';
  storage_key: string;
  uploaded_by: string;
  created_at: string;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface AuditEventTable {
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string; // '' until sealed
  hash: string; // '' until sealed
  /** The order the sealer chained the event in (null: not sealed yet). */
  chain_seq: number | null;
}

export interface AuthFailureTable {
  key: string; // login:<lower(login)> or password:<user id>
  failures: number;
  last_failed_at: string;
}

export interface JobTable {
  id: string;
  kind: string;
  key: string | null;
  payload: string; // JSON
  status: string; // queued | running | done | dead
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobAttemptTable {
  id: string;
  job_id: string;
  attempt: number;
  instance: string;
  started_at: string;
  finished_at: string;
  error: string | null;
}

export interface NotificationTable {
  id: string;
  recipient_id: string;
  kind: string;
  entity: string;
  entity_id: string;
  params: string; // JSON
  actor_id: string | null;
  read_at: string | null;
  created_at: string;
}

export interface ChangeVersionTable {
  area: string;
  version: number;
}

export interface DB {
  departments: DepartmentTable;
  users: UserTable;
  sessions: SessionTable;
  access_tokens: AccessTokenTable;
  campaigns: CampaignTable;
  challenges: ChallengeTable;
  search_docs: SearchDocTable;
  challenge_fts: ChallengeFtsTable;
  search_heads: SearchHeadTable;
  search_head_tokens: SearchHeadTokenTable;
  challenge_search: ChallengeSearchTable;
  challenge_search_heads: ChallengeSearchHeadTable;
  challenge_search_head_tokens: ChallengeSearchHeadTokenTable;
  applications: ApplicationTable;
  application_members: ApplicationMemberTable;
  experts: ExpertTable;
  objections: ObjectionTable;
  expert_conflicts: ExpertConflictTable;
  review_rounds: ReviewRoundTable;
  review_assignments: ReviewAssignmentTable;
  review_declarations: ReviewDeclarationTable;
  review_sheets: ReviewSheetTable;
  review_decisions: ReviewDecisionTable;
  projects: ProjectTable;
  pledges: PledgeTable;
  pledge_signatures: PledgeSignatureTable;
  milestones: MilestoneTable;
  spending: SpendingTable;
  progress_reports: ProgressReportTable;
  help_requests: HelpRequestTable;
  midterm_reviews: MidtermReviewTable;
  ceremonies: CeremonyTable;
  race_gates: RaceGateTable;
  files: FileTable;
  idempotency_keys: IdempotencyKeyTable;
  audit_events: AuditEventTable;
  jobs: JobTable;
  auth_failures: AuthFailureTable;
  job_attempts: JobAttemptTable;
  notifications: NotificationTable;
  change_versions: ChangeVersionTable;
}
