// The events the challenges area announces (in the transaction of the change).
import type { ChallengeAction, ChallengeState } from './lifecycle.ts';

declare module '../../core/events.ts' {
  interface DomainEvents {
    'challenge.transitioned': {
      challengeId: string; title: string; createdBy: string | null; action: ChallengeAction; from: string; to: ChallengeState; reason: string | null;
    };
    /** An objection to the notice was filed: the organizers answer it. */
    'challenge.objectionFiled': { challengeId: string; title: string; organizerIds: string[] };
  }
}

export {};
