// Domain events inside the transaction of the command that causes them. A module announces
// what happened (`cmd.emit`); other modules react in the same transaction (`on`), so that
// an area never reaches into another's tables and no import cycle is needed: applications
// announce a status change, challenges keep their applicant count, notifications write their
// outbox rows — all committed together or not at all.
import type { Command } from './command.ts';

/** Every event's payload by name. Modules add theirs by declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type EventName = keyof DomainEvents & string;
type Handler<E extends EventName> = (cmd: Command, event: DomainEvents[E]) => Promise<void> | void;

const handlers = new Map<string, Array<Handler<any>>>();

/** React to an event in the emitting command's transaction. Registered once, at module load. */
export function on<E extends EventName>(name: E, handler: Handler<E>): void {
  handlers.set(name, [...(handlers.get(name) ?? []), handler]);
}

export async function dispatch<E extends EventName>(cmd: Command, name: E, event: DomainEvents[E]): Promise<void> {
  for (const h of handlers.get(name) ?? []) await h(cmd, event);
}
