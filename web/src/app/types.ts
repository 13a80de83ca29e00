// Shapes returned by the API (see /work/shared/design/api.md and the server's schemas.ts).
export type Role = 'admin' | 'organizer' | 'sponsor' | 'expert' | 'leader' | 'party_branch' | 'supervisor' | 'employee';
export const ROLES: Role[] = ['admin', 'organizer', 'sponsor', 'expert', 'leader', 'party_branch', 'supervisor', 'employee'];

export interface User {
  id: string; login: string; name: string; departmentId: string | null; employeeNo?: string | null;
  roles: Role[]; disabled: boolean; politicalStatus?: string; birthYear?: number | null; skills?: string[];
  isYouth?: boolean; allowedActions: string[];
}
export interface Department { id: string; name: string; parentId: string | null; code?: string | null; sortOrder?: number; allowedActions: string[] }
export interface CampaignSettings {
  maxActiveLeads: number; maxMemberships: number; minReviewers: number; trimmedMeanFrom: number;
  noticeDays: number; youthAge: number; reviewRequired: boolean;
}
export interface Campaign {
  id: string; name: string; theme: string | null; description: string | null; applyFrom: string; applyUntil: string;
  phase: 'upcoming' | 'open' | 'closed'; settings: CampaignSettings; allowedActions: string[];
}
export interface Kpi { name: string; baseline?: string | null; target: string; unit: string; weight: number }
export interface RewardRule { grade: 'excellent' | 'good' | 'pass'; description: string; amountCents?: number }
export interface Eligibility { text?: string; politicalStatuses?: string[]; youthOnly?: boolean; departmentIds?: string[]; requiredSkills?: string[] }
export interface Challenge {
  id: string; campaignId: string; campaignName: string; title: string; category: string;
  sponsorDepartmentId: string; sponsorDepartmentName: string; contact: string | null;
  background: string; goals: string; kpis: Kpi[]; deliverables: string; durationMonths: number; budgetCents: number;
  rewards: RewardRule[] | null; eligibility: Eligibility | null; technicalRoute: string | null;
  teamSizeMin: number; teamSizeMax: number; raceWinners: number; raceMode: boolean; tags: string[];
  applyUntil: string | null; applyFrom: string; deadline: string; status: string; statusReason: string | null;
  applicantCount: number; createdAt: string; updatedAt: string; publishedAt: string | null; closedAt: string | null; awardedAt: string | null;
  highlights?: { title: string; summary: string };
  myApplication: { id: string; status: string } | null;
  /** The selected leads, once awarded (when the server provides them). */
  awardedLeads?: { id: string; name: string }[];
  allowedActions: string[];
}
export interface Proposal { summary: string; approach: string; plan: string; expectedResults: string }
export interface Member { id: string; name: string; status: string }
export interface Application {
  id: string; challengeId: string; challengeTitle: string; campaignId: string;
  lead: { id: string; name: string; departmentName: string | null };
  members: Member[]; proposal: Proposal; status: string; statusReason: string | null;
  submittedAt: string | null; decidedAt: string | null; createdAt: string; updatedAt: string; allowedActions: string[];
}
export interface AuditEvent {
  seq: number; at: string; actorId: string | null; action: string; entity: string; entityId: string;
  before: unknown; after: unknown; reason: string | null; hash: string;
}
