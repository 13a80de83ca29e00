// A date and time in Beijing time, picked with antd's picker in the reader's language (the
// browser's native datetime-local showed "mm/dd/yyyy" inside the Chinese interface). The form
// value stays the wall-clock string "YYYY-MM-DDTHH:mm" that format.ts converts to and from ISO.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import { DatePicker } from 'antd';
import { useTranslation } from 'react-i18next';

const WALL = 'YYYY-MM-DDTHH:mm';
const DAYJS_LOCALE: Record<string, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

export function DateTimeField({ value, onChange, id, ...aria }: {
  value?: string; onChange?(v: string): void; id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string;
}) {
  const { t, i18n } = useTranslation();
  // Month and weekday names in the picker's panel follow dayjs's locale.
  dayjs.locale(DAYJS_LOCALE[i18n.language] ?? 'zh-cn');
  return (
    <DatePicker id={id} {...aria} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false}
      placeholder={t('common.pickDateTime')} style={{ minWidth: 200 }}
      value={value ? dayjs(value, WALL) : null} onChange={(d) => onChange?.(d ? d.format(WALL) : '')} />
  );
}
