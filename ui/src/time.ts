// Times as people read them, in the school's time zone.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A time as a person reads it, `1 Dec 2026, 7:47 pm`: the wire carries ISO 8601 with the
 * school's offset (`[locale] timezone`), so its own wall-clock fields are the school's time — no
 * conversion to this machine's zone. The same format as the core's `clock::local_text`;
 * anything else (a missing time) is shown as given. */
export function when(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, year, month, day, hh, mm] = m;
  const hour = Number(hh);
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}, ${h12}:${mm} ${hour < 12 ? 'am' : 'pm'}`;
}
