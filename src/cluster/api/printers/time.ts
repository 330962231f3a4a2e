// Timestamps as the printers read them: RFC 3339 (metav1.Time) or with
// microseconds (metav1.MicroTime). A missing value, null, or Go's zero time all
// count as "zero", which the printers show as <unknown>.

import { humanDuration } from './duration';

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch, or undefined for a zero or unreadable time. */
export function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const m = rfc3339.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone, sign, zh, zm] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Date.UTC maps years 0-99 to 1900-1999; Go's zero time is year 1.
  if (Number(y) < 100) return undefined;
  if (zone !== 'Z' && zone !== 'z') {
    const offset = (Number(zh) * 60 + Number(zm)) * 60_000;
    t += sign === '+' ? -offset : offset;
  }
  return t;
}

/** Elapsed time since an instant in epoch milliseconds, as the AGE column shows it. */
export function translateSince(t: number, now: Date): string {
  return humanDuration(now.getTime() - t);
}

/** translateTimestampSince in printers.go. */
export function translateTimestampSince(value: string | null | undefined, now: Date): string {
  const t = parseTime(value);
  return t === undefined ? '<unknown>' : translateSince(t, now);
}
