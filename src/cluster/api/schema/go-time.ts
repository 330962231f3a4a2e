// metav1.Time and metav1.MicroTime on the wire: parsed as Go's time.Parse does with
// RFC 3339 layouts (with its error texts), written back in UTC as their MarshalJSON does.

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

export class GoTimeError extends Error {}

const q = (s: string) => JSON.stringify(s);

interface Elem { layout: string; digits?: number; sep?: string; frac?: number; zone?: boolean; max?: number; min?: number; name?: string }

function elements(layout: string): Elem[] {
  const micro = layout === RFC3339_MICRO;
  return [
    { layout: '2006', digits: 4, name: 'year' },
    { layout: '-', sep: '-' },
    { layout: '01', digits: 2, min: 1, max: 12, name: 'month' },
    { layout: '-', sep: '-' },
    { layout: '02', digits: 2, min: 1, max: 31, name: 'day' },
    { layout: 'T', sep: 'T' },
    { layout: '15', digits: 2, max: 23, name: 'hour' },
    { layout: ':', sep: ':' },
    { layout: '04', digits: 2, max: 59, name: 'minute' },
    { layout: ':', sep: ':' },
    { layout: '05', digits: 2, max: 59, name: 'second' },
    ...(micro ? [{ layout: '.000000', frac: 6 }] : []),
    { layout: 'Z07:00', zone: true },
  ];
}

/** Parses like Go's time.Parse(layout, value) for the two RFC 3339 layouts; returns epoch ms and the fraction digits. */
export function parseGoTime(layout: string, value: string): { ms: number; nanos: string } {
  const fail = (rest: string, elem: string, extra = ''): never => {
    throw new GoTimeError(`parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(elem)}${extra}`);
  };
  const parts: Record<string, number> = {};
  let nanos = '';
  let offsetMin = 0;
  let i = 0;
  for (const e of elements(layout)) {
    const rest = value.slice(i);
    if (e.sep !== undefined) {
      if (!rest.startsWith(e.sep)) fail(rest, e.layout);
      i += e.sep.length;
      // Go accepts a fraction after the seconds even when the layout has none.
      continue;
    }
    if (e.digits !== undefined) {
      const m = rest.slice(0, e.digits);
      if (!/^\d+$/.test(m) || m.length !== e.digits) fail(rest, e.layout);
      const v = Number(m);
      if ((e.max !== undefined && v > e.max) || (e.min !== undefined && v < e.min)) {
        throw new GoTimeError(`parsing time ${q(value)}: ${e.name} out of range`);
      }
      parts[e.name!] = v;
      i += e.digits;
      if (e.name === 'second' && layout === RFC3339 && /^[.,]\d/.test(value.slice(i))) {
        const f = /^[.,](\d+)/.exec(value.slice(i))!;
        nanos = f[1];
        i += f[0].length;
      }
      continue;
    }
    if (e.frac !== undefined) {
      const m = /^\.(\d+)/.exec(rest);
      if (!m || m[1].length !== e.frac) fail(rest, e.layout);
      nanos = m![1];
      i += m![0].length;
      continue;
    }
    if (e.zone) {
      if (rest.startsWith('Z')) {
        i += 1;
      } else {
        const m = /^([+-])(\d\d):(\d\d)/.exec(rest);
        if (!m) fail(rest, e.layout);
        const h = Number(m![2]);
        const mi = Number(m![3]);
        if (h > 24 || mi > 60) throw new GoTimeError(`parsing time ${q(value)}: time zone offset out of range`);
        offsetMin = (m![1] === '-' ? -1 : 1) * (h * 60 + mi);
        i += 6;
      }
    }
  }
  if (i < value.length) throw new GoTimeError(`parsing time ${q(value)}: extra text: ${q(value.slice(i))}`);
  const { year, month, day, hour, minute, second } = parts;
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysIn) throw new GoTimeError(`parsing time ${q(value)}: day out of range`);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
  return { ms, nanos };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** metav1.Time's MarshalJSON: UTC, whole seconds. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** metav1.MicroTime's MarshalJSON: UTC, six fraction digits. */
export function formatMicroTime(ms: number, nanos: string): string {
  return `${formatTime(ms).slice(0, -1)}.${nanos.padEnd(6, '0').slice(0, 6)}Z`;
}
