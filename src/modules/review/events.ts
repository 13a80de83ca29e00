// The events the review area announces (in the transaction of the change).
declare module '../../core/events.ts' {
  interface DomainEvents {
    /** Panels were drawn (or a replacement): these experts have new applications to score. */
    'review.assigned': { roundId: string; roundTitle: string; expertIds: string[]; deadline: string };
  }
}

export {};
