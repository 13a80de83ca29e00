// The events the projects area announces (in the transaction of the change).
declare module '../../core/events.ts' {
  interface DomainEvents {
    /** A project was created at award (or handed to the runner-up): its pledge waits to be drafted and signed. */
    'project.created': { projectId: string; title: string; leadId: string; memberIds: string[] };
    /** These people have a pledge to sign (named signatories, or an amendment approved). */
    'pledge.toSign': { projectId: string; title: string; userIds: string[]; version: number };
    /** Every signatory signed: the pledge is frozen (its hash is in the audit chain). */
    'pledge.signed': { projectId: string; title: string; version: number; hash: string; userIds: string[] };
    'milestone.submitted': { projectId: string; title: string; milestone: string; judgeIds: string[] };
    'milestone.decided': { projectId: string; title: string; milestone: string; outcome: 'accept' | 'return'; reason: string | null; teamIds: string[] };
    /** A help request was raised, or escalated one level up: these people should answer it. */
    'help.requested': { projectId: string; helpRequestId: string; title: string; kind: string; to: string[]; escalated: boolean; dueAt: string };
    'help.answered': { projectId: string; helpRequestId: string; title: string; leadId: string; outcome: string };
    'project.healthChanged': { projectId: string; title: string; from: string; to: string; reason: string; userIds: string[] };
    'report.reminder': { projectId: string; title: string; period: string; dueAt: string; when: 'before' | 'after'; userIds: string[] };
    /** A race gate: the team goes on, or is eliminated (cut or merged into another team). */
    'race.gate': { projectId: string; title: string; outcome: 'continue' | 'eliminated'; reason: string; teamIds: string[] };
    /** The rectification's deadline came and the project is still rectifying: time to re-check. */
    'rectify.due': { projectId: string; title: string; organizerIds: string[]; teamIds: string[] };
    'midterm.decided': { projectId: string; title: string; outcome: string; teamIds: string[]; comment: string | null };
  }
}

export {};
