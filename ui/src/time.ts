// Times as people read them, in the school's time zone and the window's language.

import { language } from './messages';

const MONTHS: Record<string, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  ms: ['Jan', 'Feb', 'Mac', 'Apr', 'Mei', 'Jun', 'Jul', 'Ogo', 'Sep', 'Okt', 'Nov', 'Dis'],
  ta: ['ஜன.', 'பிப்.', 'மார்.', 'ஏப்.', 'மே', 'ஜூன்', 'ஜூலை', 'ஆக.', 'செப்.', 'அக்.', 'நவ.', 'டிச.'],
};

/** A time as a person reads it, `1 Dec 2026, 7:47 pm` (or `2026年12月1日 下午7:47`, `1 Dis 2026,
 * 7:47 PTG`, `1 டிச., 2026, பிற்பகல் 7:47`): the wire carries ISO 8601 with the school's offset
 * (`[locale] timezone`), so its own wall-clock fields are the school's time — no conversion to
 * this machine's zone. The same formats as the core's `clock::local_text`; anything else (a
 * missing time) is shown as given. */
export function when(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, year, month, dd, hh, mm] = m;
  const hour = Number(hh);
  const pm = hour >= 12;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const day = Number(dd);
  const index = Number(month) - 1;
  switch (language()) {
    case 'zh-Hans':
      return `${year}年${index + 1}月${day}日 ${pm ? '下午' : '上午'}${h12}:${mm}`;
    case 'ms':
      return `${day} ${MONTHS.ms[index] ?? month} ${year}, ${h12}:${mm} ${pm ? 'PTG' : 'PG'}`;
    case 'ta':
      return `${day} ${MONTHS.ta[index] ?? month}, ${year}, ${pm ? 'பிற்பகல்' : 'முற்பகல்'} ${h12}:${mm}`;
    default:
      return `${day} ${MONTHS.en[index] ?? month} ${year}, ${h12}:${mm} ${pm ? 'pm' : 'am'}`;
  }
}
