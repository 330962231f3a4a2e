// apimachinery util/duration: the AGE text kubectl shows ("5m30s", "3d4h", "2y45d").
// Go works on integer nanoseconds and truncates toward zero; milliseconds are
// precise enough for every threshold here.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

const trunc = Math.trunc;

/** duration.HumanDuration: about 2-3 significant figures. */
export function humanDuration(ms: number): string {
  // Up to two seconds in the future still reads as now, for clock skew between hosts.
  const seconds = trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / minute);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / hour);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365;
    return dy === 0 ? `${trunc(hours / 24 / 365)}y` : `${trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${trunc(hours / 24 / 365)}y`;
}

/** duration.ShortHumanDuration: a single unit. */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / minute);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / hour);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(ms / hour / 24 / 365)}y`;
}
