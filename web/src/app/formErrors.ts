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
