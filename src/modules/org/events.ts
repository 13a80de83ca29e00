// The events the organisation area announces (in the transaction of the change).
declare module '../../core/events.ts' {
  interface DomainEvents {
    /** An admin set a new password for the person: their sessions and tokens must end. */
    'user.passwordReset': { userId: string };
    /** The person's account was disabled. */
    'user.disabled': { userId: string };
  }
}

export {};
