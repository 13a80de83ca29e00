// The events the review area announces (in the transaction of the change).
declare module '../../core/events.ts' {
  interface DomainEvents {
    /** Panels were drawn (or a replacement): these experts have new applications to score. */
    'review.assigned': { roundId: string; roundTitle: string; expertIds: string[]; deadline: string };
    /** A pitch session (答辩) was scheduled: the leads of its applications are told when and where. */
    'review.pitchScheduled': { roundId: string; applications: Array<{ id: string; leadId: string }>; title: string; startsAt: string; place: string | null; videoUrl: string | null };
    /** Before (a day) or after the deadline: sheets are missing from these experts. */
    'review.reminder': { roundId: string; roundTitle: string; deadline: string; when: 'before' | 'after'; expertIds: string[]; organizerId: string; missing: number };
    /** The organizer proposed a decision: the leaders have something to approve. */
    'review.decisionProposed': { decisionId: string; challengeId: string; title: string; leaderIds: string[] };
    /** A leader approved the decision or sent it back. */
    'review.decisionAnswered': { decisionId: string; challengeId: string; title: string; proposedBy: string; outcome: 'approve' | 'return'; comment: string | null };
  }
}

export {};
