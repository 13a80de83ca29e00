// The events the applications area announces (in the transaction of the change).
declare module '../../core/events.ts' {
  interface DomainEvents {
    /** An application entered (+1) or left (−1) a state that holds a place. */
    'application.activeChanged': { challengeId: string; delta: 1 | -1 };
    'application.transitioned': {
      applicationId: string; challengeId: string; challengeTitle: string; leadId: string; memberIds: string[];
      action: string; from: string; to: string; reason: string | null;
    };
    /** A selected application whose challenge was awarded (立项). */
    'application.awarded': { applicationId: string; challengeId: string; challengeTitle: string; leadId: string; memberIds: string[] };
    'membership.invited': { applicationId: string; challengeTitle: string; leadId: string; userIds: string[] };
    'membership.answered': { applicationId: string; challengeTitle: string; leadId: string; userId: string; answer: 'confirm' | 'decline' };
  }
}

export {};
