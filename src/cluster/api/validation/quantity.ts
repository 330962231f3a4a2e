// resource.Quantity, as far as the API server needs it: parse what a manifest
// says (`500m`, `128Mi`, `1e3`, 0.5), compare, and print the canonical form
// upstream stores and shows (`0.5` -> `500m`, `1000` -> `1k`, `1.5Gi` -> `1536Mi`).
// Values are kept exactly, in nano units, as upstream rounds anything finer up.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** The value times 10^9, rounded away from zero. */
  nanos: bigint;
  format: QuantityFormat;
}

/** resource.ErrFormatWrong: what a decode failure of a bad quantity says. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = 1_000_000_000n;

interface Parts { negative: boolean; num: string; denom: string; suffix: string }

// parseQuantityString, step by step as upstream scans it.
function scan(str: string): Parts | undefined {
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  const digits = (from: number): number => {
    let i = from;
    while (i < str.length && str[i] >= '0' && str[i] <= '9') i++;
    return i;
  };
  let end = digits(pos);
  const num = str.slice(pos, end) || '0';
  pos = end;
  let denom = '';
  if (str[pos] === '.') {
    end = digits(pos + 1);
    denom = str.slice(pos + 1, end);
    pos = end;
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  pos = digits(pos);
  if (pos < str.length) return undefined;
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

/** Parses a quantity; a string result is the error upstream reports. */
export function parseQuantity(input: string | number): Quantity | string {
  const str = typeof input === 'number' ? String(input) : input.trim();
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  const parts = scan(str);
  if (!parts) return QUANTITY_FORMAT_ERROR;

  let format: QuantityFormat;
  let numer = BigInt(parts.num + parts.denom);
  let denom = 10n ** BigInt(parts.denom.length);
  if (parts.suffix in binarySuffixes) {
    format = 'BinarySI';
    numer *= 2n ** BigInt(binarySuffixes[parts.suffix]);
  } else if (parts.suffix in decimalSuffixes) {
    format = 'DecimalSI';
    const exp = decimalSuffixes[parts.suffix];
    if (exp >= 0) numer *= 10n ** BigInt(exp);
    else denom *= 10n ** BigInt(-exp);
  } else if (/^[eE][-+]?[0-9]+$/.test(parts.suffix)) {
    format = 'DecimalExponent';
    const exp = Number(parts.suffix.slice(1));
    if (Math.abs(exp) > 1000) return QUANTITY_FORMAT_ERROR;
    if (exp >= 0) numer *= 10n ** BigInt(exp);
    else denom *= 10n ** BigInt(-exp);
  } else {
    return QUANTITY_FORMAT_ERROR;
  }
  const scaled = numer * NANO;
  let nanos = scaled / denom;
  if (scaled % denom !== 0n) nanos += 1n; // upstream rounds anything finer than nano up
  return { nanos: parts.negative ? -nanos : nanos, format };
}

export function isQuantity(q: Quantity | string): q is Quantity {
  return typeof q !== 'string';
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.RoundUp(scale): e.g. -3 rounds CPU up to whole millicores, away from zero. */
export function roundUpQuantity(q: Quantity, scale: number): Quantity {
  const unit = 10n ** BigInt(9 + scale);
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  const rounded = ((abs + unit - 1n) / unit) * unit;
  return { nanos: q.nanos < 0n ? -rounded : rounded, format: q.format };
}

const decimalSuffixFor = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binarySuffixList = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String(): the canonical form. */
export function quantityString(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  let format = q.format;
  // Small or fractional binary values would lose precision as Ki/Mi: upstream shows them in decimal.
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let v = abs / NANO;
    let k = 0;
    while (k < binarySuffixList.length - 1 && v % 1024n === 0n) {
      v /= 1024n;
      k++;
    }
    return `${sign}${v}${binarySuffixList[k]}`;
  }
  let m = abs;
  let e = -9;
  while (m % 1000n === 0n) {
    m /= 1000n;
    e += 3;
  }
  if (format === 'DecimalExponent') return `${sign}${m}${e === 0 ? '' : `e${e}`}`;
  while (e > 18) {
    m *= 1000n;
    e -= 3;
  }
  return `${sign}${m}${decimalSuffixFor.get(e) ?? ''}`;
}
