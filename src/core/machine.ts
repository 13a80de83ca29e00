// A state machine declared as data: the states of an entity and, per action, the states it
// leaves from, the state it reaches, the timestamp column it stamps and whether it needs a
// reason. Who may take an action and the guards that need facts are the entity's policy
// (policy.ts beside it); applying a transition to a row is the command runner's `transition`.
import { refuse, type Refusal } from './refusal.ts';

export interface TransitionSpec<S extends string> {
  from: readonly S[];
  to: S;
  /** A timestamp column set to the transition's time (e.g. published_at). */
  stamp?: string;
  /** The action must say why (returned with comments, cancelled with a reason). */
  reasonRequired?: boolean;
}

export interface Machine<S extends string, A extends string> {
  entity: string;
  states: readonly S[];
  actions: readonly A[];
  transitions: Readonly<Record<A, TransitionSpec<S>>>;
  isState(s: string): s is S;
  isAction(a: string): a is A;
  /** The actions the machine offers from a state, in declaration order. */
  actionsFrom(state: string): A[];
  /** The state an action leads to from `state`, or null when the state does not allow it. */
  next(state: string, action: A): S | null;
  /** A state refusal when the action does not leave from `state`. */
  stateRefusal(state: string, action: A): Refusal | null;
  /** The actions that need a reason (sent to clients so they ask for one). */
  reasonRequired: readonly A[];
}

export function defineMachine<const S extends string, const A extends string>(
  entity: string, states: readonly S[], transitions: Record<A, TransitionSpec<S>>,
): Machine<S, A> {
  const actions = Object.keys(transitions) as A[];
  for (const a of actions) {
    const t = transitions[a];
    for (const s of [...t.from, t.to]) {
      if (!states.includes(s)) throw new Error(`${entity}: transition ${a} names unknown state ${s}`);
    }
  }
  // Per state once: every board answer asks for each challenge's actions (policy rules call these).
  const byState = new Map(states.map((s) => [s as string, actions.filter((a) => (transitions[a].from as readonly string[]).includes(s))]));
  const from = (state: string) => byState.get(state) ?? [];
  return {
    entity,
    states,
    actions,
    transitions,
    isState: (s): s is S => (states as readonly string[]).includes(s),
    isAction: (a): a is A => (actions as readonly string[]).includes(a),
    actionsFrom: (state) => [...from(state)],
    next: (state, action) => (from(state).includes(action) ? transitions[action].to : null),
    stateRefusal: (state, action) => (from(state).includes(action) ? null : refuse.state(state, entity)),
    reasonRequired: actions.filter((a) => transitions[a].reasonRequired),
  };
}
