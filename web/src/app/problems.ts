// Turn a problem+json answer into words a person understands, in their language.
import i18n from './i18n';
import { ApiError, type Problem } from './api';

export function ruleMessage(p: Problem): string | null {
  const rule = typeof p.rule === 'string' ? p.rule : null;
  if (!rule) return null;
  // The rule's figures (limit, current, min, max …) come with the problem; the words come from i18n.
  if (i18n.exists(`rules.${rule}`)) return i18n.t(`rules.${rule}`, { ...p, detail: p.detail ?? '' });
  return p.detail ?? null;
}

/** One sentence for the whole problem: the rule, the state conflict, the role missing, or the server's detail. */
export function problemMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('errors.network');
  const p = err.problem;
  const rule = ruleMessage(p);
  if (rule) return rule;
  if (p.status === 401) return i18n.t('errors.unauthorized');
  if (p.status === 403) {
    if (p.code === 'csrf') return i18n.t('errors.csrf');
    if (p.code === 'recusal') return i18n.t('errors.recusal');
    const roles = p.requiredRoles?.map((r) => i18n.t(`roles.${r}`)).join(i18n.t('common.or'));
    return roles ? i18n.t('errors.forbiddenRole', { roles }) : i18n.t('errors.forbidden');
  }
  if (p.status === 404) return i18n.t('errors.notFound');
  // Conflicts with a code of their own (a locked sheet, a change made meanwhile), in the reader's words.
  if (p.status === 409 && typeof p.code === 'string' && i18n.exists(`conflicts.${p.code}`)) return i18n.t(`conflicts.${p.code}`);
  if (p.status === 409 && p.currentState) {
    return i18n.t('errors.transition', { state: i18n.t(`status.${p.currentState}`, { defaultValue: p.currentState }) });
  }
  if (p.status === 400) return i18n.t('errors.invalid');
  if (p.status === 429) return i18n.t('errors.throttled');
  if (p.status >= 500) return i18n.t('errors.server');
  return p.detail ?? i18n.t('errors.unknown');
}

/**
 * Field problems keyed by form field name: `body.proposal.summary` → `proposal.summary`.
 * The message is translated where we know the kind ("is required", "must NOT have fewer …").
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.problem.errors ?? []) {
    const name = e.path.replace(/^(body|query|params)\.?/, '');
    // A stable code with its parameters is worded here; otherwise the message is recognised.
    out[name] = e.code && i18n.exists(`validation.codes.${e.code}`) ? i18n.t(`validation.codes.${e.code}`, e.params ?? {}) : translateFieldMessage(e.message);
  }
  return out;
}

function translateFieldMessage(m: string): string {
  if (/is required/.test(m)) return i18n.t('validation.required');
  let x = /must NOT have fewer than (\d+) characters/.exec(m);
  if (x) return Number(x[1]) <= 1 ? i18n.t('validation.required') : i18n.t('validation.minLength', { n: x[1] });
  x = /must NOT have more than (\d+) characters/.exec(m);
  if (x) return i18n.t('validation.maxLength', { n: x[1] });
  x = /must be >= (\d+)/.exec(m);
  if (x) return i18n.t('validation.min', { n: x[1] });
  x = /must be <= (\d+)/.exec(m);
  if (x) return i18n.t('validation.max', { n: x[1] });
  if (/must match pattern/.test(m)) return i18n.t('validation.pattern');
  if (/must match format "date-time"/.test(m)) return i18n.t('validation.dateTime');
  if (/unknown|does not exist|not found/i.test(m)) return i18n.t('validation.unknownId');
  return i18n.t('validation.other', { message: m });
}
