// After a refused submit, bring the first field in error into view and focus it: on a long form
// the banner at the top and the button at the bottom are a screen apart.
import type { FormInstance } from 'antd';

export function showFirstError(form: FormInstance) {
  // After the errors are set (a server's answer sets them just before this call).
  setTimeout(() => {
    const first = form.getFieldsError().find((f) => f.errors.length)?.name;
    if (first) form.scrollToField(first, { block: 'center', focus: true });
  }, 0);
}

/** A server's field problems (from `fieldErrors`) as antd fields: `milestones.0.dueAt` → ['milestones', 0, 'dueAt']. */
export function errorFields(errors: Record<string, string>) {
  return Object.entries(errors).map(([path, message]) => ({
    name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never, errors: [message],
  }));
}

/** Forget the errors an earlier answer set (fields without rules keep them otherwise), before asking again. */
export function clearErrors(form: FormInstance) {
  form.setFields(form.getFieldsError().map((f) => ({ name: f.name as never, errors: [] })));
}
